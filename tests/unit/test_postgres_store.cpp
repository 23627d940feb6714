// The PostgreSQL store with several engines on one database: what a shared server adds to the
// engine suite (which runs on PostgreSQL as a whole, unit_postgres). These tests run only there:
// tests/unit/CMakeLists.txt leaves "postgres: *" out of the SQLite run, and each fails when
// RMA_TEST_POSTGRES is not set rather than passing without a server.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <vector>

#include "engine_fixture.hpp"
#include "store/open.hpp"

using namespace rma;
using rma_test::EngineFixture;
using rma_test::TempDb;

namespace {

void require_server() { REQUIRE_MESSAGE(!rma_test::test_postgres().empty(), "RMA_TEST_POSTGRES is not set"); }

CaseDraft one_line_draft() {
  CaseDraft d;
  d.kind = CaseKind::return_;
  d.channel = Channel::b2c;
  d.customer_id = "C1";
  LineDraft line;
  line.sku = "CABLE-2";
  line.reason_code = "defective";
  d.lines = {line};
  return d;
}

}  // namespace

TEST_CASE("postgres: two engines on one database see each other's commits at their next command") {
  require_server();
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  const Case created = a.engine.create_case(a.op, one_line_draft());
  const Case seen = b.engine.get_case(b.op, created.id);
  CHECK(seen.number == created.number);
  CasePatch patch;
  patch.priority = Priority::high;
  b.engine.update_case(b.op, created.id, patch);
  CHECK(a.engine.get_case(a.op, created.id).priority == Priority::high);
  CaseQuery q;
  q.priority = Priority::high;
  CHECK(a.engine.query_cases(a.op, q).total == 1);
  CHECK(a.engine.stats().last_event_seq == b.engine.stats().last_event_seq);
}

TEST_CASE("postgres: an expected version another engine moved past is a conflict, and nothing is written") {
  require_server();
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  const Case c = a.engine.create_case(a.op, one_line_draft());
  CasePatch high;
  high.priority = Priority::high;
  CasePatch low;
  low.priority = Priority::low;
  a.engine.update_case(a.op, c.id, high, c.version);
  const std::int64_t events = b.event_count();
  CHECK(rma_test::status_of([&] { b.engine.update_case(b.op, c.id, low, c.version); }) == Status::conflict);
  CHECK(b.event_count() == events);
  CHECK(b.engine.get_case(b.op, c.id).priority == Priority::high);
  CHECK(b.engine.update_case(b.op, c.id, low, c.version + 1).priority == Priority::low);
}

TEST_CASE("postgres: RMA numbers from two engines are unique and consecutive") {
  require_server();
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  std::set<std::string> numbers;
  for (int i = 0; i < 20; ++i) {
    EngineFixture& f = i % 2 ? a : b;
    numbers.insert(f.engine.create_case(f.op, one_line_draft()).number);
  }
  CHECK(numbers.size() == 20);
  CHECK(a.engine.stats().cases == 20);
}

// The classic pitfall: a sequence hands out 5 before 4 commits; a follower that read 5 asks for
// "after 5" and never sees 4. With one writer at a time, seq is taken under the writer lock, so a
// follower reading while writers in other processes commit sees every seq, in order, gap-free.
TEST_CASE("postgres: writers in separate processes and a follower that never skips an event") {
  require_server();
  TempDb db;
  { EngineFixture setup(db.path); }  // schema, customers and product
  constexpr int kWriters = 3;
  constexpr int kCasesEach = 25;
  // The follower starts before the writers: every event they write comes after `first`.
  auto follower = store::open(db.path, Options{});
  std::int64_t last = follower->last_event_seq();
  const std::int64_t first = last;
  std::vector<pid_t> writers;
  for (int w = 0; w < kWriters; ++w) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 0;
      try {
        Engine engine = Engine::open(db.path);
        const Actor op{Role::operator_, "anna"};
        for (int i = 0; i < kCasesEach; ++i) {
          Case c = engine.create_case(op, one_line_draft());
          NoteDraft note;
          note.body = "writer " + std::to_string(w);
          engine.add_note(op, c.id, note);
        }
      } catch (...) {
        code = 1;
      }
      ::_exit(code);  // no destructors: the parent's connections are not the child's to close
    }
    writers.push_back(pid);
  }
  std::int64_t skipped = 0;
  auto follow = [&] {
    for (const store::Store::EventRef& e : follower->events_after(last)) {
      if (e.seq != last + 1) ++skipped;
      last = e.seq;
    }
  };
  int running = kWriters;
  while (running > 0) {
    follow();
    int status = 0;
    for (pid_t& pid : writers) {
      if (pid != 0 && ::waitpid(pid, &status, WNOHANG) == pid) {
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        pid = 0;
        --running;
      }
    }
  }
  follow();
  CHECK(skipped == 0);
  // Each case: case.created, case.valued (maybe) and note.added; at least two events per case.
  CHECK(last - first >= 2 * kWriters * kCasesEach);
  CHECK(last == follower->last_event_seq());
  EngineFixture check(db.path);
  CHECK(check.engine.stats().cases == kWriters * kCasesEach);
}

TEST_CASE("postgres: a lost connection is storage with reason connection; the next command connects again") {
  require_server();
  TempDb db;
  EngineFixture f(db.path + " application_name=rma_lost_connection");
  const Case c = f.engine.create_case(f.op, one_line_draft());
  REQUIRE(TempDb::run_on_server(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rma_lost_connection'"));
  CasePatch patch;
  patch.priority = Priority::high;
  try {
    f.engine.update_case(f.op, c.id, patch);
    FAIL("the command succeeded on a terminated connection");
  } catch (const Error& e) {
    CHECK(e.status() == Status::storage);
    CHECK(e.reason() == "connection");
  }
  CHECK(f.engine.get_case(f.op, c.id).priority == Priority::normal);
  CHECK(f.engine.update_case(f.op, c.id, patch).priority == Priority::high);
}
