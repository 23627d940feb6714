// Skimming a stored document for one member (json/skim.hpp), as reports read every case's
// valuation from its case.valued event, and the totals reports take from a valuation.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/report_facts.hpp"
#include "json/skim.hpp"
#include "store/valued_event.hpp"

using rma::codec::member_text;

TEST_CASE("json skim: a member's value as written, strings and brackets inside strings skipped") {
  const std::string doc =
      R"({"a": "x}]\"{", "b" : [1, {"c": "]"}, "d"], "n": -12.5e3, "t": true, "z": null, "o": {"a": {"b": 2}}})";
  CHECK(member_text(doc, "a") == R"("x}]\"{")");
  CHECK(member_text(doc, "b") == R"([1, {"c": "]"}, "d"])");
  CHECK(member_text(doc, "n") == "-12.5e3");
  CHECK(member_text(doc, "t") == "true");
  CHECK(member_text(doc, "z") == "null");
  CHECK(member_text(doc, "o") == R"({"a": {"b": 2}})");
  CHECK_FALSE(member_text(doc, "c"));  // a member of a member is not the object's own
  CHECK_FALSE(member_text("[1, 2]", "a"));
  CHECK_FALSE(member_text(R"({"a": "unterminated)", "a"));
  CHECK_FALSE(member_text("", "a"));
  CHECK_FALSE(member_text("{}", "a"));
}

TEST_CASE("json skim: a valued event's valuation reads the same skimmed as parsed, and its totals as reports take them") {
  const nlohmann::json valuation = {
      {"breakdown", {{{"amount", "12.00 EUR"}, {"code", "refund"}, {"label", "Refund \"totals\": [x]"}}}},
      {"totals",
       {{{"claimed_value", "19.90 EUR"}, {"currency", "EUR"}, {"net_cost", "5.00 EUR"}, {"recovery_value", "1.00 EUR"},
         {"refund", "24.28 EUR"}, {"supplier_recovery", "2.50 EUR"}}}}};
  const nlohmann::json before = {{"breakdown", nlohmann::json::array()},
                                 {"totals", {{{"currency", "PLN"}, {"refund", "1.00 PLN"}}}}};
  const std::string data =
      nlohmann::json{{"changes", {{"valuation", {{"after", valuation}, {"before", before}}}}}, {"version", 3}}.dump();
  const std::string skimmed = rma::store::valuation_skimmed_from_valued_event(data, 7);
  CHECK(skimmed == rma::store::valuation_from_valued_event(data, 7));
  const std::vector<rma::domain::MoneyFact> money = rma::domain::money_facts_of(skimmed);
  REQUIRE(money.size() == 1);
  CHECK(money[0].currency == "EUR");
  CHECK(money[0].claimed == 1990);
  CHECK(money[0].refunded == 2428);
  CHECK(money[0].cost == 500);
  CHECK(money[0].recovered == 350);
  // A valuation removed reads as none.
  const std::string removed =
      nlohmann::json{{"changes", {{"valuation", {{"after", nullptr}, {"before", before}}}}}}.dump();
  CHECK(rma::store::valuation_skimmed_from_valued_event(removed, 8).empty());
  CHECK(rma::domain::money_facts_of("").empty());
}
