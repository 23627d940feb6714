// Bad input through the C++ Engine API: each row fails with its own status and names its field,
// and afterwards the database is exactly as it was (event count and every table's content).
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "engine_fixture.hpp"

using namespace rma;
using rma_test::EngineFixture;

namespace {

// Every row of every table (but those in `skip`), as text: two equal dumps mean an unchanged database.
std::string dump_database(const std::string& path, const std::vector<std::string>& skip = {}) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  std::string out;
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (tables.executeStep()) {
    const std::string table = tables.getColumn(0).getString();
    if (std::find(skip.begin(), skip.end(), table) != skip.end()) continue;
    out += "## " + table + "\n";
    SQLite::Statement rows(db, "SELECT * FROM \"" + table + "\"");
    while (rows.executeStep()) {
      for (int i = 0; i < rows.getColumnCount(); ++i) out += rows.getColumn(i).getString() + "|";
      out += "\n";
    }
  }
  return out;
}

struct Row {
  const char* name;
  Status status;
  const char* field;
  std::function<void(EngineFixture&, const Case&)> call;
};

}  // namespace

TEST_CASE("C++ entry points: bad input fails precisely and writes nothing") {
  rma_test::TempDb db;
  EngineFixture f(db.path);
  const Case existing = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  const std::string twenty_mb(20 * 1024 * 1024, 'x');
  const std::string bad_utf8 = "caf\xc3";

  const std::vector<Row> rows = {
      {"missing customer", Status::missing_field, "customer_id",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.customer_id.clear();
         x.engine.create_case(x.op, d);
       }},
      {"no lines", Status::missing_field, "lines",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.lines.clear();
         x.engine.create_case(x.op, d);
       }},
      {"zero quantity", Status::out_of_range, "lines[1].quantity",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.lines[1].quantity = 0;
         x.engine.create_case(x.op, d);
       }},
      {"negative quantity", Status::out_of_range, "lines[1].quantity",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.lines[1].quantity = -3;
         x.engine.create_case(x.op, d);
       }},
      {"unknown enum value", Status::unknown_value, "kind",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.kind = static_cast<CaseKind>(42);
         x.engine.create_case(x.op, d);
       }},
      {"complaint without category", Status::missing_field, "category",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.kind = CaseKind::complaint;
         x.engine.create_case(x.op, d);
       }},
      {"custom fields not JSON", Status::malformed_json, "custom_fields",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.custom_fields = "{oops";
         x.engine.create_case(x.op, d);
       }},
      {"custom fields not an object", Status::wrong_type, "custom_fields",
       [](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.custom_fields = "[1, 2]";
         x.engine.create_case(x.op, d);
       }},
      {"unknown customer", Status::not_found, "customer_id",
       [](EngineFixture& x, const Case&) { x.engine.create_case(x.op, EngineFixture::two_line_draft("nobody")); }},
      {"invalid UTF-8 in a line", Status::invalid_utf8, "lines[0].defect_description",
       [&](EngineFixture& x, const Case&) {
         CaseDraft d = EngineFixture::two_line_draft();
         d.lines[0].defect_description = bad_utf8;
         x.engine.create_case(x.op, d);
       }},
      {"20 MB note", Status::too_large, "body",
       [&](EngineFixture& x, const Case& c) { x.engine.add_note(x.op, c.id, NoteDraft{Visibility::internal, twenty_mb}); }},
      {"empty note", Status::missing_field, "body",
       [](EngineFixture& x, const Case& c) { x.engine.add_note(x.op, c.id, NoteDraft{Visibility::internal, ""}); }},
      {"invalid UTF-8 note", Status::invalid_utf8, "body",
       [&](EngineFixture& x, const Case& c) { x.engine.add_note(x.op, c.id, NoteDraft{Visibility::external, bad_utf8}); }},
      {"unknown case", Status::not_found, "case_id",
       [](EngineFixture& x, const Case&) { x.engine.add_note(x.op, 987654, NoteDraft{Visibility::internal, "hi"}); }},
      {"stale version", Status::conflict, "version",
       [](EngineFixture& x, const Case& c) {
         CasePatch p;
         p.priority = Priority::urgent;
         x.engine.update_case(x.op, c.id, p, c.version - 1);
       }},
      {"negative received quantity", Status::out_of_range, "changes.lines[0].qty_received",
       [](EngineFixture& x, const Case& c) {
         CasePatch p;
         LinePatch lp;
         lp.line_no = 2;
         lp.qty_received = -1;
         p.lines.push_back(lp);
         x.engine.update_case(x.op, c.id, p);
       }},
      {"unknown line", Status::not_found, "changes.lines[0].line_no",
       [](EngineFixture& x, const Case& c) {
         CasePatch p;
         LinePatch lp;
         lp.line_no = 9;
         lp.condition = "scratched";
         p.lines.push_back(lp);
         x.engine.update_case(x.op, c.id, p);
       }},
      {"attachment with a path", Status::invalid_argument, "file_name",
       [](EngineFixture& x, const Case& c) {
         AttachmentDraft a;
         a.file_name = "../../etc/passwd";
         a.media_type = "text/plain";
         a.sha256 = std::string(64, '0');
         x.engine.add_attachment(x.op, c.id, a);
       }},
      {"attachment with a bad digest", Status::invalid_argument, "sha256",
       [](EngineFixture& x, const Case& c) {
         AttachmentDraft a;
         a.file_name = "photo.jpg";
         a.media_type = "image/jpeg";
         a.sha256 = "ABC";
         x.engine.add_attachment(x.op, c.id, a);
       }},
      {"attachment over the size limit", Status::too_large, "size_bytes",
       [](EngineFixture& x, const Case& c) {
         AttachmentDraft a;
         a.file_name = "video.mp4";
         a.media_type = "video/mp4";
         a.sha256 = std::string(64, 'f');
         a.size_bytes = Limits{}.max_attachment_bytes + 1;
         x.engine.add_attachment(x.op, c.id, a);
       }},
      {"attachment with a negative size", Status::out_of_range, "size_bytes",
       [](EngineFixture& x, const Case& c) {
         AttachmentDraft a;
         a.file_name = "video.mp4";
         a.media_type = "video/mp4";
         a.sha256 = std::string(64, 'f');
         a.size_bytes = -1;
         x.engine.add_attachment(x.op, c.id, a);
       }},
      {"action without title", Status::missing_field, "title",
       [](EngineFixture& x, const Case& c) { x.engine.add_action(x.op, c.id, ActionDraft{}); }},
      {"unknown action", Status::not_found, "action_id",
       [](EngineFixture& x, const Case& c) { x.engine.complete_action(x.op, c.id, 4242); }},
      {"split of nothing", Status::missing_field, "lines",
       [](EngineFixture& x, const Case& c) { x.engine.split_case(x.op, c.id, SplitRequest{}); }},
      {"actor without id", Status::invalid_argument, "actor",
       [](EngineFixture& x, const Case& c) { x.engine.add_note(Actor{Role::operator_, ""}, c.id, NoteDraft{}); }},
      {"outbox payload not an object", Status::wrong_type, "payload",
       [](EngineFixture& x, const Case& c) { x.engine.outbox_post(x.op, c.id, "credit_note.request", "42"); }},
  };

  const std::string before = dump_database(db.path);
  const std::int64_t events = f.event_count();
  for (const Row& row : rows) {
    CAPTURE(row.name);
    try {
      row.call(f, existing);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(status_name(e.status()) == std::string(status_name(row.status)));
      CHECK(e.field() == row.field);
      CHECK(std::string(e.what()).find(row.field) != std::string::npos);
    }
    CHECK(f.event_count() == events);
  }
  CHECK(dump_database(db.path) == before);
  CHECK(f.engine.get_case(f.op, existing.id).version == existing.version);

  // A refused permission writes nothing but its own record in the case history.
  const std::string before_denial = dump_database(db.path, {"events", "sqlite_sequence"});
  try {
    f.engine.add_note(f.customer, existing.id, NoteDraft{Visibility::internal, "let me in"});
    FAIL("a customer may not write internal notes");
  } catch (const Error& e) {
    CHECK(e.status() == Status::permission_denied);
    CHECK(e.field() == "channel");
  }
  CHECK(f.event_count() == events + 1);
  CHECK(f.engine.history(f.op, existing.id).back().type == "access.denied");
  CHECK(dump_database(db.path, {"events", "sqlite_sequence"}) == before_denial);
}
