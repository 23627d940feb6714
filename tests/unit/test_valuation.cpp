#include <doctest/doctest.h>

#include <cstdlib>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/error.hpp"
#include "rma/valuation.hpp"

using rma::BreakdownLine;
using rma::Error;
using rma::Money;
using rma::Status;
using rma::Valuation;
using rma::ValuationInput;
using rma::ValuationLineInput;
using rma::ValuationRules;

namespace {

Money eur(std::int64_t minor) { return Money{minor, "EUR"}; }

ValuationLineInput line(std::int32_t line_no, std::int64_t unit_price, std::int64_t qty, std::int32_t vat = 2200) {
  ValuationLineInput l;
  l.line_no = line_no;
  l.sku = "PH-100";
  l.category = "phones";
  l.reason_code = "changed_mind";
  l.condition = "opened";
  l.unit_price = unit_price;
  l.vat_rate_bp = vat;
  l.qty_returned = qty;
  return l;
}

ValuationInput input_of(std::vector<ValuationLineInput> lines, std::string currency = "EUR") {
  ValuationInput in;
  in.currency = std::move(currency);
  in.lines = std::move(lines);
  return in;
}

ValuationRules rules_of(const char* json) { return rma::valuation_rules_from_json(json); }

// The one breakdown line with this code on this case line; fails the test if there is none.
const BreakdownLine& entry(const Valuation& v, std::int32_t line_no, const std::string& code) {
  for (const BreakdownLine& b : v.breakdown)
    if (b.line_no == line_no && b.code == code) return b;
  FAIL("no breakdown line " << code << " on line " << line_no);
  static const BreakdownLine none;
  return none;
}

bool has(const Valuation& v, std::int32_t line_no, const std::string& code) {
  for (const BreakdownLine& b : v.breakdown)
    if (b.line_no == line_no && b.code == code) return true;
  return false;
}

struct Failure {
  Status status = Status::ok;
  std::string field;
  std::string message;
};

Failure failure(const ValuationRules& rules, const ValuationInput& in) {
  try {
    rma::value(rules, in);
  } catch (const Error& e) {
    return Failure{e.status(), e.field(), e.what()};
  }
  return Failure{};
}

// Refund (net) of one line with one restocking rule.
Money fee_of(const char* rules, std::int64_t unit_price, std::int64_t qty = 1, const char* currency = "EUR") {
  ValuationLineInput l = line(1, unit_price, qty);
  l.currency = currency;
  return entry(rma::value(rules_of(rules), input_of({l}, currency)), 1, "restocking_fee").amount;
}

}  // namespace

TEST_CASE("valuation: with no rules a return is worth what was paid for it") {
  const Valuation v = rma::value(ValuationRules{}, input_of({line(1, 4990, 2)}));
  CHECK(entry(v, 1, "goods_net").amount == eur(9980));
  CHECK(entry(v, 1, "goods_net").base == eur(4990));
  CHECK(entry(v, 1, "goods_vat").amount == eur(2196));  // 21.956 rounds to 21.96
  CHECK(entry(v, 1, "goods_vat").rate_bp == 2200);
  CHECK(entry(v, 1, "goods_gross").amount == eur(12176));
  CHECK(entry(v, 1, "refund").base == eur(9980));
  CHECK(entry(v, 1, "refund").amount == eur(12176));
  CHECK_FALSE(has(v, 1, "restocking_fee"));
  CHECK_FALSE(has(v, 1, "depreciation"));
  CHECK_FALSE(has(v, 0, "repair_cost"));
  CHECK_FALSE(has(v, 0, "shipping_in"));
  REQUIRE(v.totals.size() == 1);
  CHECK(v.totals[0].currency == "EUR");
  CHECK(v.totals[0].refund == eur(12176));
  CHECK(v.totals[0].refund_net == eur(9980));
  CHECK(v.totals[0].net_cost == eur(9980));
  CHECK(entry(v, 0, "net_cost").amount == eur(9980));
  CHECK(v.totals[0].repair_cost == eur(0));
}

TEST_CASE("valuation: zero amounts value to zero") {
  const ValuationRules rules = rules_of(R"({"restocking_fees": [{"percent_bp": 1500}],
    "depreciation": [{"method": "linear", "monthly_rate_bp": 200}]})");
  const std::vector<std::pair<std::int64_t, std::int64_t>> cases = {{0, 1}, {4990, 0}, {0, 0}};
  for (const auto& [price, qty] : cases) {
    ValuationLineInput l = line(1, price, qty);
    l.age_months = 10;
    const Valuation v = rma::value(rules, input_of({l}));
    CHECK(entry(v, 1, "goods_net").amount == eur(0));
    CHECK(entry(v, 1, "goods_gross").amount == eur(0));
    CHECK(entry(v, 1, "restocking_fee").amount == eur(0));
    CHECK(entry(v, 1, "depreciation").amount == eur(0));
    CHECK(entry(v, 1, "refund").amount == eur(0));
    CHECK(v.totals[0].net_cost == eur(0));
  }
  // No lines at all: a case with nothing to value.
  const Valuation empty = rma::value(ValuationRules{}, input_of({}));
  REQUIRE(empty.totals.size() == 1);
  CHECK(empty.totals[0].refund == eur(0));
}

TEST_CASE("valuation: halves round half-even by default and half-up when the rules say so") {
  const char* even = R"({"restocking_fees": [{"percent_bp": 5000}]})";
  const char* up = R"({"rounding": "half_up", "restocking_fees": [{"percent_bp": 5000}]})";
  // 50 % of 0.05 is 0.025: half-even goes down to the even 0.02, half-up to 0.03.
  CHECK(fee_of(even, 5) == eur(2));
  CHECK(fee_of(up, 5) == eur(3));
  // 50 % of 0.07 is 0.035: both go up to 0.04 (4 is even).
  CHECK(fee_of(even, 7) == eur(4));
  CHECK(fee_of(up, 7) == eur(4));
  // 50 % of 0.09 is 0.045: half-even goes down to 0.04, half-up to 0.05.
  CHECK(fee_of(even, 9) == eur(4));
  CHECK(fee_of(up, 9) == eur(5));
  // The refund takes the rounded fee: 0.05 - 0.02 = 0.03 (half-even), 0.05 - 0.03 = 0.02 (half-up).
  CHECK(entry(rma::value(rules_of(even), input_of({line(1, 5, 1, 0)})), 1, "refund").amount == eur(3));
  CHECK(entry(rma::value(rules_of(up), input_of({line(1, 5, 1, 0)})), 1, "refund").amount == eur(2));
}

TEST_CASE("valuation: a 100 % restocking fee refunds nothing, and is not a clamp") {
  const Valuation v = rma::value(rules_of(R"({"restocking_fees": [{"percent_bp": 10000}]})"), input_of({line(1, 4990, 1)}));
  CHECK(entry(v, 1, "restocking_fee").amount == eur(4990));
  CHECK(entry(v, 1, "restocking_fee").rate_bp == 10000);
  CHECK(entry(v, 1, "refund").base == eur(0));
  CHECK(entry(v, 1, "refund").amount == eur(0));
  CHECK(entry(v, 1, "refund").label == "Refund");
  // 99.99 % leaves a unit on 100.00 EUR.
  const Valuation w = rma::value(rules_of(R"({"restocking_fees": [{"percent_bp": 9999}]})"), input_of({line(1, 10000, 1)}));
  CHECK(entry(w, 1, "refund").base == eur(1));
}

TEST_CASE("valuation: a fee larger than the price refunds zero, never a negative amount, and says so") {
  const ValuationRules rules = rules_of(R"({"restocking_fees": [{"fixed": "10.00 EUR"}]})");
  const Valuation over = rma::value(rules, input_of({line(1, 999, 1)}));
  CHECK(entry(over, 1, "restocking_fee").amount == eur(1000));
  CHECK(entry(over, 1, "refund").base == eur(0));
  CHECK(entry(over, 1, "refund").amount == eur(0));
  CHECK(entry(over, 1, "refund").label.find("held at zero") != std::string::npos);
  CHECK(over.totals[0].refund == eur(0));
  const Valuation equal = rma::value(rules, input_of({line(1, 1000, 1)}));
  CHECK(entry(equal, 1, "refund").base == eur(0));
  CHECK(entry(equal, 1, "refund").label == "Refund");
  const Valuation under = rma::value(rules, input_of({line(1, 1001, 1, 0)}));
  CHECK(entry(under, 1, "refund").base == eur(1));
  CHECK(entry(under, 1, "refund").amount == eur(1));
}

TEST_CASE("valuation: a fee is raised to its minimum and lowered to its maximum, on both sides") {
  const char* rules = R"({"restocking_fees": [{"percent_bp": 1000, "minimum": "5.00 EUR", "maximum": "20.00 EUR"}]})";
  CHECK(fee_of(rules, 4900) == eur(500));    // 4.90 -> raised to 5.00
  CHECK(fee_of(rules, 5000) == eur(500));    // exactly 5.00
  CHECK(fee_of(rules, 5010) == eur(501));    // 5.01, above the minimum
  CHECK(fee_of(rules, 19990) == eur(1999));  // 19.99, below the maximum
  CHECK(fee_of(rules, 20000) == eur(2000));  // exactly 20.00
  CHECK(fee_of(rules, 20010) == eur(2000));  // 20.01 -> lowered to 20.00
  const ValuationRules r = rules_of(rules);
  CHECK(entry(rma::value(r, input_of({line(1, 4900, 1)})), 1, "restocking_fee").label.find("raised to the minimum") !=
        std::string::npos);
  CHECK(entry(rma::value(r, input_of({line(1, 20010, 1)})), 1, "restocking_fee").label.find("lowered to the maximum") !=
        std::string::npos);
  CHECK(entry(rma::value(r, input_of({line(1, 5000, 1)})), 1, "restocking_fee").label == "Restocking fee 10.00 %");
  // A minimum above the goods value is still the fee: the refund holds at zero.
  const Valuation v = rma::value(r, input_of({line(1, 300, 1)}));
  CHECK(entry(v, 1, "restocking_fee").amount == eur(500));
  CHECK(entry(v, 1, "refund").base == eur(0));
}

TEST_CASE("valuation: the first restocking rule matching reason, condition and category applies") {
  const char* rules = R"({"restocking_fees": [
      {"reasons": ["defective"], "percent_bp": 0},
      {"reasons": ["changed_mind"], "conditions": ["sealed"], "percent_bp": 500},
      {"reasons": ["changed_mind"], "categories": ["phones"], "percent_bp": 1500},
      {"percent_bp": 2000}]})";
  CHECK(fee_of(rules, 10000) == eur(1500));  // changed_mind, opened, phones: the third rule
  ValuationLineInput sealed = line(1, 10000, 1);
  sealed.condition = "sealed";
  CHECK(entry(rma::value(rules_of(rules), input_of({sealed})), 1, "restocking_fee").amount == eur(500));
  ValuationLineInput other = line(1, 10000, 1);
  other.category = "laptops";
  CHECK(entry(rma::value(rules_of(rules), input_of({other})), 1, "restocking_fee").amount == eur(2000));
  ValuationLineInput defective = line(1, 10000, 1);
  defective.reason_code = "defective";
  CHECK(entry(rma::value(rules_of(rules), input_of({defective})), 1, "restocking_fee").amount == eur(0));
  // A fixed fee per unit.
  CHECK(fee_of(R"({"restocking_fees": [{"fixed": "2.50 EUR", "per_unit": true}]})", 1000, 3) == eur(750));
  CHECK(fee_of(R"({"restocking_fees": [{"fixed": "2.50 EUR"}]})", 1000, 3) == eur(250));
}

TEST_CASE("valuation: depreciation stops at its floor, on both sides of it") {
  const ValuationRules rules =
      rules_of(R"({"depreciation": [{"method": "linear", "monthly_rate_bp": 200, "floor_percent_bp": 3000}]})");
  const auto at_age = [&](std::int32_t months) {
    ValuationLineInput l = line(1, 10000, 1);
    l.age_months = months;
    return rma::value(rules, input_of({l}));
  };
  const Valuation below = at_age(34);  // 68 %
  CHECK(entry(below, 1, "depreciation").amount == eur(6800));
  CHECK(entry(below, 1, "depreciation").rate_bp == 6800);
  const Valuation at = at_age(35);  // 70 %: exactly down to the floor
  CHECK(entry(at, 1, "depreciation").amount == eur(7000));
  CHECK(entry(at, 1, "depreciation").label.find("floor") == std::string::npos);
  const Valuation above = at_age(36);  // 72 %, held at 70 %
  CHECK(entry(above, 1, "depreciation").amount == eur(7000));
  CHECK(entry(above, 1, "depreciation").rate_bp == 7000);
  CHECK(entry(above, 1, "depreciation").label.find("held at the floor of 30.00 %") != std::string::npos);
  CHECK(entry(above, 1, "refund").base == eur(3000));
  CHECK(entry(at_age(600), 1, "refund").base == eur(3000));
  // The value left is never below the floor, even where rounding could take it a unit lower:
  // 50 % of 0.03 is 0.015, which rounds to 0.02 left, so at most 0.01 goes.
  const ValuationRules half =
      rules_of(R"({"depreciation": [{"method": "linear", "monthly_rate_bp": 10000, "floor_percent_bp": 5000}]})");
  ValuationLineInput tiny = line(1, 3, 1, 0);
  tiny.age_months = 5;
  CHECK(entry(rma::value(half, input_of({tiny})), 1, "refund").base == eur(2));
}

TEST_CASE("valuation: linear and stepped depreciation at month boundaries") {
  const ValuationRules rules = rules_of(R"({"depreciation": [
      {"categories": ["furniture"], "method": "stepped",
       "steps": [{"from_month": 6, "percent_bp": 1000}, {"from_month": 12, "percent_bp": 2500}]},
      {"categories": ["phones"], "method": "linear", "monthly_rate_bp": 150},
      {"method": "none"}]})");
  const auto depreciated = [&](const char* category, std::int32_t months) {
    ValuationLineInput l = line(1, 10000, 1);
    l.category = category;
    l.age_months = months;
    const Valuation v = rma::value(rules, input_of({l}));
    return has(v, 1, "depreciation") ? entry(v, 1, "depreciation").amount.minor : -1;
  };
  CHECK(depreciated("furniture", 0) == 0);
  CHECK(depreciated("furniture", 5) == 0);
  CHECK(depreciated("furniture", 6) == 1000);
  CHECK(depreciated("furniture", 11) == 1000);
  CHECK(depreciated("furniture", 12) == 2500);
  CHECK(depreciated("furniture", 120) == 2500);
  CHECK(depreciated("phones", 0) == 0);
  CHECK(depreciated("phones", 1) == 150);
  CHECK(depreciated("phones", 6) == 900);
  CHECK(depreciated("phones", 66) == 9900);
  CHECK(depreciated("phones", 67) == 10000);  // 100.5 % is held at the whole value
  CHECK(depreciated("phones", 1000) == 10000);
  CHECK(depreciated("garden", 24) == -1);  // method none: no line at all

  CHECK(rma::age_in_months(rma::Date{2025, 1, 15}, rma::Date{2025, 3, 14}) == 1);
  CHECK(rma::age_in_months(rma::Date{2025, 1, 15}, rma::Date{2025, 3, 15}) == 2);
  CHECK(rma::age_in_months(rma::Date{2025, 1, 15}, rma::Date{2025, 1, 15}) == 0);
  CHECK(rma::age_in_months(rma::Date{2025, 1, 15}, rma::Date{2024, 12, 1}) == 0);
  CHECK(rma::age_in_months(rma::Date{2024, 11, 30}, rma::Date{2025, 11, 29}) == 11);
  CHECK(rma::age_in_months(rma::Date{2024, 11, 30}, rma::Date{2025, 11, 30}) == 12);
}

TEST_CASE("valuation: deductions found at inspection") {
  const ValuationRules rules = rules_of(R"({"deductions": [
      {"code": "missing_accessories", "percent_bp": 1000}, {"code": "packaging", "fixed": "3.00 EUR"},
      {"code": "scratches", "fixed": "1.00 EUR", "per_unit": true}]})");
  ValuationLineInput l = line(1, 5000, 2);
  l.deductions = {"packaging", "missing_accessories", "scratches"};
  const Valuation v = rma::value(rules, input_of({l}));
  CHECK(entry(v, 1, "deduction:missing_accessories").amount == eur(1000));
  CHECK(entry(v, 1, "deduction:missing_accessories").rate_bp == 1000);
  CHECK(entry(v, 1, "deduction:packaging").amount == eur(300));
  CHECK(entry(v, 1, "deduction:scratches").amount == eur(200));
  CHECK(entry(v, 1, "refund").base == eur(8500));
  // In the order they were found.
  std::vector<std::string> codes;
  for (const BreakdownLine& b : v.breakdown)
    if (b.code.rfind("deduction:", 0) == 0) codes.push_back(b.code);
  CHECK(codes == std::vector<std::string>{"deduction:packaging", "deduction:missing_accessories", "deduction:scratches"});

  l.deductions = {"packaging", "dents"};
  const Failure unknown = failure(rules, input_of({l}));
  CHECK(unknown.status == Status::unknown_value);
  CHECK(unknown.field == "lines[0].deductions[1]");
  l.deductions = {"packaging", "packaging"};
  CHECK(failure(rules, input_of({l})).status == Status::duplicate);
}

TEST_CASE("valuation: a line number given twice names the first line repeating one and where it was first given") {
  // Up to 16 lines are compared pairwise, longer cases sorted: the same answer either way.
  for (const std::int32_t lines : {4, 16, 17, 200}) {
    CAPTURE(lines);
    std::vector<ValuationLineInput> all;
    for (std::int32_t i = 0; i < lines; ++i) all.push_back(line(i + 1, 1000, 1));
    CHECK(failure(rules_of("{}"), input_of(all)).status == Status::ok);
    // Lines 2 and last repeat line 1; line 1 (index 1) is the first to repeat one.
    all[static_cast<std::size_t>(lines - 1)].line_no = 2;
    all[2].line_no = 1;
    all[1].line_no = 1;
    const Failure twice = failure(rules_of("{}"), input_of(all));
    CHECK(twice.status == Status::duplicate);
    CHECK(twice.field == "lines[1].line_no");
    CHECK(twice.message == "lines[1].line_no: line 1 is already given at lines[0]");
    // Only a later pair: it is named, with the earlier of the two.
    all[1].line_no = 2;
    all[2].line_no = 3;
    const Failure later = failure(rules_of("{}"), input_of(all));
    CHECK(later.field == "lines[" + std::to_string(lines - 1) + "].line_no");
    CHECK(later.message == later.field + ": line 2 is already given at lines[1]");
  }
}

TEST_CASE("valuation: JPY has no minor digits and KWD has three") {
  const char* rules = R"({"restocking_fees": [{"percent_bp": 1000}]})";
  CHECK(fee_of(rules, 1005, 1, "JPY") == Money{100, "JPY"});  // 100.5 -> 100
  CHECK(fee_of(rules, 1015, 1, "JPY") == Money{102, "JPY"});  // 101.5 -> 102
  ValuationLineInput yen = line(1, 1980, 3, 1000);
  const Valuation jpy = rma::value(ValuationRules{}, input_of({yen}, "JPY"));
  CHECK(entry(jpy, 1, "goods_net").amount == Money{5940, "JPY"});
  CHECK(entry(jpy, 1, "goods_gross").amount == Money{6534, "JPY"});
  CHECK(rma::format_money(jpy.totals[0].refund) == "6534 JPY");

  // 15 % of 2 × 1.235 KWD = 0.3705 -> 0.370 (half-even), 0.371 (half-up).
  const char* kwd_rules = R"({"restocking_fees": [{"percent_bp": 1500}]})";
  CHECK(fee_of(kwd_rules, 1235, 2, "KWD") == Money{370, "KWD"});
  CHECK(fee_of(R"({"rounding": "half_up", "restocking_fees": [{"percent_bp": 1500}]})", 1235, 2, "KWD") ==
        Money{371, "KWD"});
  const Valuation kwd = rma::value(rules_of(kwd_rules), input_of({line(1, 1235, 2, 0)}, "KWD"));
  CHECK(rma::format_money(entry(kwd, 1, "refund").amount) == "2.100 KWD");
  // A fixed amount of the rules must be written with the currency's own digits.
  CHECK_THROWS_AS(rules_of(R"({"restocking_fees": [{"fixed": "1.00 KWD"}]})"), Error);
}

TEST_CASE("valuation: an amount beyond 64 bits is out_of_range, naming the field") {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max() / 2 + 1;
  Failure f = failure(ValuationRules{}, input_of({line(1, big, 2)}));
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "lines[0].unit_price");
  CHECK(f.message.find("overflow") != std::string::npos);
  // One unit fits, but its gross with VAT does not.
  f = failure(ValuationRules{}, input_of({line(1, std::numeric_limits<std::int64_t>::max() - 10, 1)}));
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "lines[0].unit_price");
  // Without VAT it fits exactly.
  CHECK(entry(rma::value(ValuationRules{}, input_of({line(1, std::numeric_limits<std::int64_t>::max(), 1, 0)})), 1,
              "refund")
            .base.minor == std::numeric_limits<std::int64_t>::max());
  // Two lines that fit alone overflow the totals.
  const std::int64_t half = std::numeric_limits<std::int64_t>::max() / 2 + 1;
  f = failure(ValuationRules{}, input_of({line(1, half, 1, 0), line(2, half, 1, 0)}));
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "totals");
}

TEST_CASE("valuation: currencies are never mixed; the error names the field") {
  ValuationLineInput pln = line(1, 10000, 1);
  pln.currency = "PLN";
  Failure f = failure(rules_of(R"({"restocking_fees": [{"fixed": "5.00 EUR"}]})"), input_of({pln}));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "restocking_fees[0].fixed");
  f = failure(rules_of(R"({"restocking_fees": [{"percent_bp": 100, "minimum": "5.00 EUR"}]})"), input_of({pln}));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "restocking_fees[0].minimum");
  CHECK(f.message.find("EUR") != std::string::npos);
  CHECK(f.message.find("PLN") != std::string::npos);
  f = failure(rules_of(R"({"deductions": [{"code": "packaging", "fixed": "3.00 EUR"}]})"),
              [&] {
                ValuationLineInput l = pln;
                l.deductions = {"packaging"};
                return input_of({l});
              }());
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "deductions[0].fixed");

  ValuationInput repair = input_of({line(1, 10000, 1)});
  repair.kind = rma::CaseKind::repair;
  repair.operations.push_back(rma::RepairOperationInput{1, "R1", "", 0, {rma::PartInput{"P", Money{100, "PLN"}, 1}}, false});
  f = failure(ValuationRules{}, repair);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "operations[0].parts[0].unit_cost");
  repair.operations[0].parts.clear();
  repair.operations[0].labour_class = "standard";
  repair.operations[0].minutes = 30;
  f = failure(rules_of(R"({"labour_classes": [{"name": "standard", "hourly_rate": "60.00 PLN"}]})"), repair);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "labour_classes[0].hourly_rate");
  repair.operations.clear();
  f = failure(rules_of(R"({"shipping": [{"inbound": "5.00 PLN"}]})"), repair);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "shipping[0].inbound");

  // Lines in two currencies are not a mix: each is valued in its own and totalled apart.
  const Valuation two = rma::value(ValuationRules{}, input_of({pln, line(2, 5000, 1)}));
  REQUIRE(two.totals.size() == 2);
  CHECK(two.totals[0].currency == "EUR");
  CHECK(two.totals[0].refund == eur(6100));
  CHECK(two.totals[1].currency == "PLN");
  CHECK(two.totals[1].refund == Money{12200, "PLN"});
  // An unknown currency is refused where it is given.
  ValuationLineInput bad = line(1, 100, 1);
  bad.currency = "EURO";
  f = failure(ValuationRules{}, input_of({bad}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "lines[0].currency");
  f = failure(ValuationRules{}, input_of({line(1, 100, 1)}, ""));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "currency");
}

TEST_CASE("valuation: partial returns of one line never refund more than was paid for it") {
  std::mt19937_64 random(20261125);
  for (int round = 0; round < 300; ++round) {
    const std::int64_t sold = std::uniform_int_distribution<std::int64_t>(1, 40)(random);
    const std::int64_t price = std::uniform_int_distribution<std::int64_t>(0, 100000)(random);
    const std::int32_t vat = static_cast<std::int32_t>(std::uniform_int_distribution<int>(0, 2700)(random));
    const std::int64_t discount = std::uniform_int_distribution<std::int64_t>(0, price * sold / 3)(random);
    const rma::Rounding rounding = round % 2 == 0 ? rma::Rounding::half_even : rma::Rounding::half_up;
    ValuationRules rules;
    rules.rounding = rounding;
    const Money paid_net = eur(price * sold - discount);
    const Money paid_gross = rma::gross_from_net(paid_net, vat, rounding);

    std::int64_t refunded_units = 0;
    Money refunded_net = eur(0);
    Money refunded_gross = eur(0);
    while (refunded_units < sold) {
      const std::int64_t qty = std::uniform_int_distribution<std::int64_t>(1, sold - refunded_units)(random);
      ValuationLineInput l = line(1, price, qty, vat);
      l.qty_sold_on_sales_line = sold;
      l.qty_already_refunded_on_sales_line = refunded_units;
      l.amount_already_refunded = refunded_net.minor;
      l.line_discount = discount;
      const Valuation v = rma::value(rules, input_of({l}));
      refunded_units += qty;
      refunded_net = rma::add(refunded_net, entry(v, 1, "refund").base);
      refunded_gross = rma::add(refunded_gross, entry(v, 1, "refund").amount);
      // Each slice's VAT is its own: never negative, and within a unit of its rate for each of
      // the two roundings (the slice's and the line's).
      const Money slice_net = entry(v, 1, "goods_net").amount;
      const Money slice_vat = entry(v, 1, "goods_vat").amount;
      REQUIRE(slice_vat.minor >= 0);
      REQUIRE(rma::add(slice_net, slice_vat) == entry(v, 1, "goods_gross").amount);
      const Money exact_vat = rma::subtract(rma::gross_from_net(slice_net, vat, rounding), slice_net);
      REQUIRE(std::llabs(slice_vat.minor - exact_vat.minor) <= 2);
      REQUIRE(refunded_net.minor <= paid_net.minor);
      REQUIRE(refunded_gross.minor <= paid_gross.minor);
    }
    // All units back: exactly what was paid, net and gross.
    CHECK(refunded_net == paid_net);
    CHECK(refunded_gross == paid_gross);
  }
}

TEST_CASE("valuation: returning more than the sales line sold is out_of_range") {
  ValuationLineInput l = line(1, 1000, 2);
  l.qty_sold_on_sales_line = 3;
  l.qty_already_refunded_on_sales_line = 1;
  CHECK(failure(ValuationRules{}, input_of({l})).status == Status::ok);
  l.qty_returned = 3;
  const Failure f = failure(ValuationRules{}, input_of({l}));
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "lines[0].qty_returned");
  l.qty_returned = -1;
  CHECK(failure(ValuationRules{}, input_of({l})).field == "lines[0].qty_returned");
}

TEST_CASE("valuation: a refund is held at what remains unrefunded on the sales line") {
  // Three units for 30.00 EUR net; an earlier goodwill refund paid 25.00 for one of them.
  ValuationLineInput l = line(1, 1000, 2, 0);
  l.qty_sold_on_sales_line = 3;
  l.qty_already_refunded_on_sales_line = 1;
  l.amount_already_refunded = 2500;
  const Valuation v = rma::value(ValuationRules{}, input_of({l}));
  CHECK(entry(v, 1, "goods_net").amount == eur(2000));
  CHECK(entry(v, 1, "refund").base == eur(500));
  CHECK(entry(v, 1, "refund").label.find("not yet refunded") != std::string::npos);
  l.amount_already_refunded = 1000;  // exactly its own share: nothing held
  CHECK(entry(rma::value(ValuationRules{}, input_of({l})), 1, "refund").base == eur(2000));
  l.amount_already_refunded = 4000;  // more than was paid: nothing left
  CHECK(entry(rma::value(ValuationRules{}, input_of({l})), 1, "refund").base == eur(0));
}

TEST_CASE("valuation: document discount shares add up to the discount exactly") {
  CHECK(rma::document_discount_shares(eur(100), {1000, 1000, 1000}) == std::vector<Money>{eur(34), eur(33), eur(33)});
  CHECK(rma::document_discount_shares(eur(0), {1000, 0}) == std::vector<Money>{eur(0), eur(0)});

  std::mt19937_64 random(7);
  for (int round = 0; round < 100; ++round) {
    const int count = std::uniform_int_distribution<int>(1, 12)(random);
    rma::DocumentDiscount doc;
    doc.document = "INV-1";
    std::vector<ValuationLineInput> lines;
    std::int64_t total = 0;
    for (int i = 0; i < count; ++i) {
      const std::int64_t qty = std::uniform_int_distribution<std::int64_t>(1, 5)(random);
      const std::int64_t price = std::uniform_int_distribution<std::int64_t>(1, 20000)(random);
      ValuationLineInput l = line(i + 1, price, qty, 2200);
      l.qty_sold_on_sales_line = qty;
      l.sales_document = rma::SalesDocumentRef{"INV-1", i + 1};
      lines.push_back(l);
      doc.lines.push_back(rma::DocumentDiscount::Line{i + 1, price * qty});
      total += price * qty;
    }
    doc.discount = std::uniform_int_distribution<std::int64_t>(0, total / 2)(random);
    ValuationInput in = input_of(lines);
    in.document_discounts.push_back(doc);
    const Valuation v = rma::value(ValuationRules{}, in);
    std::int64_t shares = 0;
    for (const BreakdownLine& b : v.breakdown)
      if (b.code == "document_discount") shares += b.amount.minor;
    CHECK(shares == doc.discount);
    CHECK(v.totals[0].refund_net == eur(total - doc.discount));
  }
  // A line that names a document line the discount does not list.
  ValuationLineInput l = line(1, 1000, 1);
  l.sales_document = rma::SalesDocumentRef{"INV-1", 9};
  ValuationInput in = input_of({l});
  in.document_discounts.push_back(rma::DocumentDiscount{"INV-1", 100, {{1, 1000}}});
  const Failure f = failure(ValuationRules{}, in);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "lines[0].sales_document.line");
  // A discount larger than the line.
  l = line(1, 1000, 1);
  l.line_discount = 1001;
  CHECK(failure(ValuationRules{}, input_of({l})).field == "lines[0].line_discount");
}

TEST_CASE("valuation: repair cost, quote and shipping") {
  const ValuationRules rules = rules_of(R"({
      "labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}, {"name": "cent", "hourly_rate": "0.03 EUR"}],
      "shipping": [{"inbound": "6.90 EUR", "outbound": "6.90 EUR"}, {"channel": "b2b", "inbound": "15.00 EUR"}]})");
  ValuationInput in = input_of({line(1, 19900, 1)});
  in.kind = rma::CaseKind::repair;
  in.resolution = rma::Resolution::repair;
  in.repair_vat_rate_bp = 2200;
  in.operations.push_back(rma::RepairOperationInput{
      1, "SCREEN", "standard", 45, {rma::PartInput{"LCD-7", eur(1250), 2}}, true});
  in.operations.push_back(rma::RepairOperationInput{0, "TEST", "standard", 10, {}, false});
  const Valuation v = rma::value(rules, in);
  CHECK_FALSE(has(v, 1, "refund"));  // a repair refunds nothing
  CHECK(entry(v, 1, "repair_labour").amount == eur(4500));
  CHECK(entry(v, 1, "repair_parts").amount == eur(2500));
  CHECK(entry(v, 0, "repair_labour").amount == eur(1000));
  CHECK(entry(v, 0, "shipping_in").amount == eur(690));
  CHECK(entry(v, 0, "shipping_out").amount == eur(690));
  CHECK(entry(v, 0, "repair_cost").base == eur(8000));
  CHECK(entry(v, 0, "repair_cost").amount == eur(9380));
  CHECK(entry(v, 0, "repair_quote").base == eur(7000));
  CHECK(entry(v, 0, "repair_quote").amount == eur(8540));
  CHECK(v.totals[0].repair_cost == eur(9380));
  CHECK(v.totals[0].repair_quote == eur(7000));
  CHECK(v.totals[0].net_cost == eur(2380));

  // Labour rounds once: 30 min at 0.03 EUR/h is 0.015 -> 0.02; at 60.00 EUR/h, 7 min is 7.00.
  in.operations = {rma::RepairOperationInput{0, "X", "cent", 30, {}, false}};
  CHECK(entry(rma::value(rules, in), 0, "repair_labour").amount == eur(2));
  in.operations = {rma::RepairOperationInput{0, "X", "standard", 7, {}, false}};
  CHECK(entry(rma::value(rules, in), 0, "repair_labour").amount == eur(700));
  // b2b ships at its own rule, which has no outbound amount.
  in.channel = rma::Channel::b2b;
  const Valuation b2b = rma::value(rules, in);
  CHECK(entry(b2b, 0, "shipping_in").amount == eur(1500));
  CHECK_FALSE(has(b2b, 0, "shipping_out"));
  // A return that is refunded ships one way only; the host can say otherwise.
  ValuationInput ret = input_of({line(1, 1000, 1)});
  ret.resolution = rma::Resolution::refund;
  const Valuation r = rma::value(rules, ret);
  CHECK(has(r, 0, "shipping_in"));
  CHECK_FALSE(has(r, 0, "shipping_out"));
  CHECK_FALSE(has(r, 0, "repair_cost"));
  CHECK(r.totals[0].net_cost == eur(1000 + 690));
  ret.ship_inbound = false;
  CHECK_FALSE(has(rma::value(rules, ret), 0, "shipping_in"));

  in.operations = {rma::RepairOperationInput{0, "X", "senior", 30, {}, false}};
  Failure f = failure(rules, in);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "operations[0].labour_class");
  in.operations = {rma::RepairOperationInput{2, "X", "standard", 30, {}, false}};
  f = failure(rules, in);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "operations[0].line_no");
  in.operations = {rma::RepairOperationInput{0, "X", "", 30, {}, false}};
  CHECK(failure(rules, in).field == "operations[0].labour_class");
}

TEST_CASE("valuation: supplier recovery, recovery value by grade, exchange and claimed value") {
  const ValuationRules rules = rules_of(R"({
      "labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}],
      "recovery": {"resell_new": {"percent_bp": 9000}, "refurbish": {"percent_bp": 4000},
                   "scrap": {"fixed": "1.00 EUR", "per_unit": true}},
      "supplier_recovery_bp": 8000})");
  ValuationLineInput l = line(1, 10000, 3, 0);
  l.supplier_covered = true;
  l.grade = rma::Grade::refurbish;
  ValuationInput in = input_of({l});
  in.resolution = rma::Resolution::refund;
  Valuation v = rma::value(rules, in);
  CHECK(entry(v, 1, "supplier_recovery").base == eur(30000));
  CHECK(entry(v, 1, "supplier_recovery").amount == eur(24000));
  CHECK(entry(v, 1, "recovery_value").amount == eur(12000));
  CHECK(v.totals[0].net_cost == eur(30000 - 24000 - 12000));
  in.lines[0].grade = rma::Grade::scrap;
  CHECK(entry(rma::value(rules, in), 1, "recovery_value").amount == eur(300));
  CHECK_FALSE(has(rma::value(ValuationRules{}, in), 1, "recovery_value"));  // no rule for the grade

  // A repaired unit: the supplier pays the repair, not the goods.
  in.kind = rma::CaseKind::repair;
  in.resolution = rma::Resolution::repair;
  in.lines[0].grade.reset();
  in.operations.push_back(rma::RepairOperationInput{1, "FIX", "standard", 30, {}, false});
  v = rma::value(rules, in);
  CHECK(entry(v, 1, "supplier_recovery").base == eur(3000));
  CHECK(entry(v, 1, "supplier_recovery").amount == eur(2400));

  // Exchange: the credit for the returned units against the new ones.
  ValuationLineInput x = line(1, 4990, 1, 0);
  x.exchange_unit_price = 5990;
  ValuationInput exchange = input_of({x});
  exchange.resolution = rma::Resolution::replace;
  v = rma::value(ValuationRules{}, exchange);
  CHECK(entry(v, 1, "exchange_difference").amount == eur(1000));
  CHECK(v.totals[0].exchange_difference == eur(1000));
  exchange.lines[0].exchange_unit_price = 3990;
  CHECK(entry(rma::value(ValuationRules{}, exchange), 1, "exchange_difference").amount == eur(-1000));
  exchange.lines[0].exchange_unit_price.reset();  // a like-for-like replacement refunds nothing
  CHECK_FALSE(has(rma::value(ValuationRules{}, exchange), 1, "refund"));

  // Claimed value of a transport complaint: what is claimed, or the goods value.
  ValuationInput complaint = input_of({line(1, 2500, 4, 0)});
  complaint.kind = rma::CaseKind::complaint;
  complaint.category = rma::ComplaintCategory::transport;
  CHECK(entry(rma::value(ValuationRules{}, complaint), 1, "claimed_value").amount == eur(10000));
  complaint.lines[0].claimed_amount = 1234;
  CHECK(rma::value(ValuationRules{}, complaint).totals[0].claimed_value == eur(1234));
  // Any return or complaint claims; a repair only an amount staff set.
  complaint.category = rma::ComplaintCategory::quality;
  CHECK(rma::value(ValuationRules{}, complaint).totals[0].claimed_value == eur(1234));
  complaint.kind = rma::CaseKind::repair;
  complaint.category = rma::ComplaintCategory::none;
  CHECK(rma::value(ValuationRules{}, complaint).totals[0].claimed_value == eur(1234));
  complaint.lines[0].claimed_amount.reset();
  CHECK_FALSE(has(rma::value(ValuationRules{}, complaint), 1, "claimed_value"));
  // A rejected return refunds nothing.
  ValuationInput rejected = input_of({line(1, 2500, 1)});
  rejected.resolution = rma::Resolution::reject;
  CHECK_FALSE(has(rma::value(ValuationRules{}, rejected), 1, "refund"));
}

TEST_CASE("valuation: goods that go back to the customer recover nothing from the supplier or resale") {
  const ValuationRules rules = rules_of(R"({"recovery": {"refurbish": {"percent_bp": 4000}},
                                            "labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}]})");
  ValuationLineInput l = line(1, 10000, 1, 0);
  l.supplier_covered = true;
  l.grade = rma::Grade::refurbish;
  ValuationInput in = input_of({l});
  for (rma::Resolution kept : {rma::Resolution::none, rma::Resolution::refund, rma::Resolution::replace}) {
    in.resolution = kept;
    const Valuation v = rma::value(rules, in);
    CHECK(entry(v, 1, "supplier_recovery").amount == eur(10000));
    CHECK(entry(v, 1, "recovery_value").amount == eur(4000));
  }
  // Rejected: the unit goes back, nothing refunded, nothing recovered, a net cost of zero.
  in.resolution = rma::Resolution::reject;
  Valuation v = rma::value(rules, in);
  CHECK_FALSE(has(v, 1, "supplier_recovery"));
  CHECK_FALSE(has(v, 1, "recovery_value"));
  CHECK(v.totals[0].net_cost == eur(0));
  // A repair case's unit goes back repaired: the supplier pays the repair, unless it is rejected.
  in.kind = rma::CaseKind::repair;
  in.resolution = rma::Resolution::repair;
  in.operations.push_back(rma::RepairOperationInput{1, "FIX", "standard", 30, {}, false});
  v = rma::value(rules, in);
  CHECK(entry(v, 1, "supplier_recovery").amount == eur(3000));
  CHECK_FALSE(has(v, 1, "recovery_value"));
  in.resolution = rma::Resolution::reject;
  CHECK_FALSE(has(rma::value(rules, in), 1, "supplier_recovery"));
}

TEST_CASE("valuation: a restocking fee's minimum is charged only once a unit is returned") {
  const ValuationRules rules = rules_of(R"({"restocking_fees": [{"percent_bp": 1000, "minimum": "5.00 EUR"}]})");
  CHECK(entry(rma::value(rules, input_of({line(1, 2000, 0)})), 1, "restocking_fee").amount == eur(0));
  CHECK(entry(rma::value(rules, input_of({line(1, 2000, 1)})), 1, "restocking_fee").amount == eur(500));
}

TEST_CASE("valuation: the breakdown is deterministic and its JSON names every member") {
  const ValuationRules rules = rules_of(R"({"restocking_fees": [{"percent_bp": 1000}],
      "shipping": [{"inbound": "5.00 EUR"}]})");
  ValuationInput in = input_of({line(2, 1999, 1), line(1, 500, 3)});
  const std::string first = rma::valuation_to_json(rma::value(rules, in));
  std::vector<std::thread> threads;
  std::vector<std::string> seen(4);
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] { seen[t] = rma::valuation_to_json(rma::value(rules, in)); });
  for (std::thread& t : threads) t.join();
  for (const std::string& s : seen) CHECK(s == first);

  const nlohmann::json j = nlohmann::json::parse(first);
  const auto& breakdown = j.at("breakdown");
  // Case lines in input order, each in the same order of codes, then the case.
  std::vector<std::string> order;
  for (const auto& b : breakdown) order.push_back(std::to_string(b.at("line_no").get<int>()) + ":" + b.at("code").get<std::string>());
  CHECK(order == std::vector<std::string>{"2:goods_net", "2:goods_vat", "2:goods_gross", "2:restocking_fee", "2:refund",
                                          "2:claimed_value", "1:goods_net", "1:goods_vat", "1:goods_gross",
                                          "1:restocking_fee", "1:refund", "1:claimed_value", "0:shipping_in", "0:net_cost"});
  CHECK(breakdown[3].at("rate_bp") == 1000);
  CHECK(breakdown[0].at("rate_bp").is_null());
  CHECK(breakdown[3].at("amount") == "2.00 EUR");
  CHECK(j.at("totals")[0].at("currency") == "EUR");
  CHECK(j.at("totals")[0].at("net_cost") == "36.49 EUR");
}
