// The worked examples of docs/valuation.md, computed by the code: each figure the page prints in
// bold is checked to be there, so the page and the code cannot drift apart.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/valuation.hpp"

using rma::Money;
using rma::Valuation;
using rma::ValuationInput;
using rma::ValuationLineInput;
using rma::ValuationRules;

namespace {

std::string read_doc() {
  std::ifstream in(std::string(RMA_TEST_DATA_DIR) + "/../../docs/valuation.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The first ```json block after `marker`.
std::string json_block_after(const std::string& doc, const std::string& marker) {
  const std::size_t at = doc.find(marker);
  REQUIRE(at != std::string::npos);
  const std::size_t start = doc.find("```json\n", at);
  REQUIRE(start != std::string::npos);
  const std::size_t end = doc.find("\n```", start + 8);
  return doc.substr(start + 8, end - start - 8);
}

ValuationLineInput item(std::int64_t unit_price, std::int64_t qty, const char* category = "accessories",
                        const char* reason = "defective") {
  ValuationLineInput l;
  l.line_no = 1;
  l.sku = "SKU-1";
  l.category = category;
  l.reason_code = reason;
  l.condition = "opened";
  l.unit_price = unit_price;
  l.vat_rate_bp = 2200;
  l.qty_returned = qty;
  return l;
}

ValuationInput one(const ValuationLineInput& l) {
  ValuationInput in;
  in.currency = "EUR";
  in.lines = {l};
  return in;
}

Money amount(const Valuation& v, std::int32_t line_no, const std::string& code) {
  for (const rma::BreakdownLine& b : v.breakdown)
    if (b.line_no == line_no && b.code == code) return b.amount;
  FAIL("no breakdown line " << code);
  return Money{};
}

Money base(const Valuation& v, std::int32_t line_no, const std::string& code) {
  for (const rma::BreakdownLine& b : v.breakdown)
    if (b.line_no == line_no && b.code == code) return b.base;
  FAIL("no breakdown line " << code);
  return Money{};
}

struct Page {
  std::string doc;
  // Checks the page prints `m` in bold ("**12.34 EUR**") and that it is `expected`.
  void shows(const Money& m, const char* expected) const {
    CHECK(rma::format_money(m) == expected);
    CHECK_MESSAGE(doc.find(std::string("**") + expected + "**") != std::string::npos, expected << " is not on the page");
  }
};

}  // namespace

TEST_CASE("valuation docs: the rules document of docs/valuation.md reads and its worked examples hold") {
  const Page page{read_doc()};
  const ValuationRules rules = rma::valuation_rules_from_json(json_block_after(page.doc, "## The rules document"));

  SUBCASE("goods value") {
    const Valuation v = rma::value(rules, one(item(24900, 2)));
    page.shows(amount(v, 1, "goods_net"), "498.00 EUR");
    page.shows(amount(v, 1, "goods_vat"), "109.56 EUR");
    page.shows(amount(v, 1, "goods_gross"), "607.56 EUR");
    page.shows(amount(v, 1, "refund"), "607.56 EUR");
  }
  SUBCASE("partial returns") {
    const char* nets[] = {"9.67 EUR", "9.66 EUR", "9.67 EUR"};
    const char* grosses[] = {"11.80 EUR", "11.78 EUR", "11.80 EUR"};
    std::int64_t refunded = 0;
    for (int k = 0; k < 3; ++k) {
      ValuationLineInput l = item(1000, 1);
      l.qty_sold_on_sales_line = 3;
      l.line_discount = 100;
      l.qty_already_refunded_on_sales_line = k;
      l.amount_already_refunded = refunded;
      const Valuation v = rma::value(rules, one(l));
      page.shows(base(v, 1, "refund"), nets[k]);
      page.shows(amount(v, 1, "refund"), grosses[k]);
      refunded += base(v, 1, "refund").minor;
    }
    page.shows(Money{refunded, "EUR"}, "29.00 EUR");
    page.shows(rma::gross_from_net(Money{2900, "EUR"}, 2200), "35.38 EUR");
  }
  SUBCASE("document discount") {
    const std::vector<Money> shares = rma::document_discount_shares(Money{100, "EUR"}, {3333, 3333, 3334});
    page.shows(shares[0], "0.33 EUR");
    page.shows(shares[2], "0.34 EUR");
    ValuationLineInput l = item(3334, 1);
    l.qty_sold_on_sales_line = 1;
    l.sales_document = rma::SalesDocumentRef{"INV-7", 3};
    ValuationInput in = one(l);
    in.document_discounts.push_back(rma::DocumentDiscount{"INV-7", 100, {{1, 3333}, {2, 3333}, {3, 3334}}});
    page.shows(amount(rma::value(rules, in), 1, "goods_net"), "33.00 EUR");
  }
  SUBCASE("restocking fee") {
    const auto fee = [&](std::int64_t price, std::int64_t qty, const char* category, const char* reason,
                         const char* condition) {
      ValuationLineInput l = item(price, qty, category, reason);
      l.condition = condition;
      return rma::value(rules, one(l));
    };
    page.shows(amount(fee(1990, 1, "accessories", "changed_mind", "opened"), 1, "restocking_fee"), "5.00 EUR");
    page.shows(amount(fee(12000, 1, "accessories", "changed_mind", "opened"), 1, "restocking_fee"), "18.00 EUR");
    page.shows(amount(fee(49900, 1, "accessories", "changed_mind", "opened"), 1, "restocking_fee"), "50.00 EUR");
    const Valuation software = fee(5900, 1, "software", "changed_mind", "sealed");
    page.shows(amount(software, 1, "restocking_fee"), "59.00 EUR");
    const Valuation cables = fee(50, 3, "accessories", "wrong_order", "opened");
    page.shows(amount(cables, 1, "restocking_fee"), "7.50 EUR");
    page.shows(amount(cables, 1, "refund"), "0.00 EUR");
  }
  SUBCASE("depreciation") {
    const auto aged = [&](std::int64_t price, const char* category, std::int32_t months) {
      ValuationLineInput l = item(price, 1, category);
      l.age_months = months;
      return rma::value(rules, one(l));
    };
    page.shows(amount(aged(40000, "phones", 14), 1, "depreciation"), "112.00 EUR");
    const Valuation old = aged(40000, "phones", 40);
    page.shows(amount(old, 1, "depreciation"), "280.00 EUR");
    page.shows(base(old, 1, "refund"), "120.00 EUR");
    CHECK(amount(aged(80000, "furniture", 5), 1, "depreciation").minor == 0);
    page.shows(amount(aged(80000, "furniture", 6), 1, "depreciation"), "80.00 EUR");
    page.shows(amount(aged(80000, "furniture", 11), 1, "depreciation"), "80.00 EUR");
    page.shows(amount(aged(80000, "furniture", 12), 1, "depreciation"), "200.00 EUR");
  }
  SUBCASE("deductions") {
    ValuationLineInput l = item(20000, 1);
    l.deductions = {"missing_accessories", "packaging"};
    const Valuation v = rma::value(rules, one(l));
    page.shows(amount(v, 1, "deduction:missing_accessories"), "20.00 EUR");
    page.shows(amount(v, 1, "deduction:packaging"), "3.00 EUR");
    page.shows(base(v, 1, "refund"), "177.00 EUR");
  }
  SUBCASE("refund") {
    ValuationLineInput l = item(30000, 1, "phones", "changed_mind");
    l.age_months = 10;
    l.deductions = {"missing_accessories"};
    const Valuation v = rma::value(rules, one(l));
    page.shows(amount(v, 1, "restocking_fee"), "45.00 EUR");
    page.shows(amount(v, 1, "depreciation"), "60.00 EUR");
    page.shows(amount(v, 1, "deduction:missing_accessories"), "30.00 EUR");
    page.shows(base(v, 1, "refund"), "165.00 EUR");
    page.shows(amount(v, 1, "refund"), "201.30 EUR");
  }
  SUBCASE("the result as JSON is that of the refund example") {
    ValuationLineInput l = item(30000, 1, "phones", "changed_mind");
    l.age_months = 10;
    l.deductions = {"missing_accessories"};
    const std::string written = rma::valuation_to_json(rma::value(rules, one(l)));
    CHECK(nlohmann::json::parse(written) == nlohmann::json::parse(json_block_after(page.doc, "## The result as JSON")));
  }
  SUBCASE("exchange") {
    ValuationLineInput l = item(4990, 1);
    l.exchange_unit_price = 5990;
    ValuationInput in = one(l);
    in.resolution = rma::Resolution::replace;
    page.shows(amount(rma::value(rules, in), 1, "exchange_difference"), "10.00 EUR");
  }
  SUBCASE("repair") {
    ValuationInput in = one(item(24900, 1, "phones"));
    in.kind = rma::CaseKind::repair;
    in.resolution = rma::Resolution::repair;
    in.repair_vat_rate_bp = 2200;
    in.operations.push_back(
        rma::RepairOperationInput{1, "SCREEN", "standard", 45, {rma::PartInput{"LCD-7", Money{1250, "EUR"}, 2}}, true});
    in.operations.push_back(rma::RepairOperationInput{0, "DIAG", "expert", 20, {}, true});
    const Valuation v = rma::value(rules, in);
    page.shows(amount(v, 1, "repair_labour"), "45.00 EUR");
    page.shows(amount(v, 1, "repair_parts"), "25.00 EUR");
    page.shows(amount(v, 0, "repair_labour"), "30.00 EUR");
    page.shows(amount(v, 0, "shipping_in"), "6.90 EUR");
    page.shows(amount(v, 0, "repair_cost"), "113.80 EUR");
    page.shows(base(v, 0, "repair_quote"), "100.00 EUR");
    page.shows(amount(v, 0, "repair_quote"), "122.00 EUR");
    page.shows(v.totals[0].net_cost, "13.80 EUR");
    // The same work under warranty, with the unit within our supplier's coverage.
    in.operations[0].paid = false;
    in.operations[1].paid = false;
    in.lines[0].supplier_covered = true;
    const Valuation warranty = rma::value(rules, in);
    page.shows(amount(warranty, 1, "supplier_recovery"), "70.00 EUR");
    page.shows(warranty.totals[0].net_cost, "43.80 EUR");
  }
  SUBCASE("supplier recovery, recovery value and net cost") {
    ValuationLineInput l = item(24900, 1);
    l.supplier_covered = true;
    ValuationInput in = one(l);
    in.resolution = rma::Resolution::refund;
    page.shows(amount(rma::value(rules, in), 1, "supplier_recovery"), "249.00 EUR");
    in.lines[0].supplier_covered = false;
    in.lines[0].grade = rma::Grade::refurbish;
    const Valuation v = rma::value(rules, in);
    page.shows(amount(v, 1, "recovery_value"), "99.60 EUR");
    page.shows(v.totals[0].net_cost, "156.30 EUR");
    ValuationLineInput scrap = item(24900, 3);
    scrap.grade = rma::Grade::scrap;
    page.shows(amount(rma::value(rules, one(scrap)), 1, "recovery_value"), "3.00 EUR");
  }
  SUBCASE("claimed value") {
    ValuationLineInput asked = item(4990, 0);  // nothing received yet
    asked.qty_requested = 3;
    const Valuation at_intake = rma::value(rules, one(asked));
    page.shows(amount(at_intake, 1, "claimed_value"), "149.70 EUR");
    CHECK(amount(at_intake, 1, "goods_net").minor == 0);
    CHECK(amount(at_intake, 1, "refund").minor == 0);
    ValuationInput in = one(item(2500, 4));
    in.kind = rma::CaseKind::complaint;
    in.category = rma::ComplaintCategory::transport;
    page.shows(amount(rma::value(rules, in), 1, "claimed_value"), "100.00 EUR");
    in.lines[0].claimed_amount = 1234;
    page.shows(amount(rma::value(rules, in), 1, "claimed_value"), "12.34 EUR");
  }
}
