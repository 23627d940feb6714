// A client process killed with SIGKILL in the middle of a command (its transaction open, rows
// written, the writer lock held): every command it committed before is kept, nothing of the open
// one is, and the next engine writes at once. The store's own guarantee (SQLite's journal, the
// PostgreSQL server ending the dead client's session), so it runs on both backends (unit and
// unit_postgres).
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine_fixture.hpp"

using namespace rma;
using rma_test::EngineFixture;
using rma_test::TempDb;

const auto cable_draft = EngineFixture::one_line_draft;

TEST_CASE("a client killed mid-command keeps every command it committed and nothing of the open one") {
  TempDb db;
  std::int64_t events_before = 0;
  {
    EngineFixture setup(db.path);
    events_before = setup.engine.stats().last_event_seq;
  }
  constexpr int kCommitted = 5;
  int progress[2];
  REQUIRE(::pipe(progress) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The client: five commands committed, then a batch that writes a case and a note and stops
    // with its transaction open, until it is killed.
    try {
      Engine engine = Engine::open(db.path);
      const Actor op{Role::operator_, "anna"};
      for (int i = 0; i < kCommitted; ++i) {
        engine.create_case(op, cable_draft());
        if (::write(progress[1], "c", 1) != 1) ::_exit(2);
      }
      engine.batch(op, [&](Batch& b) {
        const Case c = b.create_case(cable_draft());
        b.add_note(c.id, NoteDraft{Visibility::internal, "never committed"});
        if (::write(progress[1], "m", 1) != 1) ::_exit(2);
        for (;;) ::pause();
      });
    } catch (...) {
    }
    ::_exit(1);
  }
  ::close(progress[1]);
  std::string seen;
  char byte = 0;
  while (seen.size() < kCommitted + 1 && ::read(progress[0], &byte, 1) == 1) seen += byte;
  ::close(progress[0]);
  REQUIRE(seen == std::string(kCommitted, 'c') + "m");
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));

  Engine after = Engine::open(db.path);
  const Actor admin{Role::admin, "root"};
  CHECK(after.stats().cases == kCommitted);
  // The committed cases' events follow the setup's; the open batch's case and note left none.
  std::int64_t committed_events = 0;
  for (std::int64_t id = 1; id <= kCommitted; ++id) {
    committed_events += static_cast<std::int64_t>(after.history(admin, id).size());
  }
  CHECK(committed_events >= kCommitted);
  CHECK(after.stats().last_event_seq == events_before + committed_events);
  CaseQuery all;
  all.limit = 100;
  CHECK(after.query_cases(admin, all).items.size() == kCommitted);
  // The hash chain of what was committed verifies: the open transaction's events, hashed in it,
  // went with it, and the next command chains on from the last committed one.
  const AuditReport kept = after.verify_audit(admin);
  CHECK(kept.ok);
  CHECK(kept.events_checked == events_before + committed_events);
  // The dead client's writer lock is gone: the next command writes at once.
  const Case next = after.create_case(Actor{Role::operator_, "anna"}, cable_draft());
  CHECK(next.id == kCommitted + 1);
  const AuditReport then = after.verify_audit(admin);
  CHECK(then.ok);
  CHECK(then.events_checked == after.stats().last_event_seq);
}
