// A database written before events had their own schema (tests/data/events/v1.db, written by
// tests/data/events/make_v1_database.py with the librma of that time) opens with this librma:
// every case replays from its events to exactly its stored state, every event reads back through
// the events' schema, and new events appended to the old log replay with the old ones.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include "api/codec.hpp"
#include "engine_fixture.hpp"
#include "events/case_document.hpp"
#include "events/event_type.hpp"
#include "events/schema.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::TempDb;

namespace {

const Actor kAdmin{Role::admin, "root"};

// A copy of the committed file: opening it migrates it, which must never touch the original.
void copy_old_database(const TempDb& db) {
  std::filesystem::copy_file(std::string(RMA_TEST_DATA_DIR) + "/events/v1.db", db.path,
                             std::filesystem::copy_options::overwrite_existing);
}

struct StoredEvent {
  std::int64_t seq;
  std::int64_t case_id;
  std::string type;
  std::string data;
};

std::vector<StoredEvent> stored_events(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement rows(db, "SELECT seq, case_id, type, data FROM events ORDER BY seq");
  std::vector<StoredEvent> out;
  while (rows.executeStep()) {
    out.push_back({rows.getColumn(0).getInt64(), rows.getColumn(1).getInt64(), rows.getColumn(2).getString(),
                   rows.getColumn(3).getString()});
  }
  return out;
}

std::vector<Case> live_cases(Engine& engine) {
  CaseQuery all;
  all.limit = 1000;
  std::vector<Case> out;
  for (const CaseSummary& s : engine.query_cases(kAdmin, all).items) out.push_back(engine.get_case(kAdmin, s.id));
  return out;
}

}  // namespace

TEST_CASE("old database: it holds every event type, each of schema version 1") {
  TempDb db;
  copy_old_database(db);
  std::set<events::EventType> seen;
  for (const StoredEvent& e : stored_events(db.path)) {
    CAPTURE(e.seq);
    CAPTURE(e.type);
    const auto type = events::event_type_from_name(e.type);
    REQUIRE(type.has_value());
    seen.insert(*type);
    CHECK(events::schema_version_of(json::parse(e.data), "events") == 1);
  }
  // The file exercises the whole list as it was when it was written (the privacy events came
  // later), so a type whose old form stops reading fails here.
  CHECK(seen.size() == static_cast<std::size_t>(events::EventType::outbox_acknowledged) + 1);
}

TEST_CASE("old database: the events' case documents are the old form, member for member") {
  // Decoding an old case.created (or added note, attachment, action, repair) and encoding it
  // again with the events' encoders gives the stored data back: version 1 is that form.
  TempDb db;
  copy_old_database(db);
  int checked = 0;
  for (const StoredEvent& e : stored_events(db.path)) {
    CAPTURE(e.seq);
    CAPTURE(e.type);
    const json data = json::parse(e.data);
    const auto type = events::event_type_from_name(e.type);
    if (type == events::EventType::case_created) {
      CHECK(events::case_document(events::case_from_document(data.at("case"), "case"), 1) == data.at("case"));
    } else if (type == events::EventType::note_added) {
      CHECK(events::note_document(events::note_from_document(data.at("note"), "note"), 1) == data.at("note"));
    } else if (type == events::EventType::attachment_added) {
      CHECK(events::attachment_document(events::attachment_from_document(data.at("attachment"), "a"), 1) ==
            data.at("attachment"));
    } else if (type == events::EventType::action_added) {
      CHECK(events::action_document(events::action_from_document(data.at("action"), "a"), 1) == data.at("action"));
    } else if (type == events::EventType::repair_added || type == events::EventType::repair_updated) {
      CHECK(events::repair_document(events::repair_from_document(data.at("repair"), "r"), 1) == data.at("repair"));
    } else if (type == events::EventType::case_split) {
      for (const char* side : {"before", "after"}) {
        for (const json& line : data.at("changes").at("lines").at(side)) {
          CHECK(events::line_document(events::line_from_document(line, "line"), 1) == line);
          // Version 2 keeps exactly the members version 1 holds at a value other than the default.
          const json compact = events::line_document(events::line_from_document(line, "line"));
          CHECK(compact.size() < line.size());
          for (const auto& [key, value] : compact.items()) CHECK(line.at(key) == value);
          CHECK(events::line_document(events::line_from_document(compact, "line"), 1) == line);
        }
      }
    } else {
      continue;
    }
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("old database: every case replays to its stored state and its history reads back") {
  TempDb db;
  copy_old_database(db);
  Engine engine = Engine::open(db.path);
  const std::vector<Case> cases = live_cases(engine);
  REQUIRE(cases.size() >= 3);  // the return, the part split from it and the repair (one more was deleted)
  for (const Case& c : cases) {
    CAPTURE(c.number);
    CHECK(api::to_json_value(engine.replay_case(kAdmin, c.id)) == api::to_json_value(c));
    const std::vector<Event> history = engine.history(kAdmin, c.id);
    REQUIRE_FALSE(history.empty());
    CHECK(history.front().type == events::event_type_name(events::EventType::case_created));
    for (const Event& e : history) {
      CHECK(e.case_id == c.id);
      CHECK(e.case_number == c.number);
      CHECK(json::parse(e.data).is_object());
    }
  }
  // The return went through its whole life: the richest history of the file.
  const Case& ret = cases.front();
  CHECK(ret.version > 10);
  CHECK(ret.notes.size() == 2);
  CHECK(ret.actions.size() == 1);
  CHECK(ret.attachments.size() == 1);
}

TEST_CASE("old database: commands append to the old log and the case still replays") {
  TempDb db;
  copy_old_database(db);
  Engine engine = Engine::open(db.path);
  const Actor op{Role::operator_, "anna"};
  for (const Case& c : live_cases(engine)) {
    CAPTURE(c.number);
    NoteDraft note;
    note.channel = Visibility::internal;
    note.body = "read by a newer librma";
    const Case noted = engine.add_note(op, c.id, note);
    CasePatch patch;
    patch.priority = Priority::low;
    const Case patched = engine.update_case(op, c.id, patch);
    CHECK(patched.version == noted.version + (c.priority == Priority::low ? 0 : 1));
    CHECK(api::to_json_value(engine.replay_case(kAdmin, c.id)) == api::to_json_value(engine.get_case(kAdmin, c.id)));
  }
}

TEST_CASE("old database: opening it chains every event it holds, and the chain verifies as commands go on") {
  TempDb db;
  copy_old_database(db);
  const std::size_t stored = stored_events(db.path).size();
  Engine engine = Engine::open(db.path);
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT count(*) FROM events WHERE length(hash) = 32").getInt64() ==
          static_cast<std::int64_t>(stored));
  }
  AuditReport r = engine.verify_audit(kAdmin);
  CHECK(r.ok);
  CHECK(r.events_checked == static_cast<std::int64_t>(stored));
  CHECK(r.unsigned_events == static_cast<std::int64_t>(stored));  // nothing was signed before
  const std::vector<Case> cases = live_cases(engine);
  REQUIRE_FALSE(cases.empty());
  engine.add_note(Actor{Role::operator_, "anna"}, cases.front().id, NoteDraft{Visibility::internal, "chained on"});
  engine.audit_checkpoint(kAdmin);
  r = engine.verify_audit(kAdmin);
  CHECK(r.ok);
  CHECK(r.events_checked == static_cast<std::int64_t>(stored) + 1);
  CHECK(r.unsigned_events == 0);
}
