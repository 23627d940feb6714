// SLA in the engine: clocks from a case's workflow history, pauses in business time, a priority
// change recomputing from the start, tick exactly once (restarts, two engines), due-time queries,
// compliance and the expected completion date.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "sla_policies.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::status_of;
using rma_test::urgent_first;

namespace {

// Monday 2026-03-09 09:00 UTC: the default office calendar (Mon–Fri 09:00–17:00 UTC) opens.
const char* const kMonday9 = "2026-03-09T09:00:00Z";

const ClockStatus& clock_named(const CaseSla& sla, const std::string& name) {
  for (const ClockStatus& c : sla.clocks) {
    if (c.clock == name) return c;
  }
  FAIL("no clock " << name);
  return sla.clocks.front();
}

Case open_case(EngineFixture& f) {
  f.now = at(kMonday9);
  return f.engine.create_case(f.op, EngineFixture::two_line_draft());
}

}  // namespace

TEST_CASE("sla: the default resolution clock runs on business hours; its date is the expected completion") {
  EngineFixture f;
  Case c = open_case(f);
  f.now = at("2026-03-09T13:00:00Z");
  CaseSla sla = f.engine.case_sla(f.op, c.id);
  CHECK(sla.policy == "default");
  const ClockStatus& resolution = clock_named(sla, "resolution");
  CHECK(resolution.started_at == at(kMonday9));
  CHECK(resolution.elapsed_business_seconds == 4 * 3600);
  // 80 business hours = ten office days: Monday 09:00 → Friday of the next week, 17:00.
  CHECK(resolution.due_at == at("2026-03-20T17:00:00Z"));
  CHECK(sla.expected_completion == Date::from_iso("2026-03-20"));
  // The customer sees its own case's SLA, not another's.
  CHECK(f.engine.case_sla(f.customer, c.id).expected_completion == Date::from_iso("2026-03-20"));
  CHECK(status_of([&] { f.engine.case_sla(Actor{Role::customer, "C2"}, c.id); }) == Status::not_found);
}

TEST_CASE("sla: waiting for the customer pauses in business time, never in wall-clock time") {
  EngineFixture f;
  f.now = at(kMonday9);
  CaseDraft d = EngineFixture::two_line_draft();
  d.kind = CaseKind::complaint;
  d.category = ComplaintCategory::quality;
  d.channel = Channel::b2b;
  Case c = f.engine.create_case(f.op, d);
  f.now = at("2026-03-09T10:00:00Z");
  f.engine.transition_case(f.op, c.id, "start");
  f.now = at("2026-03-09T13:00:00Z");  // 4 business hours used
  f.engine.transition_case(f.op, c.id, "request_info");  // waiting for the customer: paused
  f.now = at("2026-03-11T13:00:00Z");  // Wednesday: two office days (16 h) later
  CaseSla paused = f.engine.case_sla(f.op, c.id);
  CHECK(clock_named(paused, "resolution").paused);
  CHECK(clock_named(paused, "resolution").elapsed_business_seconds == 4 * 3600);

  f.engine.transition_case(f.customer, c.id, "info_received");  // running again
  const ClockStatus resolution = clock_named(f.engine.case_sla(f.op, c.id), "resolution");
  CHECK_FALSE(resolution.paused);
  CHECK(resolution.elapsed_business_seconds == 4 * 3600);
  // Due moved by the 16 business hours paused: Friday 03-20 17:00 + 2 office days. Counted in
  // wall-clock time (48 h) it would have moved by six office days.
  CHECK(resolution.due_at == at("2026-03-24T17:00:00Z"));
  f.now = at("2026-03-11T14:00:00Z");
  CHECK(clock_named(f.engine.case_sla(f.op, c.id), "resolution").elapsed_business_seconds == 5 * 3600);
}

TEST_CASE("sla: changing the priority picks another policy and recomputes from the start") {
  EngineFixture f;
  f.engine.configure_sla(f.admin, urgent_first());
  CHECK(status_of([&] { f.engine.configure_sla(f.op, urgent_first()); }) == Status::permission_denied);
  Case c = open_case(f);
  f.now = at("2026-03-09T10:00:00Z");
  CHECK(f.engine.case_sla(f.op, c.id).policy == "default");
  CasePatch urgent;
  urgent.priority = Priority::urgent;
  f.engine.update_case(f.op, c.id, urgent);
  CaseSla sla = f.engine.case_sla(f.op, c.id);
  CHECK(sla.policy == "urgent");
  CHECK(clock_named(sla, "resolution").due_at == at("2026-03-09T17:00:00Z"));  // 8 h from Monday 09:00
  CHECK(f.engine.sla_config(f.op).policies.size() == 2);
}

TEST_CASE("sla: tick records each warning and breach once, across restarts and two engines") {
  rma_test::TempDb db;
  EngineFixture f(db.path);
  f.engine.configure_sla(f.admin, urgent_first());
  Case c = open_case(f);
  CasePatch urgent;
  urgent.priority = Priority::urgent;
  f.engine.update_case(f.op, c.id, urgent);  // due Monday 17:00, warning at 80 %: 15:24

  CHECK(f.engine.tick(f.op, at("2026-03-09T15:23:59Z")).empty());  // one second before the warning
  auto warned = f.engine.tick(f.op, at("2026-03-09T15:24:00Z"));
  REQUIRE(warned.size() == 1);
  CHECK(warned[0].kind == "warning");
  CHECK(warned[0].clock == "resolution");
  CHECK(warned[0].case_number == c.number);
  CHECK(warned[0].at == at("2026-03-09T15:24:00Z"));
  CHECK(f.engine.tick(f.op, at("2026-03-09T16:00:00Z")).empty());  // not twice

  // Listed as breaching within the next hour, not yet overdue.
  f.now = at("2026-03-09T16:30:00Z");
  auto soon = f.engine.sla_due(f.op, 3600);
  REQUIRE(soon.size() == 1);
  CHECK(soon[0].case_id == c.id);
  CHECK(soon[0].due_at == at("2026-03-09T17:00:00Z"));
  CHECK(soon[0].team == "returns");
  CHECK(f.engine.sla_due(f.op, 1799).empty());  // due in 1800 s: just outside
  CHECK(f.engine.overdue(f.op).empty());

  {
    // A second engine on the same file sees the warning already recorded and records the breach.
    Engine other = Engine::open(db.path);
    CHECK(other.tick(f.op, at("2026-03-09T16:59:59Z")).empty());
    auto breached = other.tick(f.op, at("2026-03-09T17:00:00Z"));
    REQUIRE(breached.size() == 1);
    CHECK(breached[0].kind == "breached");
  }
  CHECK(f.engine.tick(f.op, at("2026-03-09T18:00:00Z")).empty());  // the first engine does not repeat it
  f.now = at("2026-03-09T18:00:00Z");
  auto late = f.engine.overdue(f.op);
  REQUIRE(late.size() == 1);
  CHECK(late[0].clock == "resolution");

  // After a restart nothing is recorded again.
  Engine restarted = Engine::open(db.path);
  CHECK(restarted.tick(f.op, at("2026-03-10T12:00:00Z")).empty());
  int recorded = 0;
  for (const Event& e : restarted.history(f.op, c.id)) recorded += e.type == "sla.warning" || e.type == "sla.breached";
  CHECK(recorded == 2);
  CHECK(status_of([&] { restarted.tick(f.customer); }) == Status::permission_denied);
  CHECK(status_of([&] { restarted.overdue(f.op, 0); }) == Status::out_of_range);
}

TEST_CASE("sla: compliance counts stopped clocks as met or breached per policy, team and period") {
  EngineFixture f;
  f.engine.configure_sla(f.admin, urgent_first());
  auto decide = [&](const Case& c) {
    CasePatch p;
    p.resolution = Resolution::reject;
    f.engine.update_case(f.op, c.id, p);
    f.engine.transition_case(f.op, c.id, "reject_request");  // rejected: the clocks stop
  };
  Case met = open_case(f);
  f.now = at("2026-03-10T10:00:00Z");
  decide(met);
  Case late = open_case(f);
  CasePatch urgent;
  urgent.priority = Priority::urgent;
  f.engine.update_case(f.op, late.id, urgent);
  f.now = at("2026-03-10T10:00:00Z");  // past its 8 business hours
  decide(late);
  Case open = open_case(f);  // still running: not counted
  (void)open;
  f.now = at("2026-03-10T12:00:00Z");

  auto rows = f.engine.sla_compliance(f.op, CompliancePeriod::day);
  std::int64_t met_count = 0, breached_count = 0;
  for (const ComplianceRow& r : rows) {
    if (r.clock != "resolution") continue;
    CHECK(r.period == "2026-03-10");
    CHECK(r.team == "returns");
    met_count += r.met;
    breached_count += r.breached;
    if (r.policy == "urgent") CHECK(r.percent_met == 0.0);
    if (r.policy == "default") CHECK(r.percent_met == 100.0);
  }
  CHECK(met_count == 1);
  CHECK(breached_count == 1);
}
