// The PostgreSQL store sends a command's writes without waiting for them (libpq pipeline mode,
// store/postgres/connection.hpp) and answers look-ups from what it knows while no other engine
// commits (store/postgres/known_rows.hpp). What must still hold: a queued write the server
// refuses fails its whole command, which keeps nothing; an update whose version changed behind
// the engine's back is the conflict it always was; what the store knew is dropped when another
// engine commits. These run only on PostgreSQL (unit_postgres), like test_postgres_store.cpp.
#include <doctest/doctest.h>

#include "engine_fixture.hpp"

using namespace rma;
using rma_test::EngineFixture;
using rma_test::TempDb;

#ifdef RMA_WITH_POSTGRESQL
namespace {

void require_server() { REQUIRE_MESSAGE(!rma_test::test_postgres().empty(), "RMA_TEST_POSTGRES is not set"); }

// The error `f` fails with; fails the test when it does not.
Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(Status::ok, "", "");
}

}  // namespace

TEST_CASE("postgres: a queued write the server refuses fails its command as storage, and keeps nothing of it") {
  require_server();
  TempDb db;
  EngineFixture f(db.path);
  const Case c = f.engine.create_case(f.op, EngineFixture::one_line_draft());
  // A first note: the store learns the largest note id, so the next one is sent without waiting.
  f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "first"});
  REQUIRE(TempDb::run_on_server("ALTER TABLE " + db.schema + ".notes ADD CONSTRAINT no_boom CHECK (body <> 'boom')"));
  const Case before = f.engine.get_case(f.admin, c.id);
  const std::size_t events = f.engine.history(f.admin, c.id).size();
  const std::int64_t last_seq = f.event_count();

  const Error e = error_of([&] { f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "boom"}); });
  CHECK(e.status() == Status::storage);

  const Case after = f.engine.get_case(f.admin, c.id);
  CHECK(after.version == before.version);
  CHECK(after.notes.size() == before.notes.size());
  CHECK(f.engine.history(f.admin, c.id).size() == events);
  // The next command writes at once, with the ids and sequence numbers the refused one did not keep.
  const Case noted = f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "second"});
  CHECK(noted.version == before.version + 1);
  REQUIRE(noted.notes.size() == before.notes.size() + 1);
  CHECK(noted.notes.back().id == before.notes.back().id + 1);
  CHECK(f.event_count() == last_seq + 1);
}

TEST_CASE("postgres: an update of a case whose version changed outside librma is a conflict, and nothing is written") {
  require_server();
  TempDb db;
  EngineFixture f(db.path);
  const Case c = f.engine.create_case(f.op, EngineFixture::one_line_draft());
  const std::size_t events = f.engine.history(f.admin, c.id).size();
  // Behind the engine's back: no commit is counted, so the engine's cached case stays at c.version.
  REQUIRE(TempDb::run_on_server("UPDATE " + db.schema + ".cases SET version = version + 5 WHERE id = " +
                                std::to_string(c.id)));
  CasePatch patch;
  patch.priority = Priority::high;
  const Error e = error_of([&] { f.engine.update_case(f.op, c.id, patch); });
  CHECK(e.status() == Status::conflict);
  CHECK(e.field() == "version");
  const Case after = f.engine.get_case(f.admin, c.id);
  CHECK(after.version == c.version + 5);
  CHECK(after.priority == Priority::normal);
  CHECK(f.engine.history(f.admin, c.id).size() == events);
  CHECK(f.engine.update_case(f.op, c.id, patch).version == c.version + 6);
}

TEST_CASE("postgres: what one engine knew of ids, numbers and histories is dropped when another commits") {
  require_server();
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  std::vector<Case> cases;
  for (int i = 0; i < 6; ++i) {
    EngineFixture& f = i % 3 == 2 ? b : a;  // a twice in a row, then b
    Case c = f.engine.create_case(f.op, EngineFixture::one_line_draft());
    f.engine.add_note(f.op, c.id, NoteDraft{Visibility::external, "seen " + std::to_string(i)});
    cases.push_back(f.engine.get_case(f.admin, c.id));
  }
  for (std::size_t i = 1; i < cases.size(); ++i) {
    CHECK(cases[i].id == cases[i - 1].id + 1);
    CHECK(cases[i].notes.front().id == cases[i - 1].notes.front().id + 1);
    CHECK(cases[i].number != cases[i - 1].number);
  }
  // Each history as either engine reads it afresh: created, then noted.
  const std::vector<Event> seen_by_a = a.engine.history(a.admin, cases.back().id);
  const std::vector<Event> seen_by_b = b.engine.history(b.admin, cases.back().id);
  REQUIRE(seen_by_a.size() == seen_by_b.size());
  for (std::size_t i = 0; i < seen_by_a.size(); ++i) CHECK(seen_by_a[i].seq == seen_by_b[i].seq);
  CHECK(a.engine.stats().last_event_seq == b.engine.stats().last_event_seq);
}
#endif
