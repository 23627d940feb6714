// The fraud signals of a customer (domain/fraud_signals.hpp): each threshold and minimum count at
// its boundary on both sides, the facts each signal counts, and the configuration's checks.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/fraud_signals.hpp"
#include "rma/error.hpp"
#include "rma/warranty.hpp"

using namespace rma;

namespace {

CaseLine line(const std::string& serial, std::int64_t units, const std::string& reason = "defective") {
  CaseLine l;
  l.sku = serial.empty() ? "CABLE-2" : "PHONE-1";
  l.serial = serial;
  l.qty_requested = units;
  l.reason_code = reason;
  return l;
}

Case case_of(std::int64_t id, std::vector<CaseLine> lines, const char* opened = "2026-03-10T09:00:00Z") {
  Case c;
  c.id = id;
  c.customer_id = "C1";
  c.created_at = Timestamp::from_iso(opened);
  c.lines = std::move(lines);
  return c;
}

struct Facts {
  std::vector<Case> cases;
  std::int64_t bought = 0;
  FraudSignals run(const FraudRules& rules = FraudRules()) const {
    domain::FraudFacts f;
    for (const Case& c : cases) f.cases.push_back(&c);
    f.units_bought = bought;
    f.defect_reasons = {"defective", "damaged", "dead_on_arrival"};
    return domain::compute_fraud_signals(rules, f);
  }
};

const FraudSignal& get(const FraudSignals& s, const char* code) {
  for (const FraudSignal& x : s.signals) {
    if (x.code == code) return x;
  }
  FAIL("no signal " << code);
  return s.signals.front();
}

bool raised(const FraudSignals& s, const char* code) { return get(s, code).raised; }

std::string field_of_config(const std::string& text) {
  try {
    warranty_config_from_json(text);
  } catch (const Error& e) {
    return e.field();
  }
  return std::string();
}

}  // namespace

TEST_CASE("fraud signals: returns over purchases at its ratio and at its least units bought") {
  FraudRules rules;
  rules.returns_over_purchases = {0.5, 10};
  Facts f;
  f.cases.push_back(case_of(1, {line("", 5)}));
  f.bought = 10;  // 5 / 10 = 0.5: at the threshold, and 10 bought: at the minimum
  CHECK(raised(f.run(rules), kReturnsOverPurchases));
  CHECK(get(f.run(rules), kReturnsOverPurchases).value == doctest::Approx(0.5));
  f.bought = 11;  // 5 / 11 just under
  CHECK_FALSE(raised(f.run(rules), kReturnsOverPurchases));
  f.cases[0].lines[0].qty_requested = 4;
  f.bought = 8;  // 0.5 again, but 8 bought is under the minimum of 10
  CHECK_FALSE(raised(f.run(rules), kReturnsOverPurchases));
  f.bought = 0;  // nothing bought: nothing to weigh against
  CHECK_FALSE(raised(f.run(rules), kReturnsOverPurchases));
  CHECK(get(f.run(rules), kReturnsOverPurchases).value == 0);
}

TEST_CASE("fraud signals: units of other buyers build on the line flag, at its share and its least lines") {
  FraudRules rules;
  rules.units_of_other_buyers = {0.5, 2};
  CaseLine other = line("SN-OTHER", 1);
  other.flags.push_back("unit_sold_to_other_customer");
  Facts f;
  f.cases.push_back(case_of(1, {other, line("SN-1", 1)}));
  CHECK_FALSE(raised(f.run(rules), kUnitsOfOtherBuyers));  // one line: under the minimum of 2
  CHECK(get(f.run(rules), kUnitsOfOtherBuyers).count == 1);
  f.cases.push_back(case_of(2, {other, line("SN-2", 1)}));
  CHECK(raised(f.run(rules), kUnitsOfOtherBuyers));  // 2 of 4 lines: share 0.5, at the threshold
  CHECK(get(f.run(rules), kUnitsOfOtherBuyers).cases == std::vector<std::int64_t>{1, 2});
  f.cases.push_back(case_of(3, {line("SN-3", 1)}));
  CHECK_FALSE(raised(f.run(rules), kUnitsOfOtherBuyers));  // 2 of 5: under the share
}

TEST_CASE("fraud signals: a serial returned on its threshold of cases is a repeat; the least repeats") {
  FraudRules rules;
  rules.repeat_serial_returns = {3, 1};
  Facts f;
  f.cases.push_back(case_of(1, {line("SN-1", 1)}));
  f.cases.push_back(case_of(2, {line("SN-1", 1)}));
  CHECK_FALSE(raised(f.run(rules), kRepeatSerialReturns));  // twice: under 3
  CHECK(get(f.run(rules), kRepeatSerialReturns).value == 2);
  // Twice on one case is still one case.
  f.cases.push_back(case_of(3, {line("SN-2", 1), line("SN-2", 1)}));
  CHECK_FALSE(raised(f.run(rules), kRepeatSerialReturns));
  f.cases.push_back(case_of(4, {line("SN-1", 1)}));
  const FraudSignals three = f.run(rules);
  CHECK(raised(three, kRepeatSerialReturns));  // three times: at the threshold
  CHECK(get(three, kRepeatSerialReturns).serials == std::vector<std::string>{"SN-1"});
  CHECK(get(three, kRepeatSerialReturns).cases == std::vector<std::int64_t>{1, 2, 4});
  rules.repeat_serial_returns.min_count = 2;  // one repeated serial: under two
  CHECK_FALSE(raised(f.run(rules), kRepeatSerialReturns));
}

TEST_CASE("fraud signals: heavy use counts non-defect lines returned the threshold of days after sale") {
  FraudRules rules;
  rules.returns_after_heavy_use = {180, 2};
  // Opened 2026-03-10; bought 2025-09-11 is 180 days before, 2025-09-12 is 179.
  CaseLine at = line("SN-1", 1, "changed_mind");
  at.purchase_date = Date{2025, 9, 11};
  CaseLine under = line("SN-2", 1, "changed_mind");
  under.purchase_date = Date{2025, 9, 12};
  CaseLine defect = line("SN-3", 1, "defective");
  defect.purchase_date = Date{2024, 1, 1};
  CaseLine undated = line("SN-4", 1, "changed_mind");
  Facts f;
  f.cases.push_back(case_of(1, {at, under, defect, undated}));
  CHECK(domain::days_since_sale(f.cases[0], at) == 180);
  CHECK(domain::days_since_sale(f.cases[0], under) == 179);
  CHECK(domain::days_since_sale(f.cases[0], undated) == -1);
  FraudSignals s = f.run(rules);
  CHECK(get(s, kReturnsAfterHeavyUse).count == 1);  // a defect is a warranty matter, not heavy use
  CHECK(get(s, kReturnsAfterHeavyUse).value == 180);
  CHECK_FALSE(raised(s, kReturnsAfterHeavyUse));  // one line: under the minimum of 2
  f.cases.push_back(case_of(2, {at}));
  CHECK(raised(f.run(rules), kReturnsAfterHeavyUse));  // two lines at 180 days
  rules.returns_after_heavy_use.threshold = 181;
  CHECK_FALSE(raised(f.run(rules), kReturnsAfterHeavyUse));
}

TEST_CASE("fraud signals: raised lists the codes in order; disabled raises none but still counts") {
  FraudRules rules;
  rules.returns_over_purchases = {0.1, 1};
  rules.repeat_serial_returns = {2, 1};
  Facts f;
  f.cases.push_back(case_of(1, {line("SN-1", 1)}));
  f.cases.push_back(case_of(2, {line("SN-1", 1)}));
  f.bought = 2;
  FraudSignals s = f.run(rules);
  CHECK(s.raised == std::vector<std::string>{kReturnsOverPurchases, kRepeatSerialReturns});
  CHECK(s.signals.size() == 4);
  CHECK(s.lines == 2);
  CHECK(s.units_returned == 2);
  CHECK(s.units_bought == 2);
  rules.enabled = false;
  s = f.run(rules);
  CHECK(s.raised.empty());
  CHECK(get(s, kRepeatSerialReturns).count == 1);
}

TEST_CASE("fraud signals: the configuration reads, writes back and names each bad field") {
  const WarrantyConfig c = warranty_config_from_json(
      R"({"fraud":{"max_cases":50,"returns_over_purchases":{"threshold":0.25,"min_count":20},)"
      R"("repeat_serial_returns":{"threshold":3}}})");
  CHECK(c.fraud.max_cases == 50);
  CHECK(c.fraud.returns_over_purchases.threshold == 0.25);
  CHECK(c.fraud.returns_over_purchases.min_count == 20);
  CHECK(c.fraud.repeat_serial_returns.threshold == 3);
  CHECK(c.fraud.repeat_serial_returns.min_count == 1);  // the default kept
  CHECK(warranty_config_from_json(warranty_config_to_json(c)).fraud.max_cases == 50);

  // Each bound on both sides: the fraud section, and the field refused ("" for accepted).
  const std::pair<const char*, const char*> bounds[] = {
      {R"("returns_over_purchases":{"threshold":-0.01})", "fraud.returns_over_purchases.threshold"},
      {R"("returns_over_purchases":{"threshold":0})", ""},
      {R"("units_of_other_buyers":{"threshold":1.01})", "fraud.units_of_other_buyers.threshold"},
      {R"("units_of_other_buyers":{"threshold":1})", ""},
      {R"("repeat_serial_returns":{"threshold":1})", "fraud.repeat_serial_returns.threshold"},
      {R"("repeat_serial_returns":{"threshold":2.5})", "fraud.repeat_serial_returns.threshold"},
      {R"("returns_after_heavy_use":{"threshold":3651})", "fraud.returns_after_heavy_use.threshold"},
      {R"("returns_after_heavy_use":{"threshold":3650})", ""},
      {R"("returns_after_heavy_use":{"min_count":0})", "fraud.returns_after_heavy_use.min_count"},
      {R"("returns_after_heavy_use":{"min_count":1})", ""},
      {R"("max_cases":0)", "fraud.max_cases"},
      {R"("max_cases":100001)", "fraud.max_cases"},
      {R"("max_cases":100000)", ""},
      {R"("repeat_serial_returns":{"threshold":"2"})", "fraud.repeat_serial_returns.threshold"},
  };
  for (const auto& bound : bounds) {
    const std::string section = bound.first;
    CAPTURE(section);
    CHECK(field_of_config(R"({"fraud":{)" + section + "}}") == bound.second);
  }
  CHECK(field_of_config(R"({"fraud":{"repeats":{}}})") == "fraud.repeats");
}
