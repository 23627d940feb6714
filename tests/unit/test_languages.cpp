// Message catalogs (rma/language.hpp): the five built-in catalogs are complete, texts fall back
// along the chain, a host overrides keys and adds languages, and bad documents change nothing.
// The formatting is checked against CLDR through Babel in tests/python/test_languages.py; here a
// few fixed values guard the C++ side on its own.
#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rma/error.hpp"
#include "rma/language.hpp"
#include "rma/workflow.hpp"

using rma::Catalogs;
using rma::Status;

namespace {

Status status_of(const std::function<void()>& f, std::string* field = nullptr) {
  try {
    f();
  } catch (const rma::Error& e) {
    if (field) *field = e.field();
    return e.status();
  }
  return Status::ok;
}

const std::string nbsp = "\xC2\xA0";

}  // namespace

TEST_CASE("languages: the five built-in catalogs are complete") {
  const Catalogs& c = Catalogs::built_in();
  CHECK(c.languages() == std::vector<std::string>{"de", "en", "it", "pl", "ro"});
  const auto missing = c.missing();
  // Each incomplete catalog is named with its first missing key.
  std::string report;
  for (const auto& entry : missing) {
    report += entry.first + " lacks " + std::to_string(entry.second.size()) + " keys, the first " + entry.second.front() + "; ";
  }
  CHECK_MESSAGE(missing.empty(), report);
  CHECK(c.keys().size() > 150);
}

TEST_CASE("languages: every label of the default workflows has a key in every language") {
  const Catalogs& c = Catalogs::built_in();
  for (const rma::Workflow& w : rma::default_workflow_config().workflows) {
    for (const std::string& lang : rma::built_in_languages()) {
      CHECK(c.find(lang, "workflow." + w.id + ".name"));
      for (const rma::WorkflowState& s : w.states) {
        INFO(lang, " ", w.id, " state ", s.name);
        CHECK(c.find(lang, "workflow." + w.id + ".state." + s.name));
      }
      for (const rma::WorkflowTransition& t : w.transitions) {
        INFO(lang, " ", w.id, " transition ", t.name);
        CHECK(c.find(lang, "workflow." + w.id + ".transition." + t.name));
      }
    }
    // The English catalog says what the definition says.
    for (const rma::WorkflowState& s : w.states)
      CHECK(*c.find("en", "workflow." + w.id + ".state." + s.name) == s.label);
    for (const rma::WorkflowTransition& t : w.transitions)
      CHECK(*c.find("en", "workflow." + w.id + ".transition." + t.name) == t.label);
  }
}

TEST_CASE("languages: tags are checked and written in canonical case") {
  CHECK(rma::canonical_language("de-at", "lang") == "de-AT");
  CHECK(rma::canonical_language("SR-latn-rs", "lang") == "sr-Latn-RS");
  CHECK(rma::canonical_language("it", "lang") == "it");
  for (const char* bad : {"", "d", "german", "de_AT", "de-", "-de", "de--AT", "de-toolongsub", "1e", "de-A T"}) {
    std::string field;
    INFO(bad);
    CHECK(status_of([&] { rma::canonical_language(bad, "lang"); }, &field) == Status::unknown_value);
    CHECK(field == "lang");
  }
  CHECK(status_of([] { rma::canonical_language(std::string(36, 'a'), "lang"); }) == Status::unknown_value);
}

TEST_CASE("languages: the fallback chain goes de-AT, de, en") {
  CHECK(rma::language_fallback_chain("de-AT") == std::vector<std::string>{"de-AT", "de", "en"});
  CHECK(rma::language_fallback_chain("en-GB") == std::vector<std::string>{"en-GB", "en"});
  CHECK(rma::language_fallback_chain("en") == std::vector<std::string>{"en"});
  CHECK(rma::language_fallback_chain("sr-Latn-RS") == std::vector<std::string>{"sr-Latn-RS", "sr-Latn", "sr", "en"});

  Catalogs c = Catalogs::built_in();
  c.add(R"({"languages": {"de-AT": {"kind.return": "Retoure"}, "fr": {"kind.return": "Retour"}}})");
  CHECK(*c.find("de-AT", "kind.return") == "Retoure");
  CHECK(*c.find("de-AT", "kind.repair") == "Reparatur");  // from de
  CHECK(*c.find("de-CH", "kind.repair") == "Reparatur");  // no de-CH catalog: de
  CHECK(*c.find("fr", "kind.repair") == "Repair");        // fr lacks it: en, and the check says so
  CHECK(*c.find("xx", "kind.repair") == "Repair");
  CHECK_FALSE(c.find("de", "no.such.key"));
  CHECK(c.text_or("de", "no.such.key", "Host label") == "Host label");
  const auto missing = c.missing();
  CHECK(missing.count("de-AT") == 0);  // an override of a complete language is complete
  REQUIRE(missing.count("fr") == 1);
  CHECK(missing.at("fr").size() == c.keys().size() - 1);
}

TEST_CASE("languages: a host overrides keys without touching the built-in catalogs") {
  Catalogs c = Catalogs::built_in();
  c.add(R"({"languages": {"it": {"kind.return": "Restituzione", "host.greeting": "Ciao {name}"}}})");
  CHECK(*c.find("it", "kind.return") == "Restituzione");
  CHECK(c.format("it", "host.greeting", R"({"name": "Anna"})") == "Ciao Anna");
  CHECK(*Catalogs::built_in().find("it", "kind.return") == "Reso");
  // A key only a host language has is not missing elsewhere: the check is against English.
  CHECK(c.missing().empty());
}

TEST_CASE("languages: a bad catalog document names the field and changes nothing") {
  struct Bad {
    const char* document;
    Status status;
    const char* field;
  };
  const Bad cases[] = {
      {"{", Status::malformed_json, ""},
      {R"([])", Status::wrong_type, "document"},
      {R"({})", Status::missing_field, "languages"},
      {R"({"langs": {}})", Status::unknown_value, "langs"},
      {R"({"languages": []})", Status::wrong_type, "languages"},
      {R"({"languages": {"german": {}}})", Status::unknown_value, "languages.german"},
      {R"({"languages": {"de": []}})", Status::wrong_type, "languages.de"},
      {R"({"languages": {"de": {"Kind.Return": "x"}}})", Status::unknown_value, "languages.de.Kind.Return"},
      {R"({"languages": {"de": {"kind.return": 5}}})", Status::wrong_type, "languages.de.kind.return"},
      {R"({"languages": {"de": {"kind.return": "{count, plural, one {x}"}}})", Status::invalid_argument,
       "languages.de.kind.return"},
      {"{\"languages\": {\"de\": {\"kind.return\": \"\xC3\x28\"}}}", Status::invalid_utf8, "languages.de.kind.return"},
  };
  for (const Bad& bad : cases) {
    Catalogs c = Catalogs::built_in();
    // A good language first in the same document: it must not be applied either.
    std::string document = bad.document;
    std::string field;
    INFO(document);
    CHECK(status_of([&] { c.add(document); }, &field) == bad.status);
    CHECK(field == bad.field);
    CHECK(*c.find("de", "kind.return") == "Rücksendung");
  }
  Catalogs c = Catalogs::built_in();
  std::string field;
  CHECK(status_of([&] { c.add(R"({"languages": {"fr": {"kind.return": "Retour"}, "de": {"kind.return": 1}}})"); },
                  &field) == Status::wrong_type);
  CHECK_FALSE(c.find("fr", "kind.return") == std::optional<std::string>("Retour"));
  const std::string oversized = R"({"languages": {"de": {"kind.return": ")" + std::string(5000, 'x') + "\"}}}";
  CHECK(status_of([&] { c.add(oversized); }, &field) == Status::too_large);
  CHECK(field == "languages.de.kind.return");
  CHECK(status_of([&] { c.add(oversized, 5000); }) == Status::ok);
}

TEST_CASE("languages: plural categories in the five languages") {
  CHECK(rma::plural_category("en", "1") == "one");
  CHECK(rma::plural_category("en", "2") == "other");
  CHECK(rma::plural_category("pl", "1") == "one");
  CHECK(rma::plural_category("pl", "2") == "few");
  CHECK(rma::plural_category("pl", "5") == "many");
  CHECK(rma::plural_category("pl", "22") == "few");
  CHECK(rma::plural_category("pl", "12") == "many");
  CHECK(rma::plural_category("ro", "0") == "few");
  CHECK(rma::plural_category("ro", "19") == "few");
  CHECK(rma::plural_category("ro", "20") == "other");
  CHECK(rma::plural_category("ro", "101") == "few");
  const Catalogs& c = Catalogs::built_in();
  CHECK(c.format("pl", "count.products", R"({"count": 1})") == "1 produkt");
  CHECK(c.format("pl", "count.products", R"({"count": 2})") == "2 produkty");
  CHECK(c.format("pl", "count.products", R"({"count": 5})") == "5 produktów");
  CHECK(c.format("ro", "count.products", R"({"count": 20})") == "20 de produse");
  CHECK(c.format("de-AT", "count.products", R"({"count": 2})") == "2 Produkte");
  CHECK(status_of([&] { c.format("pl", "nope"); }) == Status::not_found);
  CHECK(status_of([&] { c.format("pl", "count.products", "[1]"); }) == Status::wrong_type);
}

TEST_CASE("languages: money with the currency's digits") {
  CHECK(rma::format_money("it", rma::Money{1208, "EUR"}) == "12,08" + nbsp + "€");
  CHECK(rma::format_money("pl", rma::Money{123456, "PLN"}) == "1" + nbsp + "234,56" + nbsp + "zł");
  CHECK(rma::format_money("ro", rma::Money{123456, "RON"}) == "1.234,56" + nbsp + "RON");
  CHECK(rma::format_money("de", rma::Money{-5, "EUR"}) == "-0,05" + nbsp + "€");
  CHECK(rma::format_money("en", rma::Money{1234, "JPY"}) == "¥1,234");
  CHECK(rma::format_money("en", rma::Money{1234, "KWD"}) == "KWD" + nbsp + "1.234");
  CHECK(status_of([] { rma::format_money("en", rma::Money{1, "XYZ"}); }) == Status::unknown_value);
}

TEST_CASE("languages: dates and times in the reader's language and zone") {
  const rma::Date d{2026, 3, 1};
  CHECK(rma::format_date("it", d, rma::DateStyle::long_) == "1 marzo 2026");
  CHECK(rma::format_date("pl", d, rma::DateStyle::long_) == "1 marca 2026");
  CHECK(rma::format_date("de", d, rma::DateStyle::medium) == "01.03.2026");
  // 23:30 UTC on 31 March is 01:30 on 1 April in Warsaw (CEST, +2 h).
  const rma::Timestamp t = rma::Timestamp::from_iso("2026-03-31T23:30:00Z");
  CHECK(rma::format_time("pl", t, 7200, rma::DateStyle::short_, rma::DateStyle::short_).find("01:30") !=
        std::string::npos);
  CHECK(rma::format_time("pl", t, 7200, rma::DateStyle::medium, rma::DateStyle::none) == "1 kwi 2026");
  CHECK(status_of([&] { rma::format_time("pl", t, 0, rma::DateStyle::none, rma::DateStyle::none); }) ==
        Status::invalid_argument);
}

TEST_CASE("languages: lists") {
  CHECK(rma::format_list("pl", {"a", "b", "c"}) == "a, b i c");
  CHECK(rma::format_list("en", {"a", "b", "c"}) == "a, b, and c");
  CHECK(rma::format_list("ro", {"a", "b"}) == "a și b");
  CHECK(rma::format_list("de", {}) == "");
}
