// Retention (docs/privacy.md, "Retention"): the first day a case may be erased, at the boundary on
// both sides; which rule applies to a case's country and kind; where the country comes from; and
// the configuration document's errors, each naming its JSON path.
#include <doctest/doctest.h>

#include <string>

#include "domain/calendar_date.hpp"
#include "domain/retention_rules.hpp"
#include "engine_fixture.hpp"
#include "rma/privacy.hpp"

using namespace rma;

using rma_test::field_of;

TEST_CASE("retention: the first erasable day is the day after the period's last day, months clamped") {
  struct Row {
    Date ended;
    std::int32_t months;
    Date first;
  };
  for (const Row& r : {Row{{2026, 3, 10}, 12, {2027, 3, 11}}, Row{{2026, 1, 31}, 1, {2026, 3, 1}},
                       Row{{2024, 2, 29}, 12, {2025, 3, 1}}, Row{{2024, 2, 29}, 48, {2028, 3, 1}},
                       Row{{2026, 3, 10}, 26, {2028, 5, 11}}, Row{{2026, 12, 31}, 1200, {2127, 1, 1}}}) {
    CAPTURE(r.ended.to_iso());
    CAPTURE(r.months);
    const Date first = domain::erasable_from(r.ended, r.months);
    CHECK(first == r.first);
    // The day before is the last one kept: not yet erasable; the first day is.
    CHECK(domain::date_less(domain::add_days(first, -1), first));
    CHECK(domain::add_days(first, -1) == domain::add_months(r.ended, r.months));
  }
}

TEST_CASE("retention: the rule of the case's country and kind, then the country's, then the kind's, then the default") {
  PrivacyConfig c;
  c.default_retention.months = 120;
  c.retention = {RetentionRule{"", CaseKind::complaint, 36, "complaints"}, RetentionRule{"IT", std::nullopt, 24, "IT"},
                 RetentionRule{"IT", CaseKind::return_, 26, "IT returns"}, RetentionRule{"DE", std::nullopt, 120, "DE"}};
  CHECK(domain::retention_rule(c, "IT", CaseKind::return_).basis == "IT returns");
  CHECK(domain::retention_rule(c, "IT", CaseKind::repair).basis == "IT");
  CHECK(domain::retention_rule(c, "IT", CaseKind::complaint).basis == "IT");  // the country before the kind
  CHECK(domain::retention_rule(c, "PL", CaseKind::complaint).basis == "complaints");
  CHECK(domain::retention_rule(c, "PL", CaseKind::return_).months == 120);
  CHECK(domain::retention_rule(c, "", CaseKind::repair).months == 120);
}

TEST_CASE("retention: a case's country is its sale's jurisdiction, else the billing address's, else the first") {
  Customer c;
  CHECK(domain::retention_country({"", "DE"}, &c) == "DE");
  CHECK(domain::retention_country({}, nullptr).empty());
  c.addresses = {Address{"shipping", "", "", "", "", "", "FR"}, Address{"billing", "", "", "", "", "", "IT"}};
  CHECK(domain::retention_country({"", ""}, &c) == "IT");
  c.addresses[1].kind = "office";
  CHECK(domain::retention_country({}, &c) == "FR");
  CHECK(domain::retention_country({"PL"}, &c) == "PL");
}

TEST_CASE("retention: a case ends when it closes, or when an admin deleted it open") {
  CHECK(domain::case_ended_on(Date{2026, 3, 10}, Date{2026, 4, 1}) == Date{2026, 3, 10});
  CHECK(domain::case_ended_on(std::nullopt, Date{2026, 4, 1}) == Date{2026, 4, 1});
  CHECK_FALSE(domain::case_ended_on(std::nullopt, std::nullopt).has_value());
}

TEST_CASE("privacy configuration: read back as written, the default when absent, years as months") {
  const PrivacyConfig d = privacy_config_from_json("{}");
  CHECK(d.default_retention.months == 120);
  CHECK(d.kept_custom_fields == std::vector<std::string>{"contract"});
  const PrivacyConfig c = privacy_config_from_json(R"({"default_retention": {"years": 5, "basis": "tax"},
      "retention": [{"country": "IT", "kind": "repair", "months": 26}], "kept_custom_fields": []})");
  CHECK(c.default_retention.months == 60);
  CHECK(c.retention.at(0).kind == CaseKind::repair);
  CHECK(c.kept_custom_fields.empty());
  CHECK(privacy_config_from_json(privacy_config_to_json(c)).retention.at(0).months == 26);
  CHECK(privacy_config_to_json(privacy_config_from_json(privacy_config_to_json(c))) == privacy_config_to_json(c));
}

TEST_CASE("privacy configuration: each bad member is refused naming its path") {
  struct Bad {
    const char* text;
    Status status;
    const char* field;
  };
  for (const Bad& b : {
           Bad{R"({"retention": [{"country": "it", "months": 12}]})", Status::invalid_argument, "retention[0].country"},
           Bad{R"({"retention": [{"country": "ITA", "months": 12}]})", Status::invalid_argument, "retention[0].country"},
           Bad{R"({"retention": [{"months": 12}]})", Status::missing_field, "retention[0]"},
           Bad{R"({"retention": [{"kind": "refund", "months": 12}]})", Status::unknown_value, "retention[0].kind"},
           Bad{R"({"retention": [{"country": "IT", "months": 0}]})", Status::out_of_range, "retention[0].months"},
           Bad{R"({"retention": [{"country": "IT", "months": 1201}]})", Status::out_of_range, "retention[0].months"},
           Bad{R"({"retention": [{"country": "IT"}]})", Status::missing_field, "retention[0].months"},
           Bad{R"({"retention": [{"country": "IT", "months": 1, "years": 1}]})", Status::invalid_argument,
               "retention[0].years"},
           Bad{R"({"retention": [{"country": "IT", "months": 12}, {"country": "IT", "years": 2}]})", Status::duplicate,
               "retention[1]"},
           Bad{R"({"default_retention": {"country": "IT", "months": 12}})", Status::unknown_value,
               "default_retention.country"},
           Bad{R"({"default_retention": {"months": 12, "basis": 7}})", Status::wrong_type, "default_retention.basis"},
           Bad{R"({"kept_custom_fields": ["a", "a"]})", Status::duplicate, "kept_custom_fields[1]"},
           Bad{R"({"kept_custom_fields": [""]})", Status::missing_field, "kept_custom_fields[0]"},
           Bad{R"({"retension": []})", Status::unknown_value, "retension"},
       }) {
    CAPTURE(b.text);
    CHECK(rma_test::status_of([&] { privacy_config_from_json(b.text); }) == b.status);
    CHECK(field_of([&] { privacy_config_from_json(b.text); }) == b.field);
  }
  // The same checks for a configuration built in C++ (Engine::configure_privacy runs them first).
  PrivacyConfig c;
  c.default_retention.kind = CaseKind::repair;
  CHECK(field_of([&] { domain::validate_privacy_config(c); }) == "default_retention.kind");
  PrivacyConfig months;
  months.retention = {RetentionRule{"IT", std::nullopt, 0, ""}};
  CHECK(field_of([&] { domain::validate_privacy_config(months); }) == "retention[0].months");
  rma_test::EngineFixture f;
  CHECK(rma_test::status_of([&] { f.engine.configure_privacy(f.admin, c); }) == Status::invalid_argument);
  CHECK(f.engine.privacy_config(f.op).default_retention.kind == std::nullopt);
}
