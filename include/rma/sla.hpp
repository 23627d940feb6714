// rma/sla.hpp — service-level clocks: which policy a case falls under, and for each of its
// clocks (first response, next update, resolution, time per state, actions' deadlines) when it
// started, when it is due, how much business time it has used and whether it warned or breached
// (docs/sla.md).
//
// Everything here is a pure function of an SlaFacts value and `now`: the engine gathers the facts
// from the case and its history, and recomputing from the start is how a change of priority or
// policy reaches clocks that are already running. Pauses are never stored as durations; they are
// the intervals in which a clock did not run, and only business time inside running intervals
// counts.
//
// Values only; SlaConfig is immutable once validated and safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/calendar.hpp"
#include "rma/case.hpp"
#include "rma/time.hpp"
#include "rma/workflow.hpp"

namespace rma {

// ---- Configuration ------------------------------------------------------------------------

// Which cases a policy applies to. Each list restricts one attribute; an empty list matches any
// value. product_categories matches when any of the case's product categories is listed.
struct SlaConditions {
  std::vector<Priority> priorities;
  std::vector<std::string> customer_tiers;
  std::vector<std::string> contracts;
  std::vector<CaseKind> kinds;
  std::vector<Channel> channels;
  std::vector<std::string> product_categories;
};

// Time allowed in one workflow state, in business seconds of the policy's calendar.
struct SlaStateTarget {
  std::string state;  // a workflow state name
  std::int64_t seconds = 0;
};

// Targets in business seconds of the policy's calendar. A clock without a target does not exist
// for cases under the policy; resolution is required.
struct SlaTargets {
  std::optional<std::int64_t> first_response;
  std::optional<std::int64_t> next_update;
  std::int64_t resolution = 0;
};

struct SlaPolicy {
  std::string name;  // unique in its configuration
  SlaConditions when;
  std::string calendar;  // a name in SlaConfig::calendars
  SlaTargets targets;
  std::vector<SlaStateTarget> states;
  std::int32_t warning_percent = 80;  // 1..100: a clock warns when it has used this share
};

// A calendar's open hours as a table of UTC intervals with running totals, built a decade at a
// time on first use, so that due times cost two binary searches (src/domain/sla_timeline.hpp).
class SlaTimeline;

struct SlaCalendar {
  SlaCalendar(std::string name, BusinessCalendar calendar);

  std::string name;
  BusinessCalendar calendar;
  // Made from `calendar` by the constructor and shared by copies; assign a new SlaCalendar rather
  // than a new `calendar` alone.
  std::shared_ptr<const SlaTimeline> timeline;
};

// Policies are tried in order; the last one has no conditions and catches every other case.
struct SlaConfig {
  std::vector<SlaCalendar> calendars;
  std::vector<SlaPolicy> policies;
};

// Reads and validates the document of docs/sla.md. Throws Error naming the JSON path of the bad
// member ("policies[2].targets.resolution", "calendars.office.week.monday[0]").
SlaConfig sla_config_from_json(std::string_view text);
std::string sla_config_to_json(const SlaConfig& config);
// The same checks on a configuration built in C++ (paths as in the JSON document).
void validate_sla_config(const SlaConfig& config);

// Works without configuration: one calendar "office", Monday to Friday 09:00–17:00 UTC, and one
// policy "default": first response 8 business hours, next update 16, resolution 80 (ten days).
const SlaConfig& default_sla_config();

// ---- What the engine knows about a case -------------------------------------------------------

// The case entered `state` at `at`; its clocks do what the state's SLA effect says from then on.
struct SlaStateChange {
  Timestamp at;
  std::string state;
  SlaEffect effect = SlaEffect::run;
};

enum class SlaClockAction { start, pause, stop };
const char* sla_clock_action_name(SlaClockAction v) noexcept;  // "start", "pause", "stop"
std::optional<SlaClockAction> sla_clock_action_from_name(std::string_view name) noexcept;

// A workflow effect that started, paused or stopped one named clock ("resolution", "state:x").
struct SlaClockControl {
  Timestamp at;
  std::string clock;
  SlaClockAction action = SlaClockAction::start;
};

// An action (task) with a deadline, watched in wall-clock time.
struct SlaActionFact {
  std::int64_t id = 0;
  Timestamp created_at;
  Timestamp due_at;
  std::optional<Timestamp> done_at;
};

// A deadline the law sets the seller in calendar days, such as the refund due 14 days after a
// consumer withdraws (Directive 2011/83/EU art. 13(1)). `last_day` is a local date of the policy
// calendar's zone, already moved off a weekend or public holiday (Reg. 1182/71 art. 3(4)); the clock
// is due when that day ends, whatever the calendar's open hours (docs/sla.md, "Legal deadlines").
struct SlaLegalDeadline {
  std::string clock;  // "legal:refund"
  Timestamp started_at;
  Date last_day;
  std::optional<Timestamp> done_at;  // met: the clock stops
};

struct SlaFacts {
  Priority priority = Priority::normal;
  std::string customer_tier;
  std::string contract;
  CaseKind kind = CaseKind::return_;
  Channel channel = Channel::b2c;
  std::vector<std::string> product_categories;

  Timestamp created_at;
  std::vector<SlaStateChange> timeline;    // from creation on, in time order
  std::vector<SlaClockControl> controls;   // in time order
  std::vector<Timestamp> claimant_messages;  // external notes by the customer or supplier
  std::vector<Timestamp> staff_replies;      // external notes by staff
  std::vector<SlaActionFact> actions;
  std::vector<SlaLegalDeadline> legal_deadlines;
  std::optional<Timestamp> resolved_at;    // set while the case is resolved; cleared on reopening
};

// ---- Clocks -------------------------------------------------------------------------------

// One clock of a case as it stands at `now`. Durations are business seconds of the policy's
// calendar (wall-clock seconds for action clocks).
//
// due_at is the instant the target is (or was) reached: the actual crossing once breached;
// otherwise projected as if the clock ran from now on without further pause — for a paused clock
// that means "if it resumed now", for a stopped one "had it kept running when it stopped".
// warning_at likewise for the warning threshold. A clock is breached from due_at on: at due_at
// itself it is breached, one second earlier it is not.
struct ClockStatus {
  std::string clock;   // "first_response", "next_update", "resolution", "state:<name>", "action:<id>", "legal:<name>"
  std::string policy;
  std::int64_t target_seconds = 0;
  std::int32_t warning_percent = 80;
  Timestamp started_at;
  Timestamp due_at;
  Timestamp warning_at;
  std::int64_t elapsed_business_seconds = 0;
  std::int64_t remaining_business_seconds = 0;  // target - elapsed; negative once overdue
  bool paused = false;
  bool stopped = false;
  std::optional<Timestamp> stopped_at;
  double percent_used = 0;  // elapsed / target, in percent; may exceed 100
  bool warning = false;     // elapsed reached the warning threshold
  bool breached = false;
  std::optional<Timestamp> breached_at;
};

// The first policy whose conditions all hold (the last one, the default, always does).
const SlaPolicy& select_policy(const SlaConfig& config, const SlaFacts& facts);

// Every clock of the case at `now`: resolution, then first_response and next_update when the
// policy sets them and they have started, then each per-state clock of a state the case has
// entered, then each action (a done one stopped), then each legal deadline that has started.
// Events in `facts` after `now` are ignored.
std::vector<ClockStatus> compute_clocks(const SlaConfig& config, const SlaFacts& facts, Timestamp now);

// The date to promise the customer: the resolution clock's due_at (or the instant it stopped) as
// a local date of the policy calendar's zone.
Date expected_completion(const SlaConfig& config, const SlaFacts& facts, Timestamp now);

// ---- Compliance ---------------------------------------------------------------------------

enum class CompliancePeriod { day, week, month };

// A finished clock and who owned the case.
struct ClockOutcome {
  std::string team;
  ClockStatus clock;
};

// Counts per policy, team, clock kind and period. Action clocks count as the clock "action".
struct ComplianceRow {
  std::string policy;
  std::string team;
  std::string clock;
  std::string period;  // "2026-11-25", "2026-W48" (ISO week) or "2026-11"
  std::int64_t met = 0;
  std::int64_t breached = 0;
  double percent_met = 0;  // met / (met + breached), in percent
};

// Aggregates stopped clocks by the local date (in `time_zone`) they stopped on; clocks still
// running are skipped. Rows are sorted by policy, team, clock, period.
std::vector<ComplianceRow> compliance(const std::vector<ClockOutcome>& outcomes, CompliancePeriod period,
                                      std::string_view time_zone = "UTC");

// ---- What the engine answers ----------------------------------------------------------------

// The SLA of one case now: its policy, its clocks and the date to promise the customer.
struct CaseSla {
  std::string policy;
  std::vector<ClockStatus> clocks;
  Date expected_completion;
};

// A warning or breach recorded by Engine::tick, as event "sla.warning" / "sla.breached".
struct SlaEvent {
  std::int64_t case_id = 0;
  std::string case_number;
  std::string clock;
  std::string kind;  // "warning" or "breached"
  Timestamp at;      // when the clock crossed the threshold
  std::string policy;
  Timestamp started_at;
  std::int64_t target_seconds = 0;
};

// An open clock as the due-time queries list it.
struct SlaDueItem {
  std::int64_t case_id = 0;
  std::string case_number;
  std::string clock;
  std::string policy;
  Timestamp due_at;
  Timestamp warning_at;
  bool paused = false;
  std::string assignee;
  std::string team;
};

}  // namespace rma
