// The seller's legal deadlines as SLA clocks: the refund 14 days after a withdrawal notice
// (Directive 2011/83/EU art. 13(1)), counted in calendar days with Reg. 1182/71 art. 3(4), due at
// the end of the last day in the policy calendar's zone.
#include <doctest/doctest.h>

#include <string>

#include "domain/sla_legal.hpp"
#include "domain/time_zone.hpp"
#include "public_holidays_fixture.hpp"
#include "rma/sla.hpp"

using rma::ClockStatus;
using rma::Date;
using rma::SlaFacts;
using rma::Timestamp;
using rma::domain::TimeZone;

namespace {

Timestamp at(const char* iso) { return Timestamp::from_iso(iso); }
Date day(const char* iso) { return Date::from_iso(iso); }

const TimeZone& berlin() {
  static const TimeZone zone = TimeZone::parse("CET-1CEST,M3.5.0,M10.5.0/3", "time_zone");
  return zone;
}

// A desk in Berlin open Monday to Friday 09:00-17:00; resolution 80 business hours.
rma::SlaConfig berlin_office() {
  return rma::sla_config_from_json(R"({"calendars": {"office": {"time_zone": "CET-1CEST,M3.5.0,M10.5.0/3",
      "week": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"],
               "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}}},
    "policies": [{"name": "default", "targets": {"resolution": {"hours": 80}}}]})");
}

rma::SlaLegalDeadline refund(const char* notice, const char* country) {
  auto d = rma::domain::refund_deadline(at(notice), berlin(), country, test_holidays::holidays());
  REQUIRE(d.has_value());
  return *d;
}

ClockStatus refund_clock(const rma::SlaLegalDeadline& d, const char* now) {
  SlaFacts f;
  f.created_at = d.started_at;
  f.legal_deadlines.push_back(d);
  for (const ClockStatus& c : rma::compute_clocks(berlin_office(), f, at(now)))
    if (c.clock == "legal:refund") return c;
  FAIL("no legal:refund clock");
  return ClockStatus{};
}

}  // namespace

TEST_CASE("legal deadlines: local midnight in a zone, on both sides of the DST switches") {
  CHECK(rma::domain::local_day_start(berlin(), day("2026-03-29")).to_iso() == "2026-03-28T23:00:00Z");
  CHECK(rma::domain::local_day_start(berlin(), day("2026-03-30")).to_iso() == "2026-03-29T22:00:00Z");
  CHECK(rma::domain::local_day_start(berlin(), day("2026-10-25")).to_iso() == "2026-10-24T22:00:00Z");
  CHECK(rma::domain::local_day_start(berlin(), day("2026-10-26")).to_iso() == "2026-10-25T23:00:00Z");
  CHECK(rma::domain::local_day_start(TimeZone(), day("2026-01-01")).to_iso() == "2026-01-01T00:00:00Z");
}

TEST_CASE("refund deadline: 14 days from the local date of the notice, rolled") {
  // Notice on Friday 2026-03-06 (local): Friday 2026-03-20 stays.
  CHECK(refund("2026-03-06T10:00:00Z", "DE").last_day == day("2026-03-20"));
  // 23:30 UTC on 7 March is already Sunday 8 March in Berlin: the last day is Sunday 22 March, so Monday.
  CHECK(refund("2026-03-07T23:30:00Z", "DE").last_day == day("2026-03-23"));
  // Easter Monday in Poland: Tuesday.
  CHECK(refund("2026-03-23T08:00:00Z", "PL").last_day == day("2026-04-07"));
  // 1 January 2027 in Italy (Friday): Monday 4 January.
  CHECK(refund("2026-12-18T08:00:00Z", "IT").last_day == day("2027-01-04"));
  // No right of withdrawal, no refund deadline.
  CHECK_FALSE(rma::domain::refund_deadline(at("2026-03-06T10:00:00Z"), berlin(), "US", test_holidays::holidays()));
  rma::domain::PeriodEnd period;
  rma::domain::refund_deadline(at("2026-03-08T10:00:00Z"), berlin(), "DE", test_holidays::holidays(), &period);
  CHECK(rma::domain::describe_period("refund", period) ==
        "refund: 14 days from 2026-03-08 ends Sunday 2026-03-22, rolled to Monday 2026-03-23 by Reg. 1182/71 art. 3(4)");
}

TEST_CASE("refund clock: due when the rolled last day ends, breached from that instant") {
  // Notice 2026-03-15; the last day, Sunday 29 March (clocks go forward), rolls to Monday 30 March,
  // which ends at 2026-03-31T00:00 CEST = 2026-03-30T22:00Z.
  const rma::SlaLegalDeadline d = refund("2026-03-15T09:00:00Z", "DE");
  CHECK(d.clock == "legal:refund");
  CHECK(d.last_day == day("2026-03-30"));
  const ClockStatus before = refund_clock(d, "2026-03-30T21:59:59Z");
  CHECK(before.due_at.to_iso() == "2026-03-30T22:00:00Z");
  CHECK(before.started_at.to_iso() == "2026-03-15T09:00:00Z");
  CHECK_FALSE(before.breached);
  CHECK_FALSE(before.stopped);
  const ClockStatus due = refund_clock(d, "2026-03-30T22:00:00Z");
  CHECK(due.breached);
  CHECK(due.breached_at == at("2026-03-30T22:00:00Z"));
  // Across the autumn switch: the last day Sunday 25 October rolls to Monday 26, ending at 23:00Z.
  const rma::SlaLegalDeadline autumn = refund("2026-10-11T09:00:00Z", "DE");
  CHECK(autumn.last_day == day("2026-10-26"));
  CHECK_FALSE(refund_clock(autumn, "2026-10-26T22:59:59Z").breached);
  CHECK(refund_clock(autumn, "2026-10-26T23:00:00Z").breached);
}

TEST_CASE("refund clock: stops when met or when the case stops; not there before the notice") {
  rma::SlaLegalDeadline d = refund("2026-03-15T09:00:00Z", "DE");
  d.done_at = at("2026-03-20T12:00:00Z");
  const ClockStatus met = refund_clock(d, "2026-04-10T00:00:00Z");
  CHECK(met.stopped);
  CHECK(met.stopped_at == at("2026-03-20T12:00:00Z"));
  CHECK_FALSE(met.breached);
  // A case resolved (a state whose effect is stop) stops it too.
  d.done_at.reset();
  SlaFacts f;
  f.created_at = at("2026-03-14T09:00:00Z");  // the case is older than the notice here
  f.legal_deadlines.push_back(d);
  f.timeline.push_back({at("2026-03-18T10:00:00Z"), "resolved", rma::SlaEffect::stop});
  bool seen = false;
  for (const ClockStatus& c : rma::compute_clocks(berlin_office(), f, at("2026-04-10T00:00:00Z"))) {
    if (c.clock != "legal:refund") continue;
    seen = true;
    CHECK(c.stopped);
    CHECK(c.stopped_at == at("2026-03-18T10:00:00Z"));
    CHECK_FALSE(c.breached);
  }
  CHECK(seen);
  // Before the notice there is no clock.
  for (const ClockStatus& c : rma::compute_clocks(berlin_office(), f, at("2026-03-15T08:59:59Z")))
    CHECK(c.clock != "legal:refund");
}
