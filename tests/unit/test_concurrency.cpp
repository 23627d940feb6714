// Several threads on one engine; two processes on one database file.
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "engine_fixture.hpp"

using namespace rma;
using rma_test::EngineFixture;

namespace {

// Runs `body` in a child process with its own engine; returns its exit status.
template <class Body>
int in_child_process(Body body) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    try {
      code = body();
    } catch (...) {
      code = 99;
    }
    ::_exit(code);  // skip the parent's atexit handlers and doctest's report
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

}  // namespace

TEST_CASE("one engine serves several threads at once") {
  EngineFixture f;
  constexpr int kThreads = 4;
  constexpr int kCasesPerThread = 40;
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> numbers(kThreads);
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kCasesPerThread; ++i) {
          Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
          f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "thread " + std::to_string(t)});
          numbers[static_cast<std::size_t>(t)].push_back(c.number);
          f.engine.query_cases(f.op, CaseQuery{});
        }
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  std::set<std::string> unique;
  for (const auto& list : numbers) unique.insert(list.begin(), list.end());
  CHECK(unique.size() == kThreads * kCasesPerThread);
  CHECK(f.engine.stats().cases == kThreads * kCasesPerThread);
}

TEST_CASE("two processes on one file see each other's changes through the event log") {
  rma_test::TempDb db;
  EngineFixture parent(db.path);
  Case mine = parent.engine.create_case(parent.op, EngineFixture::two_line_draft());
  CHECK(parent.engine.stats().cases == 1);

  int code = in_child_process([&] {
    Engine child = Engine::open(db.path);
    Actor op{Role::operator_, "luca"};
    if (child.stats().cases != 1) return 1;
    for (int i = 0; i < 5; ++i) child.create_case(op, EngineFixture::two_line_draft("C2"));
    child.transition_case(op, mine.id, "authorize", 1);
    return 0;
  });
  REQUIRE(code == 0);

  // The parent's index catches up before it answers.
  CHECK(parent.engine.stats().cases == 6);
  CaseQuery q;
  q.customer_id = "C2";
  CHECK(parent.engine.query_cases(parent.op, q).total == 5);
  CaseQuery authorized;
  authorized.status = "authorized";
  CHECK(parent.engine.query_cases(parent.op, authorized).total == 1);
  CHECK(parent.engine.get_case(parent.op, mine.id).version == 2);

  // Its own copy was version 1: optimistic concurrency refuses the stale write.
  CasePatch stale;
  stale.priority = Priority::urgent;
  try {
    parent.engine.update_case(parent.op, mine.id, stale, mine.version);
    FAIL("stale version across processes must fail");
  } catch (const Error& e) {
    CHECK(e.status() == Status::conflict);
  }
}

TEST_CASE("two processes writing at the same time never share an RMA number") {
  rma_test::TempDb db;
  { EngineFixture setup(db.path); }
  auto writer = [&](const char* who) {
    return [&db, who] {
      Engine e = Engine::open(db.path);
      Actor op{Role::operator_, who};
      for (int i = 0; i < 30; ++i) e.create_case(op, EngineFixture::two_line_draft());
      return 0;
    };
  };
  pid_t first = ::fork();
  REQUIRE(first >= 0);
  if (first == 0) {
    int code = 0;
    try {
      code = writer("p1")();
    } catch (...) {
      code = 99;
    }
    ::_exit(code);
  }
  int second_code = in_child_process(writer("p2"));
  int status = 0;
  ::waitpid(first, &status, 0);
  CHECK(second_code == 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  Engine e = Engine::open(db.path);
  Actor op{Role::operator_, "anna"};
  CaseQuery all;
  all.limit = 1000;
  auto page = e.query_cases(op, all);
  CHECK(page.total == 60);
  std::set<std::string> numbers;
  for (const auto& s : page.items) numbers.insert(s.number);
  CHECK(numbers.size() == 60);
}

TEST_CASE("two processes ticking one file at the same time record each SLA crossing once") {
  rma_test::TempDb db;
  constexpr int kCases = 20;
  std::vector<std::int64_t> ids;
  {
    EngineFixture setup(db.path);
    setup.engine.configure_sla(setup.admin, sla_config_from_json(R"({
      "calendars": {"always": {"week": {
        "monday": ["00:00-24:00"], "tuesday": ["00:00-24:00"], "wednesday": ["00:00-24:00"],
        "thursday": ["00:00-24:00"], "friday": ["00:00-24:00"], "saturday": ["00:00-24:00"],
        "sunday": ["00:00-24:00"]}}},
      "policies": [{"name": "fast", "calendar": "always", "targets": {"resolution": {"hours": 1}}}]})"));
    setup.now = Timestamp::from_iso("2026-03-09T09:00:00Z");
    for (int i = 0; i < kCases; ++i) ids.push_back(setup.engine.create_case(setup.op, EngineFixture::two_line_draft()).id);
  }
  // Each process ticks every minute through the warning (09:48) and the breach (10:00) and
  // exits with the number of crossings it recorded.
  auto ticker = [&db] {
    Engine e = Engine::open(db.path);
    const Actor op{Role::operator_, "anna"};
    int recorded = 0;
    for (int minute = 40; minute <= 70; ++minute) {
      const std::string iso = minute < 60 ? "2026-03-09T09:" + std::to_string(minute) + ":00Z"
                                          : "2026-03-09T10:" + std::string(minute < 70 ? "0" : "") +
                                                std::to_string(minute - 60) + ":00Z";
      recorded += static_cast<int>(e.tick(op, Timestamp::from_iso(iso)).size());
    }
    return recorded;
  };
  pid_t first = ::fork();
  REQUIRE(first >= 0);
  if (first == 0) {
    int code = 0;
    try {
      code = ticker();
    } catch (...) {
      code = 255;
    }
    ::_exit(code);
  }
  const int second = in_child_process(ticker);
  int status = 0;
  ::waitpid(first, &status, 0);
  REQUIRE(WIFEXITED(status));
  const int first_recorded = WEXITSTATUS(status);
  CHECK(first_recorded != 255);
  CHECK(second != 99);
  CHECK(first_recorded + second == 2 * kCases);  // a warning and a breach per case, once each

  Engine e = Engine::open(db.path);
  const Actor op{Role::operator_, "anna"};
  for (std::int64_t id : ids) {
    int warnings = 0;
    int breaches = 0;
    for (const Event& ev : e.history(op, id)) {
      warnings += ev.type == "sla.warning";
      breaches += ev.type == "sla.breached";
    }
    CHECK(warnings == 1);
    CHECK(breaches == 1);
  }
}
