#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "domain/warranty_rules.hpp"
#include "rma/error.hpp"
#include "rma/warranty.hpp"

using rma::Error;
using rma::Status;
using rma::WarrantyConfig;
using nlohmann::json;

namespace {

// The example of docs/warranty.md.
const char* const kExample = R"({
  "time_zone": "Europe/Rome",
  "policies": [
    {"name": "default", "manufacturer_months": 24},
    {"name": "acme", "match": {"brand": "Acme"}, "manufacturer_months": 36, "start": "registration",
     "replacement": "greater_of", "replacement_minimum_days": 180},
    {"name": "batteries", "match": {"category": "batteries"}, "manufacturer_months": 6,
     "void_conditions": ["liquid", "physical_damage"]},
    {"name": "refurbished phone", "match": {"sku": "PH-100-R"}, "manufacturer_months": 12, "start": "delivery",
     "proof_of_purchase_required": false, "replacement": "minimum_days", "replacement_minimum_days": 90}
  ],
  "legal": [
    {"b2c_months": 24, "b2b_months": 12, "start": "delivery"},
    {"jurisdiction": "GB", "b2c_months": 72, "b2b_months": 12, "start": "delivery"}
  ],
  "suppliers": [
    {"months": 12},
    {"supplier_id": "ACME-EU", "months": 24}
  ],
  "returns": {
    "withdrawal_days": 14,
    "categories": [
      {"category": "furniture", "withdrawal_days": 30},
      {"category": "software", "returnable": false}
    ],
    "reasons_by_channel": {
      "b2c": ["changed_mind", "defective", "damaged", "wrong_item"],
      "b2b": ["defective", "damaged", "wrong_item", "wrong_quantity"]
    },
    "require_unused": true,
    "require_original_packaging": true,
    "require_accessories": true
  }
})";

struct Failure {
  Status status = Status::ok;
  std::string field;
};

Failure failure(const std::string& text) {
  try {
    rma::warranty_config_from_json(text);
  } catch (const Error& e) {
    return Failure{e.status(), e.field()};
  }
  return Failure{};
}

// The document with one member of the first policy replaced.
std::string with_policy(const json& policy) { return json{{"policies", json::array({policy})}}.dump(); }

std::string with_returns(const json& returns) { return json{{"returns", returns}}.dump(); }

json policy(json extra) {
  json p = {{"name", "p"}, {"manufacturer_months", 24}};
  p.update(extra);
  return p;
}

}  // namespace

TEST_CASE("the default configuration") {
  const WarrantyConfig c = rma::default_warranty_config();
  CHECK(c.time_zone == "CET-1CEST,M3.5.0,M10.5.0/3");
  REQUIRE(c.policies.size() == 1);
  CHECK(c.policies[0].name == "default");
  CHECK(c.policies[0].manufacturer_months == 24);
  CHECK(c.policies[0].start == rma::WarrantyStart::sale);
  CHECK(c.policies[0].proof_of_purchase_required);
  CHECK(c.policies[0].replacement == rma::ReplacementRule::inherit);
  CHECK(c.policies[0].replacement_minimum_days == 90);
  CHECK(c.policies[0].void_conditions.size() == 4);
  REQUIRE(c.legal.size() == 1);
  CHECK(c.legal[0].jurisdiction.empty());
  CHECK(c.legal[0].b2c_months == 24);
  CHECK(c.legal[0].b2b_months == 12);
  CHECK(c.legal[0].start == rma::WarrantyStart::delivery);
  REQUIRE(c.suppliers.size() == 1);
  CHECK(c.suppliers[0].months == 12);
  CHECK(c.returns.withdrawal_days == 14);
  // The empty document is the default configuration.
  CHECK(rma::warranty_config_to_json(rma::warranty_config_from_json("{}")) == rma::warranty_config_to_json(c));
  CHECK(rma::warranty_config_to_json(rma::warranty_config_from_json(R"({"policies": null, "returns": null})")) ==
        rma::warranty_config_to_json(c));
}

TEST_CASE("the documented example reads, and writing it reads back the same") {
  const WarrantyConfig c = rma::warranty_config_from_json(kExample);
  REQUIRE(c.policies.size() == 4);
  CHECK(c.policies[1].match.brand == "Acme");
  CHECK(c.policies[1].start == rma::WarrantyStart::registration);
  CHECK(c.policies[1].replacement == rma::ReplacementRule::greater_of);
  CHECK(c.policies[1].replacement_minimum_days == 180);
  CHECK(c.policies[1].void_conditions.size() == 4);  // absent: all four
  CHECK(c.policies[2].void_conditions == std::vector<std::string>{"liquid", "physical_damage"});
  CHECK_FALSE(c.policies[3].proof_of_purchase_required);
  CHECK(c.legal[1].jurisdiction == "GB");
  CHECK(c.legal[1].b2c_months == 72);
  CHECK(c.suppliers[1].supplier_id == "ACME-EU");
  CHECK(c.suppliers[1].months == 24);
  REQUIRE(c.returns.categories.size() == 2);
  CHECK(c.returns.categories[0].withdrawal_days == 30);
  CHECK(c.returns.categories[0].returnable);
  CHECK_FALSE(c.returns.categories[1].withdrawal_days.has_value());
  CHECK_FALSE(c.returns.categories[1].returnable);
  REQUIRE(c.returns.reasons_by_channel.size() == 2);
  CHECK(c.returns.require_accessories);

  const std::string written = rma::warranty_config_to_json(c);
  CHECK(rma::warranty_config_to_json(rma::warranty_config_from_json(written)) == written);
  // Explicitly empty lists stay empty.
  const WarrantyConfig none = rma::warranty_config_from_json(R"({"policies": [], "legal": [], "suppliers": []})");
  CHECK(none.policies.empty());
  CHECK(none.legal.empty());
  CHECK(none.suppliers.empty());
  const WarrantyConfig no_voids = rma::warranty_config_from_json(with_policy(policy({{"void_conditions", json::array()}})));
  CHECK(no_voids.policies[0].void_conditions.empty());
}

TEST_CASE("malformed documents and unknown keys") {
  CHECK(failure("{").status == Status::malformed_json);
  CHECK(failure("[]").status == Status::wrong_type);
  CHECK(failure(R"({"time_zone": "UTC", "time_zone": "UTC"})").status == Status::malformed_json);
  const Failure typo = failure(R"({"polices": []})");
  CHECK(typo.status == Status::unknown_value);
  CHECK(typo.field == "polices");
  const Failure match_key = failure(with_policy(policy({{"match", {{"model", "X"}}}})));
  CHECK(match_key.status == Status::unknown_value);
  CHECK(match_key.field == "policies[0].match.model");
  const Failure policy_key = failure(with_policy(policy({{"months", 3}})));
  CHECK(policy_key.status == Status::unknown_value);
  CHECK(policy_key.field == "policies[0].months");
  CHECK(failure(R"({"returns": {"withdrawal": 14}})").field == "returns.withdrawal");
  CHECK(failure(R"({"legal": [{"b2c": 24}]})").field == "legal[0].b2c");
  CHECK(failure(R"({"suppliers": [{"id": "S"}]})").field == "suppliers[0].id");
}

TEST_CASE("policies: required name, months 0..600, days 0..3650, known names") {
  CHECK(failure(with_policy(json{{"manufacturer_months", 24}})).field == "policies[0].name");
  CHECK(failure(with_policy(json{{"manufacturer_months", 24}})).status == Status::missing_field);
  CHECK(failure(with_policy(policy({{"name", ""}}))).status == Status::missing_field);
  CHECK(failure(with_policy(json{{"name", "p"}})).field == "policies[0].manufacturer_months");

  CHECK(failure(with_policy(policy({{"manufacturer_months", 0}}))).status == Status::ok);
  CHECK(failure(with_policy(policy({{"manufacturer_months", -1}}))).status == Status::out_of_range);
  CHECK(failure(with_policy(policy({{"manufacturer_months", 600}}))).status == Status::ok);
  const Failure months = failure(with_policy(policy({{"manufacturer_months", 601}})));
  CHECK(months.status == Status::out_of_range);
  CHECK(months.field == "policies[0].manufacturer_months");
  CHECK(failure(with_policy(policy({{"manufacturer_months", "24"}}))).status == Status::wrong_type);
  CHECK(failure(with_policy(policy({{"manufacturer_months", 2.5}}))).status == Status::wrong_type);

  CHECK(failure(with_policy(policy({{"replacement_minimum_days", 3650}}))).status == Status::ok);
  CHECK(failure(with_policy(policy({{"replacement_minimum_days", 3651}}))).status == Status::out_of_range);
  CHECK(failure(with_policy(policy({{"replacement_minimum_days", -1}}))).status == Status::out_of_range);

  const Failure start = failure(with_policy(policy({{"start", "purchase"}})));
  CHECK(start.status == Status::unknown_value);
  CHECK(start.field == "policies[0].start");
  CHECK(failure(with_policy(policy({{"start", "delivery"}}))).status == Status::ok);
  CHECK(failure(with_policy(policy({{"replacement", "replace"}}))).field == "policies[0].replacement");
  CHECK(failure(with_policy(policy({{"proof_of_purchase_required", "yes"}}))).status == Status::wrong_type);

  const Failure condition = failure(with_policy(policy({{"void_conditions", {"liquid", "water"}}})));
  CHECK(condition.status == Status::unknown_value);
  CHECK(condition.field == "policies[0].void_conditions[1]");
  const Failure twice = failure(with_policy(policy({{"void_conditions", {"liquid", "liquid"}}})));
  CHECK(twice.status == Status::duplicate);
  CHECK(twice.field == "policies[0].void_conditions[1]");
  CHECK(failure(with_policy(policy({{"void_conditions", {1}}}))).status == Status::wrong_type);

  // The path names the offending element of a longer list.
  const json list = {policy({{"name", "a"}}), policy({{"name", "b"}, {"match", {{"sku", "X"}}}}),
                     policy({{"name", "c"}, {"match", {{"sku", "Y"}}}, {"manufacturer_months", 700}})};
  const Failure third = failure(json{{"policies", list}}.dump());
  CHECK(third.status == Status::out_of_range);
  CHECK(third.field == "policies[2].manufacturer_months");
}

TEST_CASE("at most one policy per match, one default legal guarantee and one default supplier term") {
  const json two_defaults = {{"policies", {policy({{"name", "a"}}), policy({{"name", "b"}})}}};
  const Failure defaults = failure(two_defaults.dump());
  CHECK(defaults.status == Status::duplicate);
  CHECK(defaults.field == "policies[1].match");
  const json same_sku = {{"policies", {policy({{"name", "a"}, {"match", {{"sku", "X"}}}}),
                                       policy({{"name", "b"}, {"match", {{"sku", "X"}}}})}}};
  CHECK(failure(same_sku.dump()).field == "policies[1].match");
  const json other_sku = {{"policies", {policy({{"name", "a"}, {"match", {{"sku", "X"}}}}),
                                        policy({{"name", "b"}, {"match", {{"sku", "Y"}}}})}}};
  CHECK(failure(other_sku.dump()).status == Status::ok);
  const json same_name = {{"policies", {policy({{"name", "a"}}), policy({{"name", "a"}, {"match", {{"sku", "X"}}}})}}};
  const Failure name = failure(same_name.dump());
  CHECK(name.status == Status::duplicate);
  CHECK(name.field == "policies[1].name");

  const Failure legal = failure(R"({"legal": [{"b2c_months": 24}, {"jurisdiction": "", "b2c_months": 30}]})");
  CHECK(legal.status == Status::duplicate);
  CHECK(legal.field == "legal[1].jurisdiction");
  CHECK(failure(R"({"legal": [{"jurisdiction": "IT"}, {"jurisdiction": "IT"}]})").status == Status::duplicate);
  CHECK(failure(R"({"legal": [{"jurisdiction": "IT"}, {"jurisdiction": "DE"}]})").status == Status::ok);
  const Failure supplier = failure(R"({"suppliers": [{"supplier_id": "S1"}, {"supplier_id": "S1", "months": 6}]})");
  CHECK(supplier.status == Status::duplicate);
  CHECK(supplier.field == "suppliers[1].supplier_id");
  CHECK(failure(R"({"suppliers": [{"months": 6}, {"months": 12}]})").status == Status::duplicate);
}

TEST_CASE("legal guarantee and supplier months 0..600") {
  CHECK(failure(R"({"legal": [{"b2c_months": 600, "b2b_months": 0}]})").status == Status::ok);
  CHECK(failure(R"({"legal": [{"b2c_months": 601}]})").field == "legal[0].b2c_months");
  CHECK(failure(R"({"legal": [{"b2b_months": -1}]})").status == Status::out_of_range);
  CHECK(failure(R"({"legal": [{"start": "sale"}]})").status == Status::ok);
  CHECK(failure(R"({"legal": [{"start": "shipping"}]})").field == "legal[0].start");
  CHECK(failure(R"({"suppliers": [{"months": 600}]})").status == Status::ok);
  const Failure supplier = failure(R"({"suppliers": [{"months": 601}]})");
  CHECK(supplier.status == Status::out_of_range);
  CHECK(supplier.field == "suppliers[0].months");
}

TEST_CASE("return rules: days 0..3650, categories, reasons by channel") {
  CHECK(failure(with_returns({{"withdrawal_days", 0}})).status == Status::ok);
  CHECK(failure(with_returns({{"withdrawal_days", 3650}})).status == Status::ok);
  const Failure days = failure(with_returns({{"withdrawal_days", 3651}}));
  CHECK(days.status == Status::out_of_range);
  CHECK(days.field == "returns.withdrawal_days");
  CHECK(failure(with_returns({{"categories", {{{"category", "a"}, {"withdrawal_days", 3650}}}}})).status == Status::ok);
  CHECK(failure(with_returns({{"categories", {{{"category", "a"}, {"withdrawal_days", 3651}}}}})).field ==
        "returns.categories[0].withdrawal_days");
  CHECK(failure(with_returns({{"categories", {{{"withdrawal_days", 30}}}}})).field == "returns.categories[0].category");
  const Failure category = failure(with_returns({{"categories", {{{"category", "a"}}, {{"category", "a"}}}}}));
  CHECK(category.status == Status::duplicate);
  CHECK(category.field == "returns.categories[1].category");
  CHECK(failure(with_returns({{"categories", {{{"category", "a"}, {"returnable", "no"}}}}})).status == Status::wrong_type);

  const Failure channel = failure(with_returns({{"reasons_by_channel", {{"web", json::array()}}}}));
  CHECK(channel.status == Status::unknown_value);
  CHECK(channel.field == "returns.reasons_by_channel.web");
  CHECK(failure(with_returns({{"reasons_by_channel", {{"b2c", "defective"}}}})).status == Status::wrong_type);
  CHECK(failure(with_returns({{"reasons_by_channel", {"b2c"}}})).status == Status::wrong_type);
  const Failure reason = failure(with_returns({{"reasons_by_channel", {{"b2c", {"defective", 3}}}}}));
  CHECK(reason.status == Status::wrong_type);
  CHECK(reason.field == "returns.reasons_by_channel.b2c[1]");
  const Failure repeated = failure(with_returns({{"reasons_by_channel", {{"b2c", {"defective", "defective"}}}}}));
  CHECK(repeated.status == Status::duplicate);
  CHECK(repeated.field == "returns.reasons_by_channel.b2c[1]");
  CHECK(failure(with_returns({{"reasons_by_channel", {{"b2c", {""}}}}})).status == Status::missing_field);
  CHECK(failure(with_returns({{"require_unused", 1}})).status == Status::wrong_type);
}

TEST_CASE("the time zone is checked when the configuration is read") {
  CHECK(failure(R"({"time_zone": "JST-9"})").status == Status::ok);
  CHECK(failure(R"({"time_zone": "EST5EDT,M3.2.0,M11.1.0"})").status == Status::ok);
  const Failure bad = failure(R"({"time_zone": "CET-1CEST,M3.5.0"})");
  CHECK(bad.status == Status::invalid_argument);
  CHECK(bad.field == "time_zone");
  CHECK(failure(R"({"time_zone": "Mars/Olympus_Mons"})").status == Status::unknown_value);
  CHECK(failure(R"({"time_zone": 1})").status == Status::wrong_type);
}

TEST_CASE("C++ values get the same checks, and nested documents prefix the path") {
  WarrantyConfig c = rma::default_warranty_config();
  c.policies[0].start = static_cast<rma::WarrantyStart>(7);
  try {
    rma::domain::validate_warranty_config(c);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::unknown_value);
    CHECK(e.field() == "policies[0].start");
  }
  c = rma::default_warranty_config();
  c.returns.reasons_by_channel = {{rma::Channel::b2c, {"a"}}, {rma::Channel::b2c, {"b"}}};
  CHECK_THROWS_AS(rma::domain::validate_warranty_config(c), Error);
  c = rma::default_warranty_config();
  c.suppliers[0].months = 601;
  CHECK_THROWS_AS(rma::domain::validate_warranty_config(c), Error);
  c.suppliers[0].months = 600;
  CHECK_NOTHROW(rma::domain::validate_warranty_config(c));

  try {
    rma::domain::warranty_config_from_value(json{{"policies", {{{"name", "p"}, {"manufacturer_months", 601}}}}}, "config");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.field() == "config.policies[0].manufacturer_months");
  }
}

TEST_CASE("names of coverage kinds and outcomes") {
  for (auto kind : {rma::CoverageKind::manufacturer, rma::CoverageKind::legal_guarantee, rma::CoverageKind::extended,
                    rma::CoverageKind::goodwill, rma::CoverageKind::none}) {
    CHECK(rma::coverage_kind_from_name(rma::coverage_kind_name(kind)) == kind);
  }
  CHECK(std::string(rma::coverage_kind_name(rma::CoverageKind::legal_guarantee)) == "legal_guarantee");
  CHECK_FALSE(rma::coverage_kind_from_name("legal").has_value());
  CHECK(std::string(rma::outcome_name(rma::Outcome::pass)) == "pass");
  CHECK(std::string(rma::outcome_name(rma::Outcome::manual_review)) == "manual_review");
  CHECK(std::string(rma::outcome_name(rma::Outcome::fail)) == "fail");
  CHECK(rma::domain::warranty_start_from_name("registration") == rma::WarrantyStart::registration);
  CHECK(rma::domain::replacement_rule_from_name("greater_of") == rma::ReplacementRule::greater_of);
  CHECK(rma::domain::is_void_condition("serial_missing_or_altered"));
  CHECK_FALSE(rma::domain::is_void_condition("scratches"));
}
