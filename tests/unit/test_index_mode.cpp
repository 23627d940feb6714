// Options::index_mode: its names in C++ and JSON, and engines in every mode giving the same
// answers, their own writes and another process's included.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "rma/rma.hpp"
#include "sla_policies.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::status_of;

TEST_CASE("index_mode: lazy by default; lazy, eager and store_only in C++ and JSON, nothing else") {
  CHECK(Options().index_mode == IndexMode::lazy);
  for (IndexMode mode : {IndexMode::lazy, IndexMode::eager, IndexMode::store_only}) {
    const std::string name = index_mode_name(mode);
    CHECK(index_mode_from_name(name) == mode);
    CHECK(options_from_json(R"({"index_mode": ")" + name + "\"}").index_mode == mode);
  }
  CHECK(std::string(index_mode_name(IndexMode::store_only)) == "store_only");
  CHECK_FALSE(index_mode_from_name("warm"));
  CHECK_FALSE(index_mode_from_name("Lazy"));
  try {
    options_from_json(R"({"index_mode": "warm"})");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::unknown_value);
    CHECK(e.field() == "index_mode");
  }
  CHECK(status_of([] { options_from_json(R"({"index_mode": 1})"); }) == Status::wrong_type);
}

namespace {

// What an SLA screen and a grid show: the open clocks due within a day, the overdue ones, and
// the cases by status.
struct Answers {
  std::vector<std::int64_t> due;
  std::vector<std::int64_t> overdue;
  std::int64_t requested = 0;
  bool operator==(const Answers& o) const {
    return due == o.due && overdue == o.overdue && requested == o.requested;
  }
};

Answers answers(EngineFixture& f) {
  Answers a;
  for (const SlaDueItem& d : f.engine.sla_due(f.op, 86400)) a.due.push_back(d.case_id);
  for (const SlaDueItem& d : f.engine.overdue(f.op)) a.overdue.push_back(d.case_id);
  CaseQuery q;
  q.status = "requested";
  a.requested = f.engine.query_cases(f.op, q).total;
  return a;
}

}  // namespace

TEST_CASE("index_mode: every mode answers alike, following its own and another process's writes") {
  rma_test::TempDb db;
  {
    EngineFixture setup(db.path);
    setup.engine.configure_sla(setup.admin, rma_test::urgent_first());
    setup.now = at("2026-03-09T09:00:00Z");
    for (int i = 0; i < 3; ++i) setup.engine.create_case(setup.op, EngineFixture::two_line_draft());
  }
  std::vector<Answers> seen;
  for (IndexMode mode : {IndexMode::lazy, IndexMode::eager, IndexMode::store_only}) {
    CAPTURE(std::string(index_mode_name(mode)));
    Options options;
    options.index_mode = mode;
    EngineFixture f(db.path, options);
    EngineFixture other(db.path);
    f.now = other.now = at("2026-03-09T12:00:00Z");
    const Answers before = answers(f);
    // Another process makes a case urgent (due at 17:00) and opens one more; this engine then
    // makes another urgent itself.
    CasePatch urgent;
    urgent.priority = Priority::urgent;
    const std::int64_t first = other.engine.query_cases(other.op, CaseQuery{}).items.at(0).id;
    other.engine.update_case(other.op, first, urgent);
    const Case opened = other.engine.create_case(other.op, EngineFixture::two_line_draft());
    f.engine.update_case(f.op, opened.id, urgent);
    Answers after = answers(f);
    CHECK(after.due.size() == before.due.size() + 2);
    CHECK(after.requested == before.requested + 1);
    f.now = at("2026-03-09T18:00:00Z");
    after.overdue.clear();
    for (const SlaDueItem& d : f.engine.overdue(f.op)) after.overdue.push_back(d.case_id);
    // Only the first is overdue: the one opened at 12:00 is due at 12:00 the next business day.
    CHECK(after.overdue == std::vector<std::int64_t>{first});
    seen.push_back(after);
    // Put the file back as it was for the next mode.
    CasePatch normal;
    normal.priority = Priority::normal;
    other.engine.update_case(other.op, first, normal);
    other.engine.delete_case(other.admin, opened.id, "undo");
  }
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].requested == seen[1].requested);
  CHECK(seen[1].requested == seen[2].requested);
  CHECK(seen[0].overdue.size() == seen[1].overdue.size());
  CHECK(seen[1].overdue.size() == seen[2].overdue.size());
}
