// The events' own schema: the one list of event types, the schema version each event's data
// carries, the case as events write it, and a replay that refuses damaged data by name.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "engine_fixture.hpp"
#include "events/case_document.hpp"
#include "events/event_type.hpp"
#include "events/replay.hpp"
#include "events/schema.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::EngineFixture;

namespace {

Status status_of(const std::function<void()>& f) { return rma_test::status_of(f); }

std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.field();
  }
  return std::string();
}

}  // namespace

TEST_CASE("event types: one name each, read back to the same type; unknown names are none") {
  std::set<std::string> names;
  for (int i = 0; i < events::kEventTypeCount; ++i) {
    const auto type = static_cast<events::EventType>(i);
    const std::string name = events::event_type_name(type);
    CAPTURE(name);
    CHECK(names.insert(name).second);
    CHECK(events::event_type_from_name(name) == type);
  }
  CHECK(events::event_type_name(events::EventType::case_created) == std::string("case.created"));
  CHECK(events::event_type_name(events::EventType::outbox_acknowledged) == std::string("outbox.acknowledged"));
  CHECK_FALSE(events::event_type_from_name("case.opened").has_value());
  CHECK_FALSE(events::event_type_from_name("").has_value());
  CHECK_FALSE(events::event_type_from_name("Case.Created").has_value());
}

TEST_CASE("schema version: no \"v\" is version 1; up to the current version reads, a newer one is refused") {
  CHECK(events::kEventSchemaVersion == 3);
  CHECK(events::schema_version_of(json::object(), "events[1].data") == 1);
  CHECK(events::schema_version_of(json{{"v", 1}}, "events[1].data") == 1);
  CHECK(events::schema_version_of(json{{"v", 2}}, "events[1].data") == 2);
  CHECK(events::schema_version_of(json{{"v", 3}}, "events[1].data") == 3);
  const json newer{{"v", events::kEventSchemaVersion + 1}};
  CHECK(status_of([&] { events::schema_version_of(newer, "events[7].data"); }) == Status::storage);
  CHECK(field_of([&] { events::schema_version_of(newer, "events[7].data"); }) == "events[7].data.v");
  for (const json& bad : {json{{"v", 0}}, json{{"v", "1"}}, json{{"v", 1.5}}}) {
    CAPTURE(bad.dump());
    CHECK(status_of([&] { events::schema_version_of(bad, "d"); }) == Status::storage);
  }
  CHECK(status_of([&] { events::schema_version_of(json::array(), "d"); }) == Status::storage);
  // Version 1 is written without "v": data stays what databases before versions hold.
  json data = json::object();
  events::stamp_version(data, 1);
  CHECK(data == json::object());
  events::stamp_version(data, 2);
  CHECK(data == json{{"v", 2}});
}

TEST_CASE("case document: a case written by the events reads back to the same case") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  NoteDraft note;
  note.channel = Visibility::external;
  note.body = "ciao";
  f.engine.add_note(f.op, c.id, note);
  ActionDraft action;
  action.title = "inspect";
  action.due_at = rma_test::at("2026-03-12T12:00:00Z");
  c = f.engine.add_action(f.op, c.id, action);
  c.lines[0].claimed_amount = Money{1250, "EUR"};
  c.lines[0].unused = false;
  c.custom_fields = R"({"portal":"web"})";
  c.expected_completion = Date::from_iso("2026-04-01");

  const json doc = events::case_document(c);
  CHECK(doc.at("lines").at(0).at("claimed_amount") == "12.50 EUR");
  CHECK(doc.at("lines").at(0).at("unused") == false);
  CHECK_FALSE(doc.at("lines").at(1).contains("unused"));  // version 2: the default is left out
  CHECK(doc.at("expected_completion") == "2026-04-01");
  CHECK(doc.at("custom_fields") == json{{"portal", "web"}});
  CHECK_FALSE(doc.contains("valuation"));
  const Case back = events::case_from_document(doc, "case");
  CHECK(events::case_document(back) == doc);
  CHECK(back.lines.at(0).claimed_amount == c.lines[0].claimed_amount);
  CHECK(back.actions.at(0).due_at == action.due_at);
  CHECK(back.notes.at(0).channel == Visibility::external);
}

TEST_CASE("version 2: every member at its default is left out, and an absent member reads as the default") {
  // Decoding {} gives the default-constructed value, member for member, as version 1 writes it.
  CHECK(events::case_document(events::case_from_document(json::object(), "c")) == json::object());
  CHECK(events::case_document(events::case_from_document(json::object(), "c"), 1) == events::case_document(Case{}, 1));
  CHECK(events::line_document(events::line_from_document(json::object(), "l"), 1) == events::line_document(CaseLine{}, 1));
  CHECK(events::note_document(events::note_from_document(json::object(), "n"), 1) == events::note_document(Note{}, 1));
  CHECK(events::attachment_document(events::attachment_from_document(json::object(), "a"), 1) ==
        events::attachment_document(Attachment{}, 1));
  CHECK(events::action_document(events::action_from_document(json::object(), "a"), 1) ==
        events::action_document(Action{}, 1));
  CHECK(events::repair_document(events::repair_from_document(json::object(), "r"), 1) ==
        events::repair_document(RepairOperation{}, 1));
  CHECK(events::case_document(Case{}) == json::object());
  CHECK(events::line_document(CaseLine{}) == json::object());

  // Defaults that are not empty: a case's status "new", a part's quantity 1, version 1.
  Case c;
  c.status = "received";
  c.version = 3;
  RepairOperation r;
  r.parts.push_back(PartUse{"SCREEN", 2, 4500, "EUR"});
  r.parts.push_back(PartUse{"GLUE", 1, 0, "EUR"});
  c.repairs.push_back(r);
  const json doc = events::case_document(c);
  CHECK(doc.at("status") == "received");
  CHECK(doc.at("version") == 3);
  CHECK(doc.at("repairs").at(0).at("parts").at(0).at("quantity") == 2);
  CHECK_FALSE(doc.at("repairs").at(0).at("parts").at(1).contains("quantity"));
  const Case back = events::case_from_document(doc, "c");
  CHECK(back.status == "received");
  CHECK(back.version == 3);
  CHECK(back.repairs.at(0).parts.at(1).quantity == 1);
  CHECK(events::case_from_document(json::object(), "c").status == Case{}.status);
}

TEST_CASE("version 2: case.created holds a third of version 1's bytes and replays to the stored case") {
  EngineFixture f;
  const Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  const std::vector<Event> history = f.engine.history(f.op, c.id);
  REQUIRE(history.size() == 1);
  const json data = json::parse(history[0].data);
  const Case replayed = events::replay_case(history).value();
  CHECK(replayed.id == c.id);
  CHECK(replayed.number == c.number);
  CHECK(events::case_document(replayed, 1) == events::case_document(c, 1));
  const std::size_t v1_bytes = json{{"case", events::case_document(c, 1)}}.dump().size();
  CAPTURE(history[0].data);
  CHECK(history[0].data.size() * 2 < v1_bytes);
}

TEST_CASE("replay: damaged event data is a storage error naming the event and member") {
  EngineFixture f;
  const Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  std::vector<Event> history = f.engine.history(f.op, c.id);
  REQUIRE(events::replay_case(history).has_value());
  CHECK(events::replay_case({}) == std::nullopt);

  std::vector<Event> damaged = history;
  json data = json::parse(damaged[0].data);
  data["case"]["lines"][0]["qty_requested"] = "one";
  damaged[0].data = data.dump();
  CHECK(status_of([&] { events::replay_case(damaged); }) == Status::storage);
  CHECK(field_of([&] { events::replay_case(damaged); }) ==
        "events[" + std::to_string(damaged[0].seq) + "].data.case.lines[0].qty_requested");

  damaged = history;
  damaged[0].data = "{not json";
  CHECK(status_of([&] { events::replay_case(damaged); }) == Status::storage);

  damaged = history;
  data = json::parse(damaged[0].data);
  data["v"] = events::kEventSchemaVersion + 1;
  damaged[0].data = data.dump();
  CHECK(field_of([&] { events::replay_case(damaged); }) == "events[" + std::to_string(damaged[0].seq) + "].data.v");
}
