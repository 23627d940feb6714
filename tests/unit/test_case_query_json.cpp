// case.query through the JSON API: every filter's member and type, pages through next_cursor,
// total_exact, the answer each role sees, and the options member of the count cap.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "engine_fixture.hpp"
#include "rma/rma.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::at;
using rma_test::EngineFixture;

namespace {

struct JsonGrid : EngineFixture {
  JsonApi api{engine};

  JsonGrid() {
    add_suppliers();
    for (int i = 0; i < 5; ++i) {
      now = at("2026-03-10T09:00:00Z");
      now.micros += static_cast<std::int64_t>(i) * 3600 * 1000000;
      CaseDraft d = two_line_draft(i < 3 ? "C1" : "C2");
      d.lines[0].lot = "LOT-" + std::to_string(i % 2);
      d.custom_fields = R"({"colour": "red"})";
      if (i == 4) {
        d.channel = Channel::supplier;
        d.supplier_id = "S1";
      }
      engine.create_case(op, d);
    }
  }

  json query(const std::string& actor, const json& request) {
    return json::parse(api.call(actor, "case.query", request.dump()));
  }

  // "status field" of the refusal, or "ok".
  std::string refusal(const std::string& actor, const std::string& request) {
    try {
      api.call(actor, "case.query", request);
    } catch (const Error& e) {
      return std::string(status_name(e.status())) + " " + e.field();
    }
    return "ok";
  }
};

}  // namespace

TEST_CASE("case.query JSON: every filter member is read; pages follow next_cursor to its null") {
  JsonGrid g;
  const json every = {{"customer_id", "C1"},
                      {"status", "requested"},
                      {"kind", "return"},
                      {"channel", "b2c"},
                      {"category", "none"},
                      {"priority", "normal"},
                      {"resolution", "none"},
                      {"team", "returns"},
                      {"assignee", ""},
                      {"supplier_id", ""},
                      {"sku", "PHONE-1"},
                      {"serial", "SN-001"},
                      {"lot", "LOT-0"},
                      {"sales_document", "INV-2026-17"},
                      {"reason_code", "defective"},
                      {"root_cause", ""},
                      {"created_from", "2026-03-10T09:00:00Z"},
                      {"created_to", "2026-03-11T00:00:00Z"},
                      {"updated_from", "2026-03-10T00:00:00Z"},
                      {"updated_to", "2026-03-11T00:00:00Z"},
                      {"number_prefix", "RMA-2026"},
                      {"sla_breached", false},
                      {"custom_fields", {{"colour", "red"}}},
                      {"sort", "number"},
                      {"descending", true},
                      {"limit", 1}};
  json page = g.query("operator:anna", every);
  CHECK(page["total"] == 2);  // C1's cases with LOT-0: the first and the third
  CHECK(page["total_exact"] == true);
  REQUIRE(page["items"].size() == 1);
  REQUIRE(page["next_cursor"].is_string());
  json next = every;
  next["cursor"] = page["next_cursor"];
  const json second = g.query("operator:anna", next);
  REQUIRE(second["items"].size() == 1);
  CHECK(second["items"][0]["id"] < page["items"][0]["id"]);  // number descending
  CHECK(second["next_cursor"].is_null());
  // Closed ranges read too (nothing is closed here).
  CHECK(g.query("operator:anna", {{"closed_from", "2026-01-01T00:00:00Z"}, {"closed_to", "2027-01-01T00:00:00Z"}})
            ["total"] == 0);
}

TEST_CASE("case.query JSON: wrong types, unknown names and bad values name their member; nothing is written") {
  JsonGrid g;
  const std::int64_t events = g.event_count();
  const char* const op = "operator:anna";
  CHECK(g.refusal(op, R"({"priority": 3})") == "wrong_type priority");
  CHECK(g.refusal(op, R"({"priority": "soon"})") == "unknown_value priority");
  CHECK(g.refusal(op, R"({"category": "colour"})") == "unknown_value category");
  CHECK(g.refusal(op, R"({"resolution": true})") == "wrong_type resolution");
  CHECK(g.refusal(op, R"({"team": 7})") == "wrong_type team");
  CHECK(g.refusal(op, R"({"sla_breached": "yes"})") == "wrong_type sla_breached");
  CHECK(g.refusal(op, R"({"custom_fields": []})") == "wrong_type custom_fields");
  CHECK(g.refusal(op, R"({"custom_fields": {"colour": ["red"]}})") == "wrong_type custom_fields.colour");
  CHECK(g.refusal(op, R"({"custom_fields": {"colour": {"a": 1}}})") == "wrong_type custom_fields.colour");
  CHECK(g.refusal(op, R"({"custom_fields": {"a\"b": 1}})") == "invalid_argument custom_fields");
  CHECK(g.refusal(op, R"({"updated_from": "yesterday"})") == "invalid_argument updated_from");
  CHECK(g.refusal(op, R"({"closed_to": 5})") == "wrong_type closed_to");
  CHECK(g.refusal(op, R"({"sort": "colour"})") == "unknown_value sort");
  CHECK(g.refusal(op, R"({"sort": "created_at", "cursor": 5})") == "wrong_type cursor");
  CHECK(g.refusal(op, R"({"cursor": "forged"})") == "invalid_argument cursor");
  CHECK(g.refusal(op, R"({"cursor": "MToxMjM0NTY3ODkwYWJjZGVmOjE6"})") == "invalid_argument cursor");
  CHECK(g.refusal(op, R"({"limit": 0})") == "out_of_range limit");
  CHECK(g.refusal(op, R"({"limit": 1001})") == "out_of_range limit");
  CHECK(g.refusal(op, R"({"limit": 1})") == "ok");
  CHECK(g.refusal(op, R"({"limit": 1000})") == "ok");
  CHECK(g.refusal(op, R"({"offset": -1})") == "out_of_range offset");
  CHECK(g.refusal(op, R"({"colour": "red"})") == "unknown_value colour");
  CHECK(g.refusal("customer:C1", R"({"customer_id": "C2"})") == "permission_denied customer_id");
  CHECK(g.refusal("customer:C1", R"({"team": "returns"})") == "permission_denied team");
  CHECK(g.refusal("customer:C1", R"({"sort": "team"})") == "permission_denied sort");
  CHECK(g.refusal("supplier:S1", R"({"supplier_id": "S2"})") == "permission_denied supplier_id");
  CHECK(g.refusal("supplier:S1", R"({"customer_id": "C1"})") == "permission_denied customer_id");
  CHECK(g.event_count() == events);
}

TEST_CASE("case.query JSON: claimants get their cases' page with total_exact and next_cursor") {
  JsonGrid g;
  const json mine = g.query("customer:C1", {{"limit", 2}});
  CHECK(mine["total"] == 3);
  CHECK(mine["total_exact"] == true);
  REQUIRE(mine["next_cursor"].is_string());
  for (const json& item : mine["items"]) {
    CHECK(item["customer_id"] == "C1");
    CHECK_FALSE(item.contains("assignee"));
  }
  const json rest = g.query("customer:C1", {{"limit", 2}, {"cursor", mine["next_cursor"]}});
  REQUIRE(rest["items"].size() == 1);
  CHECK(rest["next_cursor"].is_null());
  const json sent = g.query("supplier:S1", json::object());
  CHECK(sent["total"] == 1);
  CHECK_FALSE(sent["items"][0].contains("customer_id"));
  CHECK(sent.contains("total_exact"));
}

TEST_CASE("options JSON: limits.max_counted_total is 1..2147483647, and a small one flags totals past it") {
  for (const char* ok : {"1", "2147483647"}) {
    CHECK(options_from_json(std::string(R"({"limits": {"max_counted_total": )") + ok + "}}").limits.max_counted_total ==
          std::stoll(ok));
  }
  for (const char* bad : {"0", "2147483648"}) {
    CHECK(rma_test::status_of([&] {
            options_from_json(std::string(R"({"limits": {"max_counted_total": )") + bad + "}}");
          }) == Status::out_of_range);
  }
  Options options = options_from_json(R"({"limits": {"max_counted_total": 2}})");
  EngineFixture f(":memory:", options);
  for (int i = 0; i < 3; ++i) f.engine.create_case(f.op, EngineFixture::two_line_draft());
  JsonApi api{f.engine};
  const json counted = json::parse(api.call("operator:anna", "case.query", R"({"lot": ""})"));
  CHECK(counted["total"] == 2);
  CHECK(counted["total_exact"] == false);
  const json read = json::parse(api.call("operator:anna", "case.query", R"({"status": "requested"})"));
  CHECK(read["total"] == 3);
  CHECK(read["total_exact"] == true);
}
