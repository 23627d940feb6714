// Repair costs the valuation cannot add up in 64 bits are refused at input (out_of_range naming
// the operation's field), instead of being accepted and leaving the case without a valuation.
#include <doctest/doctest.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "valuation_fixture.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::total;
using rma_test::ValuationFixture;

namespace {

constexpr std::int64_t kMost = std::numeric_limits<std::int64_t>::max();

RepairOperationDraft parts(std::vector<std::pair<std::int64_t, std::int64_t>> cost_and_quantity, bool paid = false) {
  RepairOperationDraft r;
  r.line_no = 1;
  r.code = "PARTS";
  r.paid = paid;
  for (const auto& [cost, quantity] : cost_and_quantity) r.parts.push_back(PartUse{"P", quantity, cost, "EUR"});
  return r;
}

// The field the operation is refused at, and the case unchanged; "" when it is accepted.
std::string refused_at(ValuationFixture& f, const Case& c, const RepairOperationDraft& r) {
  try {
    f.engine.add_repair(f.op, c.id, r);
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(f.engine.get_case(f.op, c.id).version == c.version);
    return e.field();
  }
  return std::string();
}

}  // namespace

TEST_CASE("repair costs: the case's largest representable repair cost is accepted, one minor unit more refused") {
  ValuationFixture f;
  Case c = f.open_repair();
  c = f.engine.add_repair(f.op, c.id, parts({{kMost - 100, 1}}));
  CHECK(refused_at(f, c, parts({{101, 1}})) == "parts");  // the case's total would not fit
  c = f.engine.add_repair(f.op, c.id, parts({{100, 1}}));
  REQUIRE_FALSE(c.valuation.empty());
  CHECK(total(c, "repair_cost") == "92233720368547758.07 EUR");
  CHECK(refused_at(f, c, parts({{1, 1}})) == "parts");
  CHECK(f.engine.get_case(f.op, c.id).valuation == c.valuation);
}

TEST_CASE("repair costs: one operation's quantity × unit cost and its parts' sum, at the boundary") {
  ValuationFixture f;
  const Case c = f.open_repair();
  const std::int64_t half = kMost / 2;  // × 2 = kMost − 1
  CHECK(refused_at(f, c, parts({{half + 1, 2}})) == "parts[0].unit_cost");
  CHECK(refused_at(f, c, parts({{half, 2}, {2, 1}})) == "parts[1].unit_cost");
  CHECK(refused_at(f, c, parts({{half, 2}, {1, 1}})).empty());
  CHECK(total(f.engine.get_case(f.op, c.id), "repair_cost") == "92233720368547758.07 EUR");
}

TEST_CASE("repair costs: a paid repair's quote with VAT must fit too") {
  ValuationFixture f;
  const Case c = f.open_repair();  // the phone's VAT, 22 %, is the quote's
  const std::int64_t largest = 7560141013815390006;  // its gross at 22 % is 2^63 − 1 exactly
  CHECK(refused_at(f, c, parts({{largest + 1, 1}}, /*paid=*/true)) == "parts");
  const Case quoted = f.engine.add_repair(f.op, c.id, parts({{largest, 1}}, /*paid=*/true));
  const json quote = json::parse(quoted.valuation).at("totals").at(0);
  CHECK(quote.at("repair_quote") == "75601410138153900.06 EUR");
}

TEST_CASE("repair costs: the hourly rate is bounded so the longest time norm is priced within 64 bits") {
  ValuationFixture f;
  const char* const most_rate = R"({"labour_classes": [{"name": "standard", "hourly_rate": "55340232221128.65 EUR"}]})";
  try {
    valuation_rules_from_json(R"({"labour_classes": [{"name": "standard", "hourly_rate": "55340232221128.66 EUR"}]})");
    FAIL("a rate beyond the bound was accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(e.field() == "labour_classes[0].hourly_rate");
  }
  f.engine.configure_valuation(f.admin, valuation_rules_from_json(most_rate));
  const Case c = f.open_repair();
  RepairOperationDraft longest = parts({{808, 1}});
  longest.labour_class = "standard";
  longest.minutes = 100000;  // 92233720368547750.00 EUR of labour
  CHECK(refused_at(f, c, longest) == "parts");
  longest.parts[0].unit_cost = 807;
  CHECK(refused_at(f, c, longest).empty());
  CHECK(total(f.engine.get_case(f.op, c.id), "repair_cost") == "92233720368547758.07 EUR");
}
