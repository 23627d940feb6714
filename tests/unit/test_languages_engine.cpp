// Languages in the engine and the JSON API (docs/languages.md): `lang` on the answers that carry
// labels, the reader's own language by default, host catalogs stored and checked whole, host
// workflow labels per language.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "rma/json_api.hpp"

using nlohmann::json;
using rma::Status;
using rma_test::EngineFixture;
using rma_test::status_of;

namespace {

struct LanguageFixture : EngineFixture {
  rma::JsonApi api{engine};

  json call(const char* actor, const char* op, const json& request) {
    return json::parse(api.call(actor, op, request.dump()));
  }
  std::int64_t new_case() { return engine.create_case(op, one_line_draft()).id; }
  void set_language(const char* language) {
    rma::Customer c = engine.get_customer(op, "C1");
    c.language = language;
    engine.upsert_customer(op, c);
  }
};

}  // namespace

TEST_CASE_FIXTURE(LanguageFixture, "languages: case.get carries the status label in the asked language") {
  const std::int64_t id = new_case();
  // Unasked, a case is the same document as every other op's (no label).
  json c = call("operator:anna", "case.get", {{"case_id", id}});
  CHECK_FALSE(c.contains("status_label"));
  CHECK(c == call("operator:anna", "case.get", {{"case_id", id}, {"lang", nullptr}}));
  c = call("operator:anna", "case.get", {{"case_id", id}, {"lang", "en"}});
  CHECK(c["status_label"] == "Requested");
  CHECK(c["lang"] == "en");
  c = call("operator:anna", "case.get", {{"case_id", id}, {"lang", "pl"}});
  CHECK(c["status_label"] == "Zgłoszony");
  CHECK(c["lang"] == "pl");
  c = call("operator:anna", "case.get", {{"case_id", id}, {"lang", "de-at"}});
  CHECK(c["status_label"] == "Angefragt");
  CHECK(c["lang"] == "de-AT");
}

TEST_CASE_FIXTURE(LanguageFixture, "languages: a customer reads in its stored language unless it asks for another") {
  const std::int64_t id = new_case();
  set_language("it");
  json c = call("customer:C1", "case.customer_view", {{"case_id", id}, {"lang", "ro"}});
  CHECK(c["status_label"] == "Solicitat");
  json t = call("customer:C1", "case.transitions", {{"case_id", id}});
  CHECK(t["lang"] == "it");
  REQUIRE(t["transitions"].size() > 0);
  bool cancel = false;
  for (const json& o : t["transitions"]) cancel = cancel || (o["name"] == "cancel" && o["label"] == "Annulla");
  CHECK(cancel);
  // Staff default to English; a stored language that is no tag is only a preference and ignored.
  set_language("Italian please");
  CHECK(call("customer:C1", "case.transitions", {{"case_id", id}})["lang"] == "en");
  CHECK(call("operator:anna", "case.transitions", {{"case_id", id}})["lang"] == "en");
}

TEST_CASE_FIXTURE(LanguageFixture, "languages: a bad lang is refused naming the field") {
  const std::int64_t id = new_case();
  for (const json& bad : {json("german"), json("de_AT"), json(""), json(5)}) {
    INFO(bad.dump());
    try {
      call("operator:anna", "case.get", {{"case_id", id}, {"lang", bad}});
      FAIL("accepted");
    } catch (const rma::Error& e) {
      CHECK(e.field() == "lang");
      CHECK((e.status() == Status::unknown_value || e.status() == Status::wrong_type));
    }
  }
}

TEST_CASE_FIXTURE(LanguageFixture, "languages: host catalogs are stored, override keys, add languages, and are checked") {
  const std::int64_t id = new_case();
  json stored = call("admin:root", "language.configure",
                     {{"languages",
                       {{"de-AT", {{"workflow.consumer_return.state.requested", "Beantragt"}}},
                        {"fr", {{"workflow.consumer_return.state.requested", "Demandé"}}}}}});
  CHECK(stored["languages"]["fr"]["workflow.consumer_return.state.requested"] == "Demandé");
  CHECK(stored["languages"].contains("de-AT"));
  CHECK(call("operator:anna", "case.get", {{"case_id", id}, {"lang", "de-AT"}})["status_label"] == "Beantragt");
  CHECK(call("operator:anna", "case.get", {{"case_id", id}, {"lang", "de"}})["status_label"] == "Angefragt");
  CHECK(call("operator:anna", "case.get", {{"case_id", id}, {"lang", "fr"}})["status_label"] == "Demandé");
  json check = call("operator:anna", "language.check", json::object());
  CHECK_FALSE(check["complete"].get<bool>());
  CHECK(check["missing"].contains("fr"));
  CHECK_FALSE(check["missing"].contains("de-AT"));
  CHECK(check["languages"] == json({"de", "de-AT", "en", "fr", "it", "pl", "ro"}));

  // A bad document changes nothing: the stored one stays in force.
  const json before = call("operator:anna", "language.config", json::object());
  try {
    call("admin:root", "language.configure",
         {{"languages", {{"it", {{"kind.return", "Reso!"}}}, {"pl", {{"kind.return", "{broken"}}}}}});
    FAIL("accepted");
  } catch (const rma::Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "languages.pl.kind.return");
  }
  CHECK(call("operator:anna", "language.config", json::object()) == before);
  CHECK(status_of([&] {
          call("admin:root", "language.configure", {{"languages", {{"de", json::object()}, {"DE", json::object()}}}});
        }) == Status::duplicate);
  CHECK(call("operator:anna", "language.config", json::object()) == before);
  CHECK(call("operator:anna", "language.format", {{"lang", "it"}, {"values", {{{"message", "kind.return"}}}}})["texts"] ==
        json({"Reso"}));
  // Only an admin (or the system) changes them.
  CHECK(status_of([&] { call("operator:anna", "language.configure", {{"languages", json::object()}}); }) ==
        Status::permission_denied);
  CHECK(status_of([&] { call("customer:C1", "language.check", json::object()); }) == Status::permission_denied);

  // The five built-in catalogs alone are complete.
  call("admin:root", "language.configure", {{"languages", json::object()}});
  check = call("operator:anna", "language.check", json::object());
  CHECK(check["complete"].get<bool>());
  CHECK(check["languages"] == json({"de", "en", "it", "pl", "ro"}));
}

TEST_CASE_FIXTURE(LanguageFixture, "languages: language.format formats every kind of value for a reader") {
  const json answer = call("customer:C1", "language.format",
                           {{"lang", "pl"},
                            {"values",
                             {{{"money", "1234.56 PLN"}},
                              {{"plural", 5}},
                              {{"message", "count.products"}, {"arguments", {{"count", 22}}}},
                              {{"pattern", "{n, plural, one {# sztuka} few {# sztuki} other {# sztuk}}"},
                               {"arguments", {{"n", 3}}}},
                              {{"date", "2026-03-01"}, {"style", "long"}},
                              {{"time", "2026-03-31T23:30:00Z"}, {"time_zone", "Europe/Warsaw"},
                               {"date_style", "none"}},
                              {{"list", {"a", "b", "c"}}}}}});
  CHECK(answer["lang"] == "pl");
  CHECK(answer["texts"] == json({"1\u00a0234,56\u00a0zł", "many", "22 produkty", "3 sztuki", "1 marca 2026", "01:30",
                                 "a, b i c"}));
  // A POSIX rule works like a zone name.
  CHECK(call("operator:anna", "language.format",
             {{"lang", "it"},
              {"values", {{{"time", "2026-07-01T10:00:00Z"}, {"time_zone", "CET-1CEST,M3.5.0,M10.5.0/3"},
                           {"date_style", "none"}}}}})["texts"] == json({"12:00"}));
  for (const json& bad : {json({{"money", "12 EUR"}, {"plural", 1}}), json::object(), json({{"money", "1.00 XYZ"}}),
                          json({{"message", "no.such.key"}}), json({{"date", "2026-02-30"}}),
                          json({{"list", {1}}})}) {
    INFO(bad.dump());
    CHECK(status_of([&] { call("operator:anna", "language.format", {{"values", {bad}}}); }) != Status::ok);
  }
}

TEST_CASE_FIXTURE(LanguageFixture, "languages: a host workflow brings its own labels per language") {
  rma::WorkflowConfig config = rma::default_workflow_config();
  for (rma::Workflow& w : config.workflows) {
    if (w.id != "consumer_return") continue;
    w.states[0].label = "Asked for";
    w.states[0].labels = {{"pl", "Zgłoszono przez klienta"}};
  }
  engine.configure_workflows(admin, config);
  const std::int64_t id = new_case();
  CHECK(call("operator:anna", "case.get", {{"case_id", id}, {"lang", "pl"}})["status_label"] == "Zgłoszono przez klienta");
  CHECK(call("operator:anna", "case.get", {{"case_id", id}, {"lang", "en"}})["status_label"] == "Asked for");
  CHECK(call("operator:anna", "case.get", {{"case_id", id}, {"lang", "it"}})["status_label"] == "Richiesto");
  const json stored = call("operator:anna", "workflow.config", json::object());
  CHECK(stored["workflows"][0]["states"][0]["labels"] == json({{"pl", "Zgłoszono przez klienta"}}));
  // Tags are checked like any.
  json document = stored;
  document["workflows"][0]["states"][0]["labels"] = {{"polish", "x"}};
  try {
    call("admin:root", "workflow.configure", document);
    FAIL("accepted");
  } catch (const rma::Error& e) {
    CHECK(e.status() == Status::unknown_value);
    CHECK(e.field() == "workflows[0].states[0].labels.polish");
  }
}
