#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "domain/valuation_rules.hpp"
#include "rma/error.hpp"
#include "rma/valuation.hpp"

using nlohmann::json;
using rma::Error;
using rma::Status;
using rma::ValuationRules;

namespace {

// The example of docs/valuation.md.
const char* const kExample = R"({
  "rounding": "half_even",
  "restocking_fees": [
    {"reasons": ["changed_mind"], "conditions": ["opened"], "percent_bp": 1500,
     "minimum": "5.00 EUR", "maximum": "50.00 EUR"},
    {"reasons": ["changed_mind"], "categories": ["software"], "percent_bp": 10000},
    {"reasons": ["wrong_order"], "fixed": "2.50 EUR", "per_unit": true}
  ],
  "depreciation": [
    {"categories": ["phones", "laptops"], "method": "linear", "monthly_rate_bp": 200, "floor_percent_bp": 3000},
    {"categories": ["furniture"], "method": "stepped",
     "steps": [{"from_month": 6, "percent_bp": 1000}, {"from_month": 12, "percent_bp": 2500}]}
  ],
  "deductions": [
    {"code": "missing_accessories", "percent_bp": 1000},
    {"code": "packaging", "fixed": "3.00 EUR"},
    {"code": "damage", "percent_bp": 3000}
  ],
  "labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}, {"name": "expert", "hourly_rate": "90.00 EUR"}],
  "shipping": [{"inbound": "6.90 EUR", "outbound": "6.90 EUR"}, {"channel": "b2b", "inbound": "15.00 EUR"}],
  "recovery": {"resell_new": {"percent_bp": 9000}, "refurbish": {"percent_bp": 4000},
               "scrap": {"fixed": "1.00 EUR", "per_unit": true}},
  "supplier_recovery_bp": 10000
})";

struct Failure {
  Status status = Status::ok;
  std::string field;
};

Failure failure(const json& document) {
  try {
    rma::valuation_rules_from_json(document.dump());
  } catch (const Error& e) {
    return Failure{e.status(), e.field()};
  }
  return Failure{};
}

json fee(json extra) {
  json f = {{"percent_bp", 1000}};
  f.update(extra);
  if (extra.contains("fixed")) f.erase("percent_bp");
  return json{{"restocking_fees", json::array({f})}};
}

json depreciation(json rule) { return json{{"depreciation", json::array({rule})}}; }

void check_failure(const json& document, Status status, const std::string& field) {
  const Failure f = failure(document);
  CHECK_MESSAGE(f.status == status, document.dump());
  CHECK_MESSAGE(f.field == field, document.dump());
}

}  // namespace

TEST_CASE("valuation rules: the empty document is the default, which charges nothing") {
  const ValuationRules rules = rma::valuation_rules_from_json("{}");
  CHECK(rules.rounding == rma::Rounding::half_even);
  CHECK(rules.restocking_fees.empty());
  CHECK(rules.depreciation.empty());
  CHECK(rules.deductions.empty());
  CHECK(rules.labour_classes.empty());
  CHECK(rules.shipping.empty());
  CHECK(rules.recovery.empty());
  CHECK(rules.supplier_recovery_bp == 10000);
  CHECK(rma::valuation_rules_to_json(rules) == rma::valuation_rules_to_json(ValuationRules{}));
  CHECK(rma::valuation_rules_to_json(rma::valuation_rules_from_json(R"({"restocking_fees": null})")) ==
        rma::valuation_rules_to_json(ValuationRules{}));
}

TEST_CASE("valuation rules: the documented example reads, and writing it reads back the same") {
  const ValuationRules rules = rma::valuation_rules_from_json(kExample);
  REQUIRE(rules.restocking_fees.size() == 3);
  CHECK(rules.restocking_fees[0].charge.percent_bp == 1500);
  CHECK(rules.restocking_fees[0].minimum == rma::Money{500, "EUR"});
  CHECK(rules.restocking_fees[0].maximum == rma::Money{5000, "EUR"});
  CHECK(rules.restocking_fees[2].charge.fixed == rma::Money{250, "EUR"});
  CHECK(rules.restocking_fees[2].charge.per_unit);
  REQUIRE(rules.depreciation.size() == 2);
  CHECK(rules.depreciation[0].method == rma::DepreciationMethod::linear);
  CHECK(rules.depreciation[0].floor_percent_bp == 3000);
  CHECK(rules.depreciation[1].steps.size() == 2);
  CHECK(rules.deductions[1].charge.fixed == rma::Money{300, "EUR"});
  CHECK(rules.labour_classes[1].hourly_rate == rma::Money{9000, "EUR"});
  REQUIRE(rules.shipping.size() == 2);
  CHECK_FALSE(rules.shipping[0].channel.has_value());
  CHECK(rules.shipping[1].channel == rma::Channel::b2b);
  CHECK_FALSE(rules.shipping[1].outbound.has_value());
  CHECK(rules.recovery.size() == 3);

  const std::string written = rma::valuation_rules_to_json(rules);
  CHECK(rma::valuation_rules_to_json(rma::valuation_rules_from_json(written)) == written);
  // Reading the written form gives the same rules as the example, member by member.
  const json a = json::parse(written);
  const json b = json::parse(rma::valuation_rules_to_json(rma::valuation_rules_from_json(kExample)));
  CHECK(a == b);
}

TEST_CASE("valuation rules: rounding is named") {
  CHECK(rma::valuation_rules_from_json(R"({"rounding": "half_up"})").rounding == rma::Rounding::half_up);
  CHECK(rma::valuation_rules_from_json(R"({"rounding": "down"})").rounding == rma::Rounding::down);
  check_failure(json{{"rounding", "bankers"}}, Status::unknown_value, "rounding");
  check_failure(json{{"rounding", 1}}, Status::wrong_type, "rounding");
}

TEST_CASE("valuation rules: a charge is a percentage or a fixed amount, within range") {
  CHECK(failure(fee({{"percent_bp", 10000}})).status == Status::ok);
  check_failure(fee({{"percent_bp", 10001}}), Status::out_of_range, "restocking_fees[0].percent_bp");
  CHECK(failure(fee({{"percent_bp", 0}})).status == Status::ok);
  check_failure(fee({{"percent_bp", -1}}), Status::out_of_range, "restocking_fees[0].percent_bp");
  check_failure(json{{"restocking_fees", json::array({json{{"percent_bp", 100}, {"fixed", "1.00 EUR"}}})}},
                Status::invalid_argument, "restocking_fees[0].fixed");
  check_failure(json{{"restocking_fees", json::array({json{{"reasons", json::array()}}})}}, Status::missing_field,
                "restocking_fees[0].percent_bp");
  CHECK(failure(fee({{"fixed", "0.00 EUR"}})).status == Status::ok);
  check_failure(fee({{"fixed", "-0.01 EUR"}}), Status::out_of_range, "restocking_fees[0].fixed");
  check_failure(fee({{"fixed", "5 EUR"}}), Status::invalid_argument, "restocking_fees[0].fixed");
  check_failure(fee({{"fixed", "5.00 XXX"}}), Status::unknown_value, "restocking_fees[0].fixed");
  check_failure(fee({{"per_unit", true}}), Status::invalid_argument, "restocking_fees[0].per_unit");
  check_failure(fee({{"percnt_bp", 5}}), Status::unknown_value, "restocking_fees[0].percnt_bp");
  check_failure(fee({{"reasons", json::array({""})}}), Status::missing_field, "restocking_fees[0].reasons[0]");
  check_failure(fee({{"reasons", json::array({3})}}), Status::wrong_type, "restocking_fees[0].reasons[0]");
}

TEST_CASE("valuation rules: a fee's minimum is at most its maximum, in one currency") {
  CHECK(failure(fee({{"minimum", "5.00 EUR"}, {"maximum", "5.00 EUR"}})).status == Status::ok);
  check_failure(fee({{"minimum", "5.01 EUR"}, {"maximum", "5.00 EUR"}}), Status::invalid_argument,
                "restocking_fees[0].maximum");
  check_failure(fee({{"minimum", "5.00 EUR"}, {"maximum", "50.00 PLN"}}), Status::invalid_argument,
                "restocking_fees[0].maximum");
  check_failure(fee({{"minimum", "-1.00 EUR"}}), Status::out_of_range, "restocking_fees[0].minimum");
}

TEST_CASE("valuation rules: depreciation methods take only their own members") {
  CHECK(failure(depreciation({{"method", "none"}})).status == Status::ok);
  check_failure(depreciation({{"monthly_rate_bp", 100}}), Status::missing_field, "depreciation[0].method");
  check_failure(depreciation({{"method", "exponential"}}), Status::unknown_value, "depreciation[0].method");
  check_failure(depreciation({{"method", "linear"}, {"steps", json::array({json{{"from_month", 1}, {"percent_bp", 1}}})}}),
                Status::invalid_argument, "depreciation[0].steps");
  check_failure(depreciation({{"method", "stepped"}, {"monthly_rate_bp", 100}}), Status::invalid_argument,
                "depreciation[0].monthly_rate_bp");
  check_failure(depreciation({{"method", "stepped"}}), Status::missing_field, "depreciation[0].steps");
  check_failure(depreciation({{"method", "stepped"},
                              {"steps", json::array({json{{"from_month", 6}, {"percent_bp", 1000}},
                                                     json{{"from_month", 6}, {"percent_bp", 2000}}})}}),
                Status::invalid_argument, "depreciation[0].steps[1].from_month");
  CHECK(failure(depreciation({{"method", "stepped"},
                              {"steps", json::array({json{{"from_month", 6}, {"percent_bp", 1000}},
                                                     json{{"from_month", 7}, {"percent_bp", 2000}}})}}))
            .status == Status::ok);
  CHECK(failure(depreciation({{"method", "linear"}, {"monthly_rate_bp", 10000}, {"floor_percent_bp", 10000}})).status ==
        Status::ok);
  check_failure(depreciation({{"method", "linear"}, {"monthly_rate_bp", 10001}}), Status::out_of_range,
                "depreciation[0].monthly_rate_bp");
  check_failure(depreciation({{"method", "linear"}, {"floor_percent_bp", 10001}}), Status::out_of_range,
                "depreciation[0].floor_percent_bp");
  check_failure(depreciation({{"method", "stepped"}, {"steps", json::array({json{{"from_month", 1201}, {"percent_bp", 1}}})}}),
                Status::out_of_range, "depreciation[0].steps[0].from_month");
}

TEST_CASE("valuation rules: codes, names, channels and grades are unique") {
  check_failure(json{{"deductions", json::array({json{{"code", "damage"}, {"percent_bp", 1}},
                                                 json{{"code", "damage"}, {"percent_bp", 2}}})}},
                Status::duplicate, "deductions[1].code");
  check_failure(json{{"deductions", json::array({json{{"percent_bp", 1}}})}}, Status::missing_field, "deductions[0].code");
  check_failure(json{{"labour_classes", json::array({json{{"name", "a"}, {"hourly_rate", "1.00 EUR"}},
                                                     json{{"name", "a"}, {"hourly_rate", "2.00 EUR"}}})}},
                Status::duplicate, "labour_classes[1].name");
  check_failure(json{{"labour_classes", json::array({json{{"name", "a"}}})}}, Status::missing_field,
                "labour_classes[0].hourly_rate");
  check_failure(json{{"shipping", json::array({json{{"inbound", "1.00 EUR"}}, json{{"outbound", "1.00 EUR"}}})}},
                Status::duplicate, "shipping[1].channel");
  check_failure(json{{"shipping", json::array({json{{"channel", "b2b"}}, json{{"channel", "b2b"}}})}}, Status::duplicate,
                "shipping[1].channel");
  check_failure(json{{"shipping", json::array({json{{"channel", "fax"}}})}}, Status::unknown_value, "shipping[0].channel");
  check_failure(json{{"recovery", {{"resell", {{"percent_bp", 1}}}}}}, Status::unknown_value, "recovery.resell");
  check_failure(json{{"recovery", {{"scrap", json::object()}}}}, Status::missing_field, "recovery.scrap.percent_bp");
  check_failure(json{{"recovery", json::array()}}, Status::wrong_type, "recovery");
  CHECK(failure(json{{"supplier_recovery_bp", 0}}).status == Status::ok);
  check_failure(json{{"supplier_recovery_bp", 10001}}, Status::out_of_range, "supplier_recovery_bp");
}

TEST_CASE("valuation rules: rules built in C++ are validated with the same paths, and embedded paths get a prefix") {
  ValuationRules rules;
  rules.deductions.push_back(rma::DeductionRule{"damage", rma::Charge{20000, std::nullopt, false}});
  try {
    rma::validate_valuation_rules(rules);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(e.field() == "deductions[0].percent_bp");
  }
  try {
    rma::domain::valuation_rules_from_value(fee({{"percent_bp", 10001}}), "valuation");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.field() == "valuation.restocking_fees[0].percent_bp");
  }
  check_failure(json::array(), Status::wrong_type, "");
}
