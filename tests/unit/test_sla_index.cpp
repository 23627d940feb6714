#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "index/sla_index.hpp"
#include "rma/sla.hpp"

using rma::ClockStatus;
using rma::Timestamp;
using rma::index::SlaCrossing;
using rma::index::SlaCrossingKind;
using rma::index::SlaIndex;

namespace {

Timestamp at(const char* iso) { return Timestamp::from_iso(iso); }

// A running clock started at 08:00, warning at `warning`, due at `due`.
ClockStatus running(const std::string& clock, const char* warning, const char* due, std::int64_t target = 7200) {
  ClockStatus s;
  s.clock = clock;
  s.policy = "standard";
  s.target_seconds = target;
  s.started_at = at("2026-11-23T08:00:00Z");
  s.warning_at = at(warning);
  s.due_at = at(due);
  return s;
}

std::vector<std::string> kinds(const std::vector<SlaCrossing>& crossings) {
  std::vector<std::string> out;
  for (const SlaCrossing& c : crossings)
    out.push_back(std::to_string(c.case_id) + " " + c.clock + " " + rma::index::sla_crossing_kind_name(c.kind));
  return out;
}

std::vector<std::int64_t> cases(const std::vector<rma::index::SlaDue>& list) {
  std::vector<std::int64_t> out;
  for (const auto& d : list) out.push_back(d.case_id);
  return out;
}

using Names = std::vector<std::string>;
using Ids = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("sla index: tick reports each crossing exactly once") {
  SlaIndex index;
  index.upsert_case(1, {running("resolution", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")});
  CHECK(index.tick(at("2026-11-23T08:59:59Z")).empty());
  const std::vector<SlaCrossing> warning = index.tick(at("2026-11-23T09:00:00Z"));
  REQUIRE(warning.size() == 1);
  CHECK(warning[0].kind == SlaCrossingKind::warning);
  CHECK(warning[0].at == at("2026-11-23T09:00:00Z"));
  CHECK(warning[0].policy == "standard");
  CHECK(warning[0].started_at == at("2026-11-23T08:00:00Z"));
  CHECK(warning[0].target_seconds == 7200);
  CHECK(index.tick(at("2026-11-23T09:00:00Z")).empty());
  CHECK(index.tick(at("2026-11-23T09:59:59Z")).empty());
  CHECK(kinds(index.tick(at("2026-11-23T10:00:00Z"))) == Names{"1 resolution breached"});
  CHECK(index.tick(at("2026-11-23T10:00:00Z")).empty());
  CHECK(index.tick(at("2026-11-24T10:00:00Z")).empty());
  CHECK(index.reported(1, "resolution", SlaCrossingKind::breached));
  // Recomputing the same clock keeps the marks.
  index.upsert_case(1, {running("resolution", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")});
  CHECK(index.tick(at("2026-11-24T10:00:00Z")).empty());
}

TEST_CASE("sla index: one late tick reports all crossings in time order") {
  SlaIndex index;
  index.upsert_case(1, {running("resolution", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")});
  index.upsert_case(2, {running("resolution", "2026-11-23T09:30:00Z", "2026-11-23T09:45:00Z"),
                        running("first_response", "2026-11-23T12:00:00Z", "2026-11-23T13:00:00Z")});
  CHECK(kinds(index.tick(at("2026-11-23T11:00:00Z"))) ==
        Names{"1 resolution warning", "2 resolution warning", "2 resolution breached", "1 resolution breached"});
  CHECK(kinds(index.tick(at("2026-11-23T13:00:00Z"))) ==
        Names{"2 first_response warning", "2 first_response breached"});
}

TEST_CASE("sla index: a new target or a new cycle is reported again") {
  SlaIndex index;
  index.upsert_case(1, {running("resolution", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")});
  CHECK(index.tick(at("2026-11-23T10:00:00Z")).size() == 2);
  // Priority raised: a shorter target, already crossed.
  index.upsert_case(1, {running("resolution", "2026-11-23T08:48:00Z", "2026-11-23T09:00:00Z", 3600)});
  CHECK(kinds(index.tick(at("2026-11-23T10:00:00Z"))) == Names{"1 resolution warning", "1 resolution breached"});
  // A next-update cycle that starts later.
  ClockStatus next = running("next_update", "2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z");
  index.upsert_case(1, {next});
  CHECK(!index.find(1, "resolution"));  // no longer listed: dropped
  CHECK(index.tick(at("2026-11-23T12:00:00Z")).size() == 2);
  next.started_at = at("2026-11-23T13:00:00Z");
  next.warning_at = at("2026-11-23T14:00:00Z");
  next.due_at = at("2026-11-23T15:00:00Z");
  index.upsert_case(1, {next});
  CHECK(index.tick(at("2026-11-23T13:59:59Z")).empty());
  CHECK(kinds(index.tick(at("2026-11-23T15:00:00Z"))) == Names{"1 next_update warning", "1 next_update breached"});
}

TEST_CASE("sla index: marks restored from recorded events are not reported again") {
  SlaIndex index;  // a restarted engine: clocks loaded, then its sla.* events replayed
  index.upsert_case(1, {running("resolution", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")});
  index.upsert_case(2, {running("resolution", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")});
  CHECK(index.restore_reported(1, "resolution", at("2026-11-23T08:00:00Z"), 7200, SlaCrossingKind::warning));
  CHECK(index.restore_reported(1, "resolution", at("2026-11-23T08:00:00Z"), 7200, SlaCrossingKind::breached));
  // An event of an older cycle or target changes nothing.
  CHECK(!index.restore_reported(2, "resolution", at("2026-11-23T07:00:00Z"), 7200, SlaCrossingKind::warning));
  CHECK(!index.restore_reported(2, "resolution", at("2026-11-23T08:00:00Z"), 3600, SlaCrossingKind::warning));
  CHECK(!index.restore_reported(3, "resolution", at("2026-11-23T08:00:00Z"), 7200, SlaCrossingKind::warning));
  CHECK(!index.restore_reported(2, "no_such_clock", at("2026-11-23T08:00:00Z"), 7200, SlaCrossingKind::warning));
  CHECK(kinds(index.tick(at("2026-11-23T12:00:00Z"))) == Names{"2 resolution warning", "2 resolution breached"});
  CHECK(index.tick(at("2026-11-23T12:00:00Z")).empty());
}

TEST_CASE("sla index: paused clocks are not in the due order unless they already breached") {
  SlaIndex index;
  ClockStatus paused = running("resolution", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z");
  paused.paused = true;
  index.upsert_case(1, {paused});
  CHECK(index.size() == 1);
  CHECK(index.tick(at("2026-11-24T12:00:00Z")).empty());  // its projection moves while it is paused
  CHECK(index.due_within(at("2026-11-23T08:00:00Z"), 86400, 10).empty());
  CHECK(index.overdue(at("2026-11-24T12:00:00Z"), 10).empty());
  // Breached before it was paused: still overdue, and the breach is reported.
  paused.warning = paused.breached = true;
  paused.breached_at = paused.due_at;
  index.upsert_case(1, {paused});
  CHECK(cases(index.overdue(at("2026-11-24T12:00:00Z"), 10)) == Ids{1});
  CHECK(index.overdue(at("2026-11-24T12:00:00Z"), 10)[0].paused);
  CHECK(kinds(index.tick(at("2026-11-24T12:00:00Z"))) == Names{"1 resolution warning", "1 resolution breached"});
}

TEST_CASE("sla index: a stopped clock stays only until its crossings are reported") {
  SlaIndex index;
  ClockStatus met = running("first_response", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z");
  met.stopped = true;
  met.stopped_at = at("2026-11-23T08:30:00Z");
  index.upsert_case(1, {met});
  CHECK(index.size() == 0);
  ClockStatus late = met;
  late.stopped_at = at("2026-11-23T10:30:00Z");
  late.warning = late.breached = true;
  late.breached_at = late.due_at;
  index.upsert_case(1, {late});
  CHECK(index.size() == 1);
  CHECK(index.overdue(at("2026-11-23T11:00:00Z"), 10).empty());  // not open
  CHECK(kinds(index.tick(at("2026-11-23T11:00:00Z"))) == Names{"1 first_response warning", "1 first_response breached"});
  CHECK(index.size() == 0);
  index.upsert_case(2, {late});
  CHECK(index.restore_reported(2, "first_response", late.started_at, late.target_seconds, SlaCrossingKind::warning));
  CHECK(index.size() == 1);  // the breach is still to report
  CHECK(index.restore_reported(2, "first_response", late.started_at, late.target_seconds, SlaCrossingKind::breached));
  CHECK(index.size() == 0);
}

TEST_CASE("sla index: due_within is (now, now + horizon], overdue is up to now, both by due time") {
  SlaIndex index;
  index.upsert_case(1, {running("resolution", "2026-11-23T08:30:00Z", "2026-11-23T12:00:00Z")});   // = now
  index.upsert_case(2, {running("resolution", "2026-11-23T08:30:00Z", "2026-11-23T12:00:01Z")});   // just after
  index.upsert_case(3, {running("resolution", "2026-11-23T08:30:00Z", "2026-11-24T12:00:00Z")});   // now + 24 h
  index.upsert_case(4, {running("resolution", "2026-11-23T08:30:00Z", "2026-11-24T12:00:01Z")});   // one second more
  index.upsert_case(5, {running("resolution", "2026-11-23T08:30:00Z", "2026-11-23T09:00:00Z")});   // long overdue
  index.upsert_case(6, {running("resolution", "2026-11-23T08:30:00Z", "2026-11-23T18:00:00Z")});
  const Timestamp now = at("2026-11-23T12:00:00Z");
  CHECK(cases(index.due_within(now, 86400, 100)) == Ids{2, 6, 3});
  CHECK(cases(index.due_within(now, 86400, 2)) == Ids{2, 6});
  CHECK(cases(index.due_within(now, 0, 100)).empty());
  CHECK(cases(index.overdue(now, 100)) == Ids{5, 1});
  CHECK(cases(index.overdue(now, 1)) == Ids{5});
  CHECK(cases(index.overdue(at("2026-11-23T11:59:59Z"), 100)) == Ids{5});
  CHECK(cases(index.due_within(now, 1000LL * 365 * 86400 * 1000, 100)) == Ids{2, 6, 3, 4});  // a huge horizon
  const auto first = index.due_within(now, 86400, 1);
  CHECK(first[0].clock == "resolution");
  CHECK(first[0].due_at == at("2026-11-23T12:00:01Z"));
  index.remove_case(2);
  CHECK(cases(index.due_within(now, 86400, 100)) == Ids{6, 3});
  CHECK(index.size() == 5);
}

TEST_CASE("sla index: fed by compute_clocks") {
  const rma::SlaConfig& config = rma::default_sla_config();  // Mon-Fri 09-17 UTC, resolution 80 h
  rma::SlaFacts facts;
  facts.created_at = at("2026-11-23T09:00:00Z");
  SlaIndex index;
  index.upsert_case(7, rma::compute_clocks(config, facts, at("2026-11-23T09:00:00Z")));
  REQUIRE(index.find(7, "first_response"));
  CHECK(index.find(7, "first_response")->due_at == at("2026-11-23T17:00:00Z"));
  CHECK(kinds(index.tick(at("2026-11-23T17:00:00Z"))) ==
        Names{"7 first_response warning", "7 first_response breached"});
  facts.staff_replies.push_back(at("2026-11-23T17:30:00Z"));
  index.upsert_case(7, rma::compute_clocks(config, facts, at("2026-11-23T17:30:00Z")));
  CHECK(!index.find(7, "first_response"));  // stopped and reported: gone
  CHECK(index.find(7, "resolution"));
  CHECK(index.tick(at("2026-11-24T09:00:00Z")).empty());
}
