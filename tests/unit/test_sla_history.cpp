// The SLA history an engine keeps per case (engine/sla_history.hpp): what it reports must be what
// the store's committed history says, after another engine's commits and after a rollback.
#include <doctest/doctest.h>

#include <stdexcept>

#include "engine_fixture.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::TempDb;

namespace {

bool resolution_paused(Engine& engine, const Actor& by, std::int64_t id) {
  for (const ClockStatus& c : engine.case_sla(by, id).clocks) {
    if (c.clock == "resolution") return c.paused;
  }
  FAIL("no resolution clock");
  return false;
}

// A B2B quality complaint, started on Monday 09:00: its resolution clock runs.
Case started_complaint(EngineFixture& f) {
  f.now = at("2026-03-09T09:00:00Z");
  CaseDraft d = EngineFixture::two_line_draft();
  d.kind = CaseKind::complaint;
  d.category = ComplaintCategory::quality;
  d.channel = Channel::b2b;
  const Case c = f.engine.create_case(f.op, d);
  f.now = at("2026-03-09T10:00:00Z");
  f.engine.transition_case(f.op, c.id, "start");
  return c;
}

}  // namespace

TEST_CASE("sla history: another engine's transitions move the clocks this engine reports and stores") {
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  const Case c = started_complaint(a);
  a.now = b.now = at("2026-03-09T13:00:00Z");
  CHECK_FALSE(resolution_paused(a.engine, a.op, c.id));  // a keeps the case's history now
  b.engine.transition_case(b.op, c.id, "request_info");   // waiting for the customer: paused
  CHECK(resolution_paused(a.engine, a.op, c.id));
  b.engine.transition_case(b.customer, c.id, "info_received");
  CHECK_FALSE(resolution_paused(a.engine, a.op, c.id));
  // a's own next command stores due times from the whole history, b's part included.
  a.engine.transition_case(a.op, c.id, "request_info");
  CHECK(resolution_paused(b.engine, b.op, c.id));
  for (const SlaDueItem& item : a.engine.sla_due(a.op, 3600 * 24 * 365, 100)) {
    CHECK_FALSE((item.case_id == c.id && item.clock == "resolution"));  // paused within target: not due
  }
}

TEST_CASE("sla history: a batch that rolls back leaves the clocks as the committed history says") {
  EngineFixture f;
  const Case c = started_complaint(f);
  f.now = at("2026-03-09T13:00:00Z");
  CHECK_FALSE(resolution_paused(f.engine, f.op, c.id));
  CHECK_THROWS_AS(f.engine.batch(f.op,
                                 [&](Batch& batch) {
                                   batch.transition_case(c.id, "request_info");
                                   throw std::runtime_error("the host gives up");
                                 }),
                  std::runtime_error);
  CHECK_FALSE(resolution_paused(f.engine, f.op, c.id));
  bool due = false;
  for (const SlaDueItem& item : f.engine.sla_due(f.op, 3600 * 24 * 365, 100)) {
    due = due || (item.case_id == c.id && item.clock == "resolution");
  }
  CHECK(due);
  // The same transition, committed this time, pauses it.
  f.engine.transition_case(f.op, c.id, "request_info");
  CHECK(resolution_paused(f.engine, f.op, c.id));
}
