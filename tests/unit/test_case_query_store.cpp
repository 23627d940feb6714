// Case look-ups and queries answered by the store: totals read from the counters the schema keeps
// agree with counting the rows, through every kind of write and another process's writes; a
// database of schema version 7 gains them; claimants stay confined.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "rma/rma.hpp"
#include "schema_undo.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::status_of;

namespace {

// The total of one equality filter as the counters give it (the filter alone) and as counting
// the matching rows gives it (the same filter with a range that holds every case).
struct Totals {
  std::int64_t counted_up = 0;  // from the counter
  std::int64_t counted = 0;     // by counting rows
  std::int64_t listed = 0;      // items on one page of up to 1000
};

template <class Set>
Totals totals(Engine& engine, const Actor& by, Set set) {
  CaseQuery alone;
  set(alone);
  alone.limit = 1000;
  CaseQuery ranged = alone;
  ranged.created_from = at("2000-01-01T00:00:00Z");
  Totals t;
  const CasePage page = engine.query_cases(by, alone);
  t.counted_up = page.total;
  t.listed = static_cast<std::int64_t>(page.items.size());
  t.counted = engine.query_cases(by, ranged).total;
  return t;
}

void check_agree(Engine& engine, const Actor& by, const std::vector<std::string>& statuses) {
  for (const std::string& status : statuses) {
    CAPTURE(status);
    const Totals t = totals(engine, by, [&](CaseQuery& q) { q.status = status; });
    CHECK(t.counted_up == t.counted);
    CHECK(t.counted_up == t.listed);
  }
  for (CaseKind kind : {CaseKind::return_, CaseKind::repair}) {
    const Totals t = totals(engine, by, [&](CaseQuery& q) { q.kind = kind; });
    CHECK(t.counted_up == t.counted);
    CHECK(t.counted_up == t.listed);
    // A status paired with another counted column has a counter of its own.
    for (const std::string& status : statuses) {
      CAPTURE(status);
      const Totals pair = totals(engine, by, [&](CaseQuery& q) {
        q.kind = kind;
        q.status = status;
      });
      CHECK(pair.counted_up == pair.counted);
      CHECK(pair.counted_up == pair.listed);
    }
  }
  for (const char* assignee : {"", "marco"}) {
    const Totals pair = totals(engine, by, [&](CaseQuery& q) {
      q.assignee = assignee;
      q.status = "requested";
    });
    CHECK(pair.counted_up == pair.counted);
    CHECK(pair.counted_up == pair.listed);
  }
  for (const char* assignee : {"", "marco"}) {
    const Totals t = totals(engine, by, [&](CaseQuery& q) { q.assignee = assignee; });
    CHECK(t.counted_up == t.counted);
    CHECK(t.counted_up == t.listed);
  }
  const Totals all = totals(engine, by, [](CaseQuery&) {});
  CHECK(all.counted_up == all.counted);
  CHECK(all.counted_up == all.listed);
  CHECK(engine.stats().cases == all.counted);
}

}  // namespace

TEST_CASE("case totals from the counters agree with counting, through creates, changes, deletes and another process") {
  rma_test::TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  const std::vector<std::string> statuses{"requested", "authorized", "cancelled", "received", "diagnosis"};
  std::vector<Case> cases;
  for (int i = 0; i < 6; ++i) {
    CaseDraft d = EngineFixture::two_line_draft(i % 2 ? "C2" : "C1");
    d.kind = i < 4 ? CaseKind::return_ : CaseKind::repair;
    cases.push_back(a.engine.create_case(a.op, d));
  }
  check_agree(a.engine, a.op, statuses);
  CHECK(a.engine.stats().cases == 6);

  a.engine.transition_case(a.op, cases[0].id, "authorize");
  a.engine.transition_case(a.op, cases[1].id, "cancel");
  CasePatch assign;
  assign.assignee = "marco";
  a.engine.update_case(a.op, cases[2].id, assign);
  a.engine.add_note(a.op, cases[3].id, NoteDraft{Visibility::internal, "a note changes no counted column"});
  check_agree(a.engine, a.op, statuses);
  CHECK(totals(a.engine, a.op, [](CaseQuery& q) { q.status = "authorized"; }).counted_up == 1);
  CHECK(totals(a.engine, a.op, [](CaseQuery& q) { q.assignee = "marco"; }).counted_up == 1);

  a.engine.delete_case(a.admin, cases[4].id, "entered twice");
  check_agree(a.engine, a.op, statuses);
  CHECK(a.engine.stats().cases == 5);
  CHECK(totals(a.engine, a.op, [](CaseQuery& q) { q.kind = CaseKind::repair; }).counted_up == 1);

  // Another engine on the same file writes; this one's totals follow.
  b.engine.create_case(b.op, EngineFixture::two_line_draft());
  b.engine.transition_case(b.op, cases[5].id, "start_diagnosis");
  check_agree(a.engine, a.op, statuses);
  CHECK(a.engine.stats().cases == 6);
  CHECK(totals(a.engine, a.op, [](CaseQuery& q) { q.status = "diagnosis"; }).counted_up == 1);

  // A rolled-back command leaves the counters as they were.
  CasePatch stale;
  stale.assignee = "nobody";
  CHECK(status_of([&] { a.engine.update_case(a.op, cases[2].id, stale, 1); }) == Status::conflict);
  check_agree(a.engine, a.op, statuses);
}

TEST_CASE("a database of schema version 7 gains the case counters and the query indexes when opened") {
  rma_test::TempDb db;
  {
    EngineFixture f(db.path);
    for (int i = 0; i < 3; ++i) f.engine.create_case(f.op, EngineFixture::two_line_draft());
    const Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft("C2"));
    f.engine.transition_case(f.op, c.id, "authorize");
    f.engine.delete_case(f.admin, f.engine.create_case(f.op, EngineFixture::two_line_draft()).id, "twice");
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 12);
    raw.exec(rma_test::kUndoSchema12);
    raw.exec(rma_test::kUndoSchema11);
    raw.exec(rma_test::kUndoSchema10);
    raw.exec(rma_test::kUndoSchema9);
    raw.exec(rma_test::kUndoSchema8);
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'case_counts'").getInt() == 0);
  }
  EngineFixture reopened(db.path);
  CHECK(reopened.engine.stats().cases == 4);
  check_agree(reopened.engine, reopened.op, {"requested", "authorized"});
  CHECK(totals(reopened.engine, reopened.op, [](CaseQuery& q) { q.status = "requested"; }).counted_up == 3);
  SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() >= 10);
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'cases_by_status_since'").getInt() == 1);
}

TEST_CASE("a database of schema version 9 gains the status pair counters and the partial query indexes") {
  rma_test::TempDb db;
  {
    EngineFixture f(db.path);
    for (int i = 0; i < 3; ++i) f.engine.create_case(f.op, EngineFixture::two_line_draft(i ? "C1" : "C2"));
    f.engine.transition_case(f.op, 1, "authorize");
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 12);
    raw.exec(rma_test::kUndoSchema12);
    raw.exec(rma_test::kUndoSchema11);
    raw.exec(rma_test::kUndoSchema10);
    CHECK(raw.execAndGet("SELECT count(*) FROM case_counts WHERE dim LIKE 'status,%'").getInt() == 0);
  }
  EngineFixture reopened(db.path);
  reopened.engine.create_case(reopened.op, EngineFixture::two_line_draft());
  check_agree(reopened.engine, reopened.op, {"requested", "authorized"});
  CHECK(totals(reopened.engine, reopened.op, [](CaseQuery& q) {
          q.status = "requested";
          q.kind = CaseKind::return_;
        }).counted_up == 3);
  SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'cases_by_team'").getInt() == 0);
}

TEST_CASE("claimants' queries are confined by the store; asking for another customer writes nothing") {
  EngineFixture f;
  f.add_suppliers();
  f.engine.create_case(f.op, EngineFixture::two_line_draft("C1"));
  f.engine.create_case(f.op, EngineFixture::two_line_draft("C2"));
  CaseDraft sent = EngineFixture::two_line_draft("C2");
  sent.channel = Channel::supplier;
  sent.supplier_id = "S1";
  const Case to_s1 = f.engine.create_case(f.op, sent);

  const Actor c1{Role::customer, "C1"};
  const CasePage mine = f.engine.query_cases(c1, CaseQuery{});
  REQUIRE(mine.total == 1);
  CHECK(mine.items.at(0).customer_id == "C1");
  // A filter on an unconfined column does not reach past the confinement.
  CaseQuery by_status;
  by_status.status = "requested";
  CHECK(f.engine.query_cases(c1, by_status).total == 1);

  const std::int64_t events = f.event_count();
  CaseQuery other;
  other.customer_id = "C2";
  CHECK(status_of([&] { f.engine.query_cases(c1, other); }) == Status::permission_denied);
  CHECK(f.event_count() == events);

  const Actor s1{Role::supplier, "S1"};
  const CasePage sent_to_s1 = f.engine.query_cases(s1, by_status);
  REQUIRE(sent_to_s1.total == 1);
  CHECK(sent_to_s1.items.at(0).id == to_s1.id);
  CHECK(f.engine.query_cases(Actor{Role::supplier, "S2"}, CaseQuery{}).total == 0);
}
