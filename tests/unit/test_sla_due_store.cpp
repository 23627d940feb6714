// The SLA due times the store keeps (schema versions 11 and 12): case.query's sla_due_within at its
// boundaries, combined with other filters, a cursor and the total; the due times follow every
// command in its own transaction (a paused state removes them, sla.configure moves them, another
// process's write is seen at once); sla.due and sla.overdue answer from them as from the clocks
// in memory; an older database gets them computed once when it is first opened.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine_fixture.hpp"
#include "rma/json_api.hpp"
#include "rma/rma.hpp"
#include "schema_undo.hpp"
#include "sla_policies.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::reason_of;
using rma_test::status_of;
using rma_test::urgent_first;

namespace {

// Monday 2026-03-09 09:00 UTC, when the office calendar opens. Under urgent_first() an urgent
// case opened then is due at 17:00 the same day, any other at 17:00 on Friday 03-20.
const char* const kMonday9 = "2026-03-09T09:00:00Z";

std::vector<std::int64_t> due_within(Engine& engine, const Actor& by, std::int64_t seconds) {
  CaseQuery q;
  q.sla_due_within = seconds;
  q.limit = 1000;
  std::vector<std::int64_t> ids;
  for (const CaseSummary& s : engine.query_cases(by, q).items) ids.push_back(s.id);
  return ids;
}

Case urgent_case(EngineFixture& f, const std::string& customer = "C1") {
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft(customer));
  CasePatch urgent;
  urgent.priority = Priority::urgent;
  return f.engine.update_case(f.op, c.id, urgent);
}

// The rows of sla_due, as (case, clock, due_at) read straight from the file.
using Row = std::tuple<std::int64_t, std::string, std::string>;
std::set<Row> stored_rows(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement s(db, "SELECT case_id, clock, due_at FROM sla_due");
  std::set<Row> rows;
  while (s.executeStep()) {
    rows.emplace(s.getColumn(0).getInt64(), s.getColumn(1).getString(), Timestamp{s.getColumn(2).getInt64()}.to_iso());
  }
  return rows;
}

// What the rows must be: each live case's clocks that the due lists show, computed now.
std::set<Row> expected_rows(Engine& engine, const Actor& by) {
  CaseQuery all;
  all.limit = 1000;
  std::set<Row> rows;
  for (const CaseSummary& s : engine.query_cases(by, all).items) {
    for (const ClockStatus& c : engine.case_sla(by, s.id).clocks) {
      if (c.stopped || (c.paused && !c.breached)) continue;
      rows.emplace(s.id, c.clock, c.due_at.to_iso());
    }
  }
  return rows;
}

std::vector<std::tuple<std::int64_t, std::string, std::string>> listed(const std::vector<SlaDueItem>& items) {
  std::vector<std::tuple<std::int64_t, std::string, std::string>> out;
  for (const SlaDueItem& i : items) out.emplace_back(i.case_id, i.clock, i.due_at.to_iso());
  return out;
}

}  // namespace

TEST_CASE("sla_due_within: due exactly at now + N is in, one second later is out, overdue is out") {
  EngineFixture f;
  f.engine.configure_sla(f.admin, urgent_first());
  f.now = at(kMonday9);
  const Case urgent = urgent_case(f);  // due 17:00 today
  f.engine.create_case(f.op, EngineFixture::two_line_draft());  // due Friday 03-20

  f.now = at("2026-03-09T16:00:00Z");
  CHECK(due_within(f.engine, f.op, 3600) == std::vector<std::int64_t>{urgent.id});  // due at now + N
  CHECK(due_within(f.engine, f.op, 3599).empty());                                  // now + N + 1 s
  f.now = at("2026-03-09T16:59:59Z");
  CHECK(due_within(f.engine, f.op, 1) == std::vector<std::int64_t>{urgent.id});
  CHECK(due_within(f.engine, f.op, 0).empty());
  f.now = at("2026-03-09T17:00:00Z");  // due now: breached, no longer "due within"
  CHECK(due_within(f.engine, f.op, 0).empty());
  CHECK(due_within(f.engine, f.op, 3600).empty());
  f.now = at("2026-03-09T17:00:01Z");
  CHECK(due_within(f.engine, f.op, 86400).empty());
  // Ten years reach the other case, and further is refused.
  CHECK(due_within(f.engine, f.op, 10LL * 365 * 86400).size() == 1);
}

TEST_CASE("sla_due_within: out of range is refused naming it, before anything is read") {
  EngineFixture f;
  CaseQuery q;
  for (std::int64_t bad : {std::int64_t{-1}, std::int64_t{10} * 365 * 86400 + 1}) {
    CAPTURE(bad);
    q.sla_due_within = bad;
    try {
      f.engine.query_cases(f.op, q);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.status() == Status::out_of_range);
      CHECK(e.field() == "sla_due_within");
    }
  }
  q.sla_due_within = 0;
  CHECK(f.engine.query_cases(f.op, q).total == 0);

  // Through JSON: the same refusal, naming the member; a text is no number of seconds.
  JsonApi api(f.engine);
  try {
    api.call("operator:anna", "case.query", R"({"sla_due_within": -1})");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(e.field() == "sla_due_within");
  }
  CHECK(status_of([&] { api.call("operator:anna", "case.query", R"({"sla_due_within": "1h"})"); }) ==
        Status::wrong_type);
  CHECK(nlohmann::json::parse(api.call("operator:anna", "case.query", R"({"sla_due_within": 0})")).at("total") == 0);
}

TEST_CASE("sla_due_within: combines with other filters, a cursor and the total; claimants may not use it") {
  EngineFixture f;
  f.engine.configure_sla(f.admin, urgent_first());
  f.now = at(kMonday9);
  std::vector<std::int64_t> c1;
  for (int i = 0; i < 5; ++i) c1.push_back(urgent_case(f).id);
  const Case other = urgent_case(f, "C2");
  f.engine.create_case(f.op, EngineFixture::two_line_draft());  // not due today
  f.engine.transition_case(f.op, c1[4], "authorize");  // waiting for the goods: paused
  f.now = at("2026-03-09T12:00:00Z");

  CaseQuery q;
  q.sla_due_within = 5 * 3600;
  q.customer_id = "C1";
  q.status = "requested";
  q.limit = 2;
  std::vector<std::int64_t> seen;
  CasePage page = f.engine.query_cases(f.op, q);
  CHECK(page.total == 4);
  CHECK(page.total_exact);
  for (;;) {
    for (const CaseSummary& s : page.items) seen.push_back(s.id);
    if (page.next_cursor.empty()) break;
    q.cursor = page.next_cursor;
    page = f.engine.query_cases(f.op, q);
  }
  CHECK(seen == std::vector<std::int64_t>{c1[0], c1[1], c1[2], c1[3]});
  q = CaseQuery{};
  q.sla_due_within = 5 * 3600;
  CHECK(f.engine.query_cases(f.op, q).total == 5);
  q.sla_due_within = 5 * 3600 - 1;
  CHECK(f.engine.query_cases(f.op, q).total == 0);
  // A cursor belongs to its horizon.
  q.sla_due_within = 5 * 3600;
  q.limit = 1;
  const std::string cursor = f.engine.query_cases(f.op, q).next_cursor;
  q.sla_due_within = 4 * 3600;
  q.cursor = cursor;
  CHECK(status_of([&] { f.engine.query_cases(f.op, q); }) == Status::invalid_argument);

  // A customer's view shows no SLA clock but the expected completion: the filter is refused and
  // its query stays its own.
  CaseQuery mine;
  mine.sla_due_within = 5 * 3600;
  CHECK(status_of([&] { f.engine.query_cases(f.customer, mine); }) == Status::permission_denied);
  CHECK(reason_of([&] { f.engine.query_cases(f.customer, mine); }) == "role_not_allowed");
  CHECK(f.engine.query_cases(Actor{Role::customer, "C2"}, CaseQuery{}).items.at(0).id == other.id);
}

TEST_CASE("sla due times: a paused state removes them, running again brings them back, delete removes them") {
  EngineFixture f;
  f.now = at(kMonday9);
  CaseDraft d = EngineFixture::two_line_draft();
  d.kind = CaseKind::complaint;
  d.category = ComplaintCategory::quality;
  d.channel = Channel::b2b;
  const Case c = f.engine.create_case(f.op, d);
  f.engine.transition_case(f.op, c.id, "start");
  const std::int64_t month = 31 * 86400;
  CHECK(due_within(f.engine, f.op, month) == std::vector<std::int64_t>{c.id});
  f.now = at("2026-03-09T13:00:00Z");
  f.engine.transition_case(f.op, c.id, "request_info");  // waiting for the customer: paused
  CHECK(due_within(f.engine, f.op, month).empty());
  CHECK(f.engine.sla_due(f.op, month).empty());
  f.now = at("2026-03-11T13:00:00Z");
  f.engine.transition_case(f.customer, c.id, "info_received");
  CHECK(due_within(f.engine, f.op, month) == std::vector<std::int64_t>{c.id});
  bool resolution_listed = false;
  for (const SlaDueItem& item : f.engine.sla_due(f.op, month)) {
    if (item.clock != "resolution") continue;
    resolution_listed = true;
    CHECK(item.due_at == at("2026-03-24T17:00:00Z"));  // moved by the 16 business hours paused
  }
  CHECK(resolution_listed);
  f.engine.delete_case(f.admin, c.id, "entered twice");
  CHECK(due_within(f.engine, f.op, month).empty());
  CHECK(f.engine.sla_due(f.op, month).empty());
}

TEST_CASE("sla due times: sla.configure moves them in its transaction; a priority change moves one case's") {
  rma_test::TempDb db;
  EngineFixture f(db.path);
  f.now = at(kMonday9);
  const Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  f.now = at("2026-03-09T10:00:00Z");
  const std::int64_t day = 86400;
  // The default policy's first response is due at 17:00, seven hours from now.
  CHECK(due_within(f.engine, f.op, 7 * 3600) == std::vector<std::int64_t>{c.id});
  CHECK(due_within(f.engine, f.op, 7 * 3600 - 1).empty());
  SlaConfig tight = urgent_first();
  tight.policies.back().targets.resolution = 2 * 3600;  // two business hours for every case
  f.engine.configure_sla(f.admin, tight);
  CHECK(due_within(f.engine, f.op, 3600) == std::vector<std::int64_t>{c.id});  // 11:00 exactly
  CHECK(due_within(f.engine, f.op, 3599).empty());
  CHECK(stored_rows(db.path) == expected_rows(f.engine, f.op));
  f.engine.configure_sla(f.admin, urgent_first());
  CHECK(due_within(f.engine, f.op, day).empty());
  CasePatch urgent;
  urgent.priority = Priority::urgent;
  f.engine.update_case(f.op, c.id, urgent);
  CHECK(due_within(f.engine, f.op, 7 * 3600) == std::vector<std::int64_t>{c.id});  // 17:00
  CHECK(stored_rows(db.path) == expected_rows(f.engine, f.op));
}

TEST_CASE("sla due times: another process's write is seen by the next query") {
  rma_test::TempDb db;
  EngineFixture f(db.path);
  f.engine.configure_sla(f.admin, urgent_first());
  f.now = at(kMonday9);
  const Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(due_within(f.engine, f.op, 8 * 3600).empty());
  {
    Options options;
    options.clock = [] { return at(kMonday9); };
    Engine other = Engine::open(db.path, options);
    CasePatch urgent;
    urgent.priority = Priority::urgent;
    other.update_case(f.op, c.id, urgent);
  }
  CHECK(due_within(f.engine, f.op, 8 * 3600) == std::vector<std::int64_t>{c.id});
  CHECK(listed(f.engine.sla_due(f.op, 8 * 3600)).size() == 1);
}

TEST_CASE("sla.due and sla.overdue answer from the stored due times as from the clocks in memory") {
  rma_test::TempDb db;
  {
    EngineFixture f(db.path);
    f.engine.configure_sla(f.admin, urgent_first());
    f.now = at(kMonday9);
    for (int i = 0; i < 4; ++i) urgent_case(f);
    for (int i = 0; i < 3; ++i) f.engine.create_case(f.op, EngineFixture::two_line_draft());
    f.now = at("2026-03-09T11:00:00Z");
    urgent_case(f);  // due Tuesday 11:00
  }
  for (const char* when : {"2026-03-09T12:00:00Z", "2026-03-09T18:00:00Z", "2026-03-10T12:00:00Z"}) {
    CAPTURE(when);
    Options lazy;
    lazy.clock = [when] { return at(when); };
    Options eager = lazy;
    eager.index_mode = IndexMode::eager;
    Options store_only = lazy;
    store_only.index_mode = IndexMode::store_only;
    Engine from_store = Engine::open(db.path, lazy);
    Engine only_store = Engine::open(db.path, store_only);
    Engine from_memory = Engine::open(db.path, eager);
    const Actor op{Role::operator_, "anna"};
    for (std::int64_t horizon : {std::int64_t{0}, std::int64_t{3600}, std::int64_t{86400}, std::int64_t{30 * 86400}}) {
      CAPTURE(horizon);
      const auto expected = listed(from_memory.sla_due(op, horizon, 1000));
      CHECK(listed(from_store.sla_due(op, horizon, 1000)) == expected);
      CHECK(listed(only_store.sla_due(op, horizon, 1000)) == expected);
    }
    const auto overdue = listed(from_memory.overdue(op, 1000));
    CHECK(listed(from_store.overdue(op, 1000)) == overdue);
    CHECK(listed(from_store.overdue(op, 2)).size() == std::min<std::size_t>(2, overdue.size()));
    CHECK(listed(only_store.overdue(op, 1000)) == overdue);
  }
}

TEST_CASE("sla due times: a database of schema version 10 gets them computed once, when first opened") {
  rma_test::TempDb db;
  {
    EngineFixture f(db.path);
    f.engine.configure_sla(f.admin, urgent_first());
    f.now = at(kMonday9);
    urgent_case(f);
    f.engine.create_case(f.op, EngineFixture::two_line_draft());
    f.engine.delete_case(f.admin, f.engine.create_case(f.op, EngineFixture::two_line_draft()).id, "twice");
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 12);
    raw.exec(rma_test::kUndoSchema12);
    raw.exec(rma_test::kUndoSchema11);
  }
  EngineFixture reopened(db.path);
  reopened.now = at("2026-03-09T12:00:00Z");
  CHECK(stored_rows(db.path).size() == 2);
  CHECK(stored_rows(db.path) == expected_rows(reopened.engine, reopened.op));
  CHECK(due_within(reopened.engine, reopened.op, 5 * 3600) == std::vector<std::int64_t>{1});
  SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() >= 11);
  CHECK(raw.execAndGet("SELECT count(*) FROM settings WHERE key = 'sla_due.incomplete'").getInt() == 0);
}

TEST_CASE("sla due times: the old database of tests/data gets every live case's due times") {
  rma_test::TempDb db;
  std::filesystem::copy_file(std::string(RMA_TEST_DATA_DIR) + "/events/v1.db", db.path,
                             std::filesystem::copy_options::overwrite_existing);
  Options options;
  options.clock = [] { return at("2026-12-07T10:00:00Z"); };
  Engine engine = Engine::open(db.path, options);
  const Actor admin{Role::admin, "root"};
  const std::set<Row> expected = expected_rows(engine, admin);
  CHECK_FALSE(expected.empty());
  CHECK(stored_rows(db.path) == expected);
}

TEST_CASE("compact storage: a database of schema version 11 keeps its times, numbers and due times when opened") {
  rma_test::TempDb db;
  std::vector<Event> history_before;
  Case before;
  {
    EngineFixture f(db.path);
    f.engine.configure_sla(f.admin, urgent_first());
    f.now = at("2026-03-09T09:00:00.123456Z");
    before = urgent_case(f);
    f.now = at(kMonday9);
    f.engine.create_case(f.op, EngineFixture::two_line_draft());
    history_before = f.engine.history(f.op, before.id);
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 12);
    raw.exec(rma_test::kUndoSchema12);
    CHECK(raw.execAndGet("SELECT typeof(created_at) FROM cases WHERE id = 1").getString() == "text");
    CHECK(raw.execAndGet("SELECT count(*) FROM events WHERE case_id <> 0 AND case_number = ''").getInt() == 0);
  }
  EngineFixture reopened(db.path);
  reopened.now = at("2026-03-09T12:00:00Z");
  const Case after = reopened.engine.get_case(reopened.op, before.id);
  CHECK(after.created_at == at("2026-03-09T09:00:00.123456Z"));  // microseconds kept
  CHECK(after.created_at == before.created_at);
  CHECK(after.updated_at == before.updated_at);
  CHECK(after.status_since == before.status_since);
  const std::vector<Event> history_after = reopened.engine.history(reopened.op, before.id);
  REQUIRE(history_after.size() == history_before.size());
  for (std::size_t i = 0; i < history_after.size(); ++i) {
    CHECK(history_after[i].at == history_before[i].at);
    CHECK(history_after[i].case_number == before.number);
    CHECK(history_after[i].data == history_before[i].data);
  }
  CHECK(stored_rows(db.path).size() == 2);  // one clock of each case is running
  CHECK(stored_rows(db.path) == expected_rows(reopened.engine, reopened.op));
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT typeof(created_at) FROM cases WHERE id = 1").getString() == "integer");
    CHECK(raw.execAndGet("SELECT count(*) FROM events WHERE case_id <> 0 AND case_number <> ''").getInt() == 0);
  }
  // The migration listed each case's due times in its row: a command that moves them replaces
  // the converted rows instead of leaving them beside the new ones.
  CasePatch normal;
  normal.priority = Priority::normal;
  reopened.engine.update_case(reopened.op, before.id, normal);
  CHECK(stored_rows(db.path).size() == 2);
  CHECK(stored_rows(db.path) == expected_rows(reopened.engine, reopened.op));
  CHECK(due_within(reopened.engine, reopened.op, 5 * 3600).empty());  // no longer due at 17:00
}

TEST_CASE("compact storage: a case's due times are rewritten only when they move, and every moved row goes") {
  rma_test::TempDb db;
  EngineFixture f(db.path);
  f.engine.configure_sla(f.admin, urgent_first());
  f.now = at(kMonday9);
  const Case c = urgent_case(f);
  auto keys = [&] {
    SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
    SQLite::Statement s(raw, "SELECT sla_due FROM cases WHERE id = ?");
    s.bind(1, c.id);
    REQUIRE(s.executeStep());
    return s.getColumn(0).getString();
  };
  const std::string urgent_keys = keys();
  CHECK_FALSE(urgent_keys.empty());
  f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "checked"});  // moves nothing
  CHECK(keys() == urgent_keys);
  CasePatch normal;
  normal.priority = Priority::normal;
  f.engine.update_case(f.op, c.id, normal);
  CHECK(keys() != urgent_keys);
  CHECK(stored_rows(db.path) == expected_rows(f.engine, f.op));
  f.engine.delete_case(f.admin, c.id, "entered twice");
  CHECK(keys().empty());
  CHECK(stored_rows(db.path).empty());
}
