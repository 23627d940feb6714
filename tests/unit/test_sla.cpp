#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/sla_rules.hpp"
#include "rma/error.hpp"
#include "rma/sla.hpp"

using rma::ClockOutcome;
using rma::ClockStatus;
using rma::CompliancePeriod;
using rma::Date;
using rma::Error;
using rma::Priority;
using rma::SlaClockAction;
using rma::SlaConfig;
using rma::SlaEffect;
using rma::SlaFacts;
using rma::Status;
using rma::Timestamp;

namespace {

Timestamp at(const char* iso) { return Timestamp::from_iso(iso); }
std::string iso(Timestamp t) { return t.to_iso(); }

// 2026-11-23 is a Monday. The office calendar is open Monday to Friday 09:00-17:00 UTC.
constexpr const char* kOffice =
    R"({"time_zone": "UTC", "week": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"],
        "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}})";

// Policies: urgent gold cases, urgent cases, a product category, then the default.
SlaConfig config() {
  return rma::sla_config_from_json(std::string(R"({"calendars": {"office": )") + kOffice + R"(},
    "policies": [
      {"name": "gold_urgent", "when": {"priorities": ["urgent"], "customer_tiers": ["gold"]},
       "targets": {"resolution": {"hours": 2}}},
      {"name": "urgent", "when": {"priorities": ["urgent"]},
       "targets": {"first_response": {"minutes": 60}, "resolution": {"hours": 4}}},
      {"name": "appliances", "when": {"product_categories": ["appliances"], "kinds": ["repair"]},
       "targets": {"resolution": {"hours": 24}}, "warning_percent": 50},
      {"name": "standard", "calendar": "office",
       "targets": {"first_response": {"hours": 2}, "next_update": {"hours": 4}, "resolution": {"hours": 8}},
       "states": {"inspection": {"hours": 2}}}
    ]})");
}

SlaFacts facts_from(const char* created) {
  SlaFacts f;
  f.created_at = at(created);
  f.timeline.push_back({f.created_at, "new", SlaEffect::run});
  return f;
}

void enter(SlaFacts& f, const char* when, const char* state, SlaEffect effect) {
  f.timeline.push_back({at(when), state, effect});
}

const ClockStatus& clock(const std::vector<ClockStatus>& clocks, const std::string& name) {
  for (const ClockStatus& c : clocks)
    if (c.clock == name) return c;
  FAIL("no clock " << name);
  return clocks.front();
}

bool has_clock(const std::vector<ClockStatus>& clocks, const std::string& name) {
  for (const ClockStatus& c : clocks)
    if (c.clock == name) return true;
  return false;
}

ClockStatus resolution(const SlaConfig& c, const SlaFacts& f, const char* now) {
  return clock(rma::compute_clocks(c, f, at(now)), "resolution");
}

struct Failure {
  Status status = Status::ok;
  std::string field;
};

Failure failure(const std::string& json) {
  try {
    rma::sla_config_from_json(json);
  } catch (const Error& e) {
    return Failure{e.status(), e.field()};
  }
  return Failure{};
}

std::string with_policies(const std::string& policies) {
  return std::string(R"({"calendars": {"office": )") + kOffice + R"(}, "policies": )" + policies + "}";
}

constexpr const char* kDefault = R"({"name": "default", "targets": {"resolution": {"hours": 8}}})";

}  // namespace

TEST_CASE("sla config: the default works without configuration") {
  const SlaConfig& c = rma::default_sla_config();
  REQUIRE(c.policies.size() == 1);
  CHECK(c.policies[0].name == "default");
  CHECK(c.policies[0].targets.resolution == 80 * 3600);
  CHECK(c.policies[0].warning_percent == 80);
  // Monday 09:00 UTC + 80 business hours of Mon-Fri 09-17 = ten working days: Friday of next week, 17:00.
  const ClockStatus r = resolution(c, facts_from("2026-11-23T09:00:00Z"), "2026-11-23T09:00:00Z");
  CHECK(iso(r.due_at) == "2026-12-04T17:00:00Z");
}

TEST_CASE("sla config: JSON round trip and defaults of optional members") {
  const SlaConfig c = config();
  REQUIRE(c.policies.size() == 4);
  CHECK(c.policies[0].calendar == "office");  // the only calendar
  CHECK(c.policies[1].targets.first_response == 3600);
  CHECK(!c.policies[0].targets.first_response);
  CHECK(c.policies[2].warning_percent == 50);
  REQUIRE(c.policies[3].states.size() == 1);
  CHECK(c.policies[3].states[0].state == "inspection");
  CHECK(c.policies[3].states[0].seconds == 7200);
  const std::string text = rma::sla_config_to_json(c);
  CHECK(rma::sla_config_to_json(rma::sla_config_from_json(text)) == text);
  const std::string default_text = rma::sla_config_to_json(rma::default_sla_config());
  CHECK(rma::sla_config_to_json(rma::sla_config_from_json(default_text)) == default_text);
  // A duration in seconds survives as seconds, one in whole minutes as minutes.
  const SlaConfig odd = rma::sla_config_from_json(
      with_policies(R"([{"name": "d", "targets": {"resolution": {"hours": 1, "minutes": 1, "seconds": 1}, "next_update": {"minutes": 90}}}])"));
  CHECK(odd.policies[0].targets.resolution == 3661);
  CHECK(rma::sla_config_to_json(rma::sla_config_from_json(rma::sla_config_to_json(odd))) == rma::sla_config_to_json(odd));
  CHECK(rma::sla_config_to_json(odd).find(R"({"minutes":90})") != std::string::npos);
  // Without "calendars" the default office calendar is used.
  const SlaConfig no_calendars = rma::sla_config_from_json(R"({"policies": [)" + std::string(kDefault) + "]}");
  CHECK(no_calendars.calendars.size() == 1);
  CHECK(no_calendars.policies[0].calendar == "office");
}

TEST_CASE("sla config: errors name the JSON path") {
  Failure f = failure(with_policies(R"([{"name": "u", "when": {"priorities": ["urgent"]}, "targets": {"resolution": {"hours": 1}}}])"));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "policies[0].when");  // the last policy must be the default
  f = failure(with_policies(std::string("[") + kDefault + ", " + R"({"name": "x", "targets": {"resolution": {"hours": 1}}}])"));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "policies[0].when");  // a second unconditional policy could never apply
  f = failure(with_policies("[]"));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == "policies");
  f = failure(with_policies(R"([{"name": "d", "calendar": "shop", "targets": {"resolution": {"hours": 1}}}])"));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "policies[0].calendar");
  f = failure(with_policies(R"([{"name": "d", "targets": {"resolution": {}}}])"));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == "policies[0].targets.resolution");
  f = failure(with_policies(R"([{"name": "d", "targets": {"first_response": {"hours": 0}, "resolution": {"hours": 1}}}])"));
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "policies[0].targets.first_response");
  f = failure(with_policies(R"([{"name": "d", "targets": {"resolution": {"hours": -1}}}])"));
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "policies[0].targets.resolution.hours");
  f = failure(with_policies(R"([{"name": "d", "targets": {"resolution": {"days": 1}}}])"));
  CHECK(f.status == Status::unknown_value);  // an unknown key (days are not a fixed business duration)
  CHECK(f.field == "policies[0].targets.resolution.days");
  f = failure(with_policies(R"([{"name": "d", "targets": {"resolution": {"hours": 1}}, "states": {"In Spection": {"hours": 1}}}])"));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "policies[0].states");
  f = failure(with_policies(R"([{"name": "d", "when": {"kinds": ["refund"]}, "targets": {"resolution": {"hours": 1}}}, )" +
                            std::string(kDefault) + "]"));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "policies[0].when.kinds[0]");
  f = failure(with_policies(std::string("[") + R"({"name": "default", "when": {"channels": ["b2b"]}, "targets": {"resolution": {"hours": 1}}}, )" +
                            kDefault + "]"));
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "policies[1].name");
  f = failure(R"({"calendars": {"office": {"week": {"monday": ["09:00-08:00"]}}}, "policies": [)" + std::string(kDefault) + "]}");
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "calendars.office.week.monday[0]");
  f = failure(with_policies(R"([{"name": "d", "targets": {"resolution": {"hours": 100001}}}])"));
  CHECK(f.status == Status::out_of_range);
  CHECK(failure(with_policies(R"([{"name": "d", "targets": {"resolution": {"hours": 100000}}}])")).status == Status::ok);
}

TEST_CASE("sla config: warning_percent is 1..100") {
  const auto policy = [](int percent) {
    return with_policies(R"([{"name": "d", "targets": {"resolution": {"hours": 1}}, "warning_percent": )" +
                         std::to_string(percent) + "}]");
  };
  CHECK(failure(policy(0)).status == Status::out_of_range);
  CHECK(failure(policy(0)).field == "policies[0].warning_percent");
  CHECK(failure(policy(1)).status == Status::ok);
  CHECK(failure(policy(100)).status == Status::ok);
  CHECK(failure(policy(101)).status == Status::out_of_range);
}

TEST_CASE("sla policy: first match in order, then the default") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  CHECK(rma::select_policy(c, f).name == "standard");
  f.priority = Priority::urgent;
  CHECK(rma::select_policy(c, f).name == "urgent");
  f.customer_tier = "gold";
  CHECK(rma::select_policy(c, f).name == "gold_urgent");  // both match: the earlier wins
  f.customer_tier = "silver";
  CHECK(rma::select_policy(c, f).name == "urgent");
  f.priority = Priority::high;
  f.kind = rma::CaseKind::repair;
  f.product_categories = {"phones", "appliances"};  // any of the case's categories
  CHECK(rma::select_policy(c, f).name == "appliances");
  f.kind = rma::CaseKind::return_;  // every condition must hold
  CHECK(rma::select_policy(c, f).name == "standard");
}

TEST_CASE("sla clock: breached from due_at on, not one second before") {
  const SlaConfig c = config();
  const SlaFacts f = facts_from("2026-11-23T09:00:00Z");  // standard: resolution 8 h
  const ClockStatus before = resolution(c, f, "2026-11-23T16:59:59Z");
  CHECK(iso(before.due_at) == "2026-11-23T17:00:00Z");
  CHECK(!before.breached);
  CHECK(!before.breached_at);
  CHECK(before.remaining_business_seconds == 1);
  const ClockStatus due = resolution(c, f, "2026-11-23T17:00:00Z");
  CHECK(due.breached);
  REQUIRE(due.breached_at);
  CHECK(iso(*due.breached_at) == "2026-11-23T17:00:00Z");
  CHECK(due.remaining_business_seconds == 0);
  CHECK(due.percent_used == doctest::Approx(100.0));
  // Overdue: nothing more is used while closed; from Tuesday 09:00 it counts again.
  const ClockStatus overdue = resolution(c, f, "2026-11-24T10:00:00Z");
  CHECK(overdue.remaining_business_seconds == -3600);
  CHECK(iso(*overdue.breached_at) == "2026-11-23T17:00:00Z");
  CHECK(iso(overdue.due_at) == "2026-11-23T17:00:00Z");
}

TEST_CASE("sla clock: JSON form") {
  const ClockStatus r = resolution(config(), facts_from("2026-11-23T09:00:00Z"), "2026-11-23T17:00:00Z");
  const nlohmann::json j = rma::domain::clock_status_to_value(r);
  CHECK(j["clock"] == "resolution");
  CHECK(j["due_at"] == "2026-11-23T17:00:00Z");
  CHECK(j["breached_at"] == "2026-11-23T17:00:00Z");
  CHECK(j["stopped_at"].is_null());
  CHECK(j["remaining_business_seconds"] == 0);
  CHECK(j["breached"] == true);
}

TEST_CASE("sla clock: warning at exactly the warning percent") {
  const SlaConfig c = config();
  const SlaFacts f = facts_from("2026-11-23T09:00:00Z");  // standard: 8 h, warning at 80% = 6 h 24 min
  const ClockStatus before = resolution(c, f, "2026-11-23T15:23:59Z");
  CHECK(iso(before.warning_at) == "2026-11-23T15:24:00Z");
  CHECK(!before.warning);
  CHECK(before.percent_used < 80.0);
  const ClockStatus on = resolution(c, f, "2026-11-23T15:24:00Z");
  CHECK(on.warning);
  CHECK(on.percent_used == doctest::Approx(80.0));
  CHECK(iso(on.warning_at) == "2026-11-23T15:24:00Z");
  CHECK(!on.breached);

  // A threshold that is not a whole second rounds up: 80% of 61 s is 48.8 s, so 49 s.
  const SlaConfig small = rma::sla_config_from_json(with_policies(R"([{"name": "d", "targets": {"resolution": {"seconds": 61}}}])"));
  CHECK(!resolution(small, f, "2026-11-23T09:00:48Z").warning);
  CHECK(resolution(small, f, "2026-11-23T09:00:49Z").warning);
}

TEST_CASE("sla clock: a pause across a weekend costs no business time") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-27T09:00:00Z");  // Friday
  enter(f, "2026-11-27T13:00:00Z", "waiting_customer", SlaEffect::pause);
  enter(f, "2026-11-30T11:00:00Z", "in_progress", SlaEffect::run);  // Monday
  const ClockStatus r = resolution(c, f, "2026-11-30T12:00:00Z");
  CHECK(r.elapsed_business_seconds == 5 * 3600);  // Fri 09-13 and Mon 11-12
  CHECK(!r.paused);
  // 3 h left from Monday 12:00. Adding the pause as wall-clock time (70 h) would give a different
  // answer; counting only business time inside running intervals gives Monday 15:00.
  CHECK(iso(r.due_at) == "2026-11-30T15:00:00Z");
  CHECK(r.started_at == at("2026-11-27T09:00:00Z"));
}

TEST_CASE("sla clock: the worked example of docs/sla.md, a weekend inside a pause") {
  const SlaConfig c = rma::sla_config_from_json(with_policies(R"([{"name": "d", "targets": {"resolution": {"hours": 16}}}])"));
  SlaFacts f = facts_from("2026-11-27T09:00:00Z");  // Friday
  enter(f, "2026-11-27T13:00:00Z", "waiting_customer", SlaEffect::pause);
  enter(f, "2026-11-30T09:00:00Z", "in_progress", SlaEffect::run);
  const ClockStatus r = resolution(c, f, "2026-11-30T12:00:00Z");
  CHECK(r.elapsed_business_seconds == 7 * 3600);
  CHECK(iso(r.due_at) == "2026-12-01T13:00:00Z");  // not Thursday 13:00, as a 68 h wall-clock pause would say
}

TEST_CASE("sla clock: a pause inside business hours") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  enter(f, "2026-11-23T10:00:00Z", "waiting_supplier", SlaEffect::pause);
  enter(f, "2026-11-23T12:00:00Z", "in_progress", SlaEffect::run);
  const ClockStatus r = resolution(c, f, "2026-11-23T15:00:00Z");
  CHECK(r.elapsed_business_seconds == 4 * 3600);  // 09-10 and 12-15
  CHECK(iso(r.due_at) == "2026-11-24T11:00:00Z");  // 2 h left today, 2 h on Tuesday
  CHECK(iso(r.warning_at) == "2026-11-24T09:24:00Z");  // 6 h 24 min of running time
}

TEST_CASE("sla clock: pause, then resume the next day") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  enter(f, "2026-11-23T15:00:00Z", "waiting_customer", SlaEffect::pause);
  // While paused, due_at is where it would be if the clock resumed now.
  const ClockStatus paused = resolution(c, f, "2026-11-23T16:00:00Z");
  CHECK(paused.paused);
  CHECK(paused.elapsed_business_seconds == 6 * 3600);
  CHECK(iso(paused.due_at) == "2026-11-24T10:00:00Z");  // 1 h today from 16:00, 1 h on Tuesday
  enter(f, "2026-11-24T10:00:00Z", "in_progress", SlaEffect::run);
  CHECK(!resolution(c, f, "2026-11-24T11:59:59Z").breached);
  const ClockStatus r = resolution(c, f, "2026-11-24T12:00:00Z");
  CHECK(!r.paused);
  CHECK(r.breached);
  CHECK(iso(*r.breached_at) == "2026-11-24T12:00:00Z");
  CHECK(iso(r.due_at) == "2026-11-24T12:00:00Z");
}

TEST_CASE("sla clock: changing priority recomputes from the start, counting pauses") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  enter(f, "2026-11-23T10:00:00Z", "waiting_customer", SlaEffect::pause);
  enter(f, "2026-11-23T11:00:00Z", "in_progress", SlaEffect::run);
  ClockStatus r = resolution(c, f, "2026-11-23T14:30:00Z");
  CHECK(r.policy == "standard");
  CHECK(iso(r.due_at) == "2026-11-24T10:00:00Z");  // 8 h of running time, one hour paused
  CHECK(!r.breached);
  f.priority = Priority::urgent;  // the urgent policy: 4 h
  r = resolution(c, f, "2026-11-23T14:30:00Z");
  CHECK(r.policy == "urgent");
  CHECK(r.target_seconds == 4 * 3600);
  CHECK(r.breached);
  CHECK(iso(*r.breached_at) == "2026-11-23T14:00:00Z");  // 09-10 and 11-14
  f.priority = Priority::low;  // and back: the same answer as before
  CHECK(iso(resolution(c, f, "2026-11-23T14:30:00Z").due_at) == "2026-11-24T10:00:00Z");
}

TEST_CASE("sla clock: first response stops at the first staff reply") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");  // standard: first response 2 h
  ClockStatus r = clock(rma::compute_clocks(c, f, at("2026-11-23T11:00:00Z")), "first_response");
  CHECK(r.breached);
  CHECK(!r.stopped);
  f.staff_replies.push_back(at("2026-11-23T10:30:00Z"));
  f.staff_replies.push_back(at("2026-11-23T12:30:00Z"));
  r = clock(rma::compute_clocks(c, f, at("2026-11-23T15:00:00Z")), "first_response");
  CHECK(r.stopped);
  CHECK(!r.paused);
  CHECK(iso(*r.stopped_at) == "2026-11-23T10:30:00Z");
  CHECK(r.elapsed_business_seconds == 90 * 60);
  CHECK(!r.breached);
  CHECK(!r.warning);  // 90 of 120 minutes is 75%, under the 80% threshold
}

TEST_CASE("sla clock: next update runs from the first unanswered claimant message") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");  // standard: next update 4 h
  f.claimant_messages.push_back(at("2026-11-23T09:30:00Z"));  // before the first response
  CHECK(!has_clock(rma::compute_clocks(c, f, at("2026-11-23T12:00:00Z")), "next_update"));
  f.staff_replies.push_back(at("2026-11-23T10:00:00Z"));
  CHECK(!has_clock(rma::compute_clocks(c, f, at("2026-11-23T12:00:00Z")), "next_update"));
  f.claimant_messages.push_back(at("2026-11-23T14:00:00Z"));
  f.claimant_messages.push_back(at("2026-11-23T16:00:00Z"));  // a reminder does not restart it
  ClockStatus n = clock(rma::compute_clocks(c, f, at("2026-11-23T16:30:00Z")), "next_update");
  CHECK(n.started_at == at("2026-11-23T14:00:00Z"));
  CHECK(n.elapsed_business_seconds == 150 * 60);
  CHECK(iso(n.due_at) == "2026-11-24T10:00:00Z");
  CHECK(!n.stopped);
  CHECK(!clock(rma::compute_clocks(c, f, at("2026-11-24T09:59:59Z")), "next_update").breached);
  CHECK(clock(rma::compute_clocks(c, f, at("2026-11-24T10:00:00Z")), "next_update").breached);
  f.staff_replies.push_back(at("2026-11-24T09:30:00Z"));
  n = clock(rma::compute_clocks(c, f, at("2026-11-24T12:00:00Z")), "next_update");
  CHECK(n.stopped);
  CHECK(iso(*n.stopped_at) == "2026-11-24T09:30:00Z");
  CHECK(!n.breached);
  CHECK(n.elapsed_business_seconds == 210 * 60);
  // A new message starts a new cycle.
  f.claimant_messages.push_back(at("2026-11-24T11:00:00Z"));
  n = clock(rma::compute_clocks(c, f, at("2026-11-24T12:00:00Z")), "next_update");
  CHECK(n.started_at == at("2026-11-24T11:00:00Z"));
  CHECK(n.elapsed_business_seconds == 3600);
}

TEST_CASE("sla clock: time per state, the latest visit") {
  const SlaConfig c = config();  // standard: inspection 2 h
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  CHECK(!has_clock(rma::compute_clocks(c, f, at("2026-11-23T10:00:00Z")), "state:inspection"));
  enter(f, "2026-11-23T10:00:00Z", "inspection", SlaEffect::run);
  enter(f, "2026-11-23T13:00:00Z", "waiting_customer", SlaEffect::pause);
  ClockStatus s = clock(rma::compute_clocks(c, f, at("2026-11-23T15:00:00Z")), "state:inspection");
  CHECK(s.stopped);
  CHECK(s.elapsed_business_seconds == 3 * 3600);
  CHECK(s.breached);
  CHECK(iso(*s.breached_at) == "2026-11-23T12:00:00Z");
  enter(f, "2026-11-24T09:00:00Z", "inspection", SlaEffect::run);
  s = clock(rma::compute_clocks(c, f, at("2026-11-24T10:00:00Z")), "state:inspection");
  CHECK(!s.stopped);
  CHECK(s.started_at == at("2026-11-24T09:00:00Z"));
  CHECK(s.elapsed_business_seconds == 3600);
  CHECK(!s.breached);
}

TEST_CASE("sla clock: explicit controls start, pause and stop a clock") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  // The resolution clock starts only when the goods arrive. Before that control is known, the
  // clock runs from creation; once it is, recomputation counts from the start control.
  f.controls.push_back({at("2026-11-23T11:00:00Z"), "resolution", SlaClockAction::start});
  CHECK(resolution(c, f, "2026-11-23T10:00:00Z").started_at == at("2026-11-23T09:00:00Z"));
  ClockStatus r = resolution(c, f, "2026-11-23T12:00:00Z");
  CHECK(r.started_at == at("2026-11-23T11:00:00Z"));
  CHECK(r.elapsed_business_seconds == 3600);
  f.controls.push_back({at("2026-11-23T12:00:00Z"), "resolution", SlaClockAction::pause});
  f.controls.push_back({at("2026-11-23T14:00:00Z"), "resolution", SlaClockAction::start});
  r = resolution(c, f, "2026-11-23T15:00:00Z");
  CHECK(r.elapsed_business_seconds == 2 * 3600);
  f.controls.push_back({at("2026-11-23T16:00:00Z"), "resolution", SlaClockAction::stop});
  r = resolution(c, f, "2026-11-24T15:00:00Z");
  CHECK(r.stopped);
  CHECK(iso(*r.stopped_at) == "2026-11-23T16:00:00Z");
  CHECK(r.elapsed_business_seconds == 3 * 3600);
  // Controls of other clocks do not touch it; events after `now` are not seen yet.
  CHECK(!resolution(c, f, "2026-11-23T15:59:59Z").stopped);
}

TEST_CASE("sla clock: a stop state stops case clocks; reopening continues them") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  enter(f, "2026-11-23T12:00:00Z", "resolved", SlaEffect::stop);
  enter(f, "2026-11-23T13:00:00Z", "closed", SlaEffect::stop);
  ClockStatus r = resolution(c, f, "2026-11-24T12:00:00Z");
  CHECK(r.stopped);
  CHECK(iso(*r.stopped_at) == "2026-11-23T12:00:00Z");
  CHECK(r.elapsed_business_seconds == 3 * 3600);
  CHECK(!r.breached);
  CHECK(rma::expected_completion(c, f, at("2026-11-30T12:00:00Z")) == Date{2026, 11, 23});
  enter(f, "2026-11-24T09:00:00Z", "in_progress", SlaEffect::run);
  r = resolution(c, f, "2026-11-24T10:00:00Z");
  CHECK(!r.stopped);
  CHECK(r.elapsed_business_seconds == 4 * 3600);
  // resolved_at stops them too, for hosts without stop states.
  SlaFacts g = facts_from("2026-11-23T09:00:00Z");
  g.resolved_at = at("2026-11-23T10:00:00Z");
  r = resolution(c, g, "2026-11-23T12:00:00Z");
  CHECK(r.stopped);
  CHECK(r.elapsed_business_seconds == 3600);
  CHECK(clock(rma::compute_clocks(c, g, at("2026-11-23T12:00:00Z")), "first_response").stopped);
}

TEST_CASE("sla clock: actions' deadlines in wall-clock time") {
  const SlaConfig c = config();
  SlaFacts f = facts_from("2026-11-23T09:00:00Z");
  f.actions.push_back({7, at("2026-11-23T09:00:00Z"), at("2026-11-23T19:00:00Z"), std::nullopt});
  const auto action = [&](const char* now) { return clock(rma::compute_clocks(c, f, at(now)), "action:7"); };
  CHECK(iso(action("2026-11-23T10:00:00Z").warning_at) == "2026-11-23T17:00:00Z");  // 80% of 10 h
  CHECK(!action("2026-11-23T16:59:59Z").warning);
  CHECK(action("2026-11-23T17:00:00Z").warning);
  CHECK(!action("2026-11-23T18:59:59Z").breached);
  const ClockStatus due = action("2026-11-23T19:00:00Z");
  CHECK(due.breached);
  CHECK(due.target_seconds == 36000);
  CHECK(due.remaining_business_seconds == 0);
  f.actions[0].done_at = at("2026-11-23T18:00:00Z");
  const ClockStatus done = action("2026-11-24T09:00:00Z");
  CHECK(done.stopped);
  CHECK(!done.breached);
  CHECK(done.elapsed_business_seconds == 9 * 3600);
}

TEST_CASE("sla: expected completion is a local date of the calendar's zone") {
  // Tokyo (UTC+9) open 01:00-09:00 local, which is 16:00-24:00 UTC of the day before.
  const SlaConfig c = rma::sla_config_from_json(R"({"calendars": {"tokyo": {"time_zone": "JST-9",
      "week": {"monday": ["01:00-09:00"], "tuesday": ["01:00-09:00"]}}},
      "policies": [{"name": "d", "targets": {"resolution": {"hours": 1}}}]})");
  SlaFacts f = facts_from("2026-11-22T16:00:00Z");  // Monday 01:00 in Tokyo
  const ClockStatus r = resolution(c, f, "2026-11-22T16:00:00Z");
  CHECK(iso(r.due_at) == "2026-11-22T17:00:00Z");
  CHECK(rma::expected_completion(c, f, at("2026-11-22T16:00:00Z")) == Date{2026, 11, 23});
  // Nine hours later the target has passed: the date stays the crossing's.
  CHECK(rma::expected_completion(c, f, at("2026-11-23T01:00:00Z")) == Date{2026, 11, 23});
  // Paused Monday 01:30 local with 30 min left: promised from now; Tuesday once Monday is over.
  enter(f, "2026-11-22T16:30:00Z", "waiting_customer", SlaEffect::pause);
  CHECK(rma::expected_completion(c, f, at("2026-11-22T23:59:00Z")) == Date{2026, 11, 24});
}

TEST_CASE("sla compliance: met and breached per policy, team, clock and period") {
  const auto closed = [](const char* policy, const char* clock, const char* stopped, bool breached) {
    ClockStatus s;
    s.policy = policy;
    s.clock = clock;
    s.stopped = true;
    s.stopped_at = at(stopped);
    s.breached = breached;
    return s;
  };
  ClockStatus running;
  running.policy = "standard";
  running.clock = "resolution";
  running.breached = true;
  const std::vector<ClockOutcome> outcomes = {
      {"logistics", closed("standard", "resolution", "2026-11-23T10:00:00Z", false)},
      {"logistics", closed("standard", "resolution", "2026-11-29T23:00:00Z", true)},
      {"logistics", closed("standard", "resolution", "2026-11-30T10:00:00Z", false)},
      {"logistics", closed("standard", "action:4", "2026-11-24T10:00:00Z", true)},
      {"logistics", closed("standard", "action:5", "2026-11-24T10:00:00Z", false)},
      {"quality", closed("standard", "resolution", "2026-11-24T10:00:00Z", false)},
      {"logistics", running},
  };
  std::vector<rma::ComplianceRow> rows = rma::compliance(outcomes, CompliancePeriod::week);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].team == "logistics");
  CHECK(rows[0].clock == "action");
  CHECK(rows[0].met == 1);
  CHECK(rows[0].breached == 1);
  CHECK(rows[0].percent_met == doctest::Approx(50.0));
  CHECK(rows[1].clock == "resolution");
  CHECK(rows[1].period == "2026-W48");
  CHECK(rows[1].met == 1);
  CHECK(rows[1].breached == 1);
  CHECK(rows[2].period == "2026-W49");
  CHECK(rows[2].met == 1);
  CHECK(rows[2].percent_met == doctest::Approx(100.0));
  CHECK(rows[3].team == "quality");
  // Sunday 23:00 UTC is Monday in Berlin: the breach moves to the next week.
  rows = rma::compliance(outcomes, CompliancePeriod::week, "CET-1CEST,M3.5.0,M10.5.0/3");
  CHECK(rows[1].period == "2026-W48");
  CHECK(rows[1].breached == 0);
  CHECK(rows[2].breached == 1);
  rows = rma::compliance(outcomes, CompliancePeriod::month);
  CHECK(rows[1].period == "2026-11");
  CHECK(rows[1].met == 2);
  rows = rma::compliance({{"t", closed("p", "resolution", "2027-01-01T12:00:00Z", false)}}, CompliancePeriod::week);
  CHECK(rows[0].period == "2026-W53");  // Friday 2027-01-01 belongs to 2026's last ISO week
  rows = rma::compliance({{"t", closed("p", "resolution", "2027-01-01T12:00:00Z", false)}}, CompliancePeriod::day);
  CHECK(rows[0].period == "2027-01-01");
}
