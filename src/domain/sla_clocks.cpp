// SLA clocks from a case's facts: running intervals, business time, crossings and projections.
//
// A clock runs in the intersection of three sets of intervals: its own window (from its start to
// the reply or state change that ends it), the time the case spent in states whose SLA effect is
// `run` (case clocks only), and the time its explicit controls left it open. Business time is
// summed interval by interval, so a pause never adds wall-clock time: a weekend inside a pause
// costs nothing, and neither does one outside it unless the calendar is open then.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "domain/sla_legal.hpp"
#include "domain/sla_rules.hpp"
#include "domain/time_zone.hpp"
#include "rma/error.hpp"
#include "rma/sla.hpp"

namespace rma {

namespace {

constexpr std::int64_t kMicros = 1000000;
constexpr Timestamp kNever{std::numeric_limits<std::int64_t>::max()};
constexpr Timestamp kAlways{std::numeric_limits<std::int64_t>::min()};

struct Interval {
  Timestamp from;  // inclusive
  Timestamp to;    // exclusive
};
using Intervals = std::vector<Interval>;

Intervals intersect(const Intervals& a, const Intervals& b) {
  Intervals out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const Timestamp from = std::max(a[i].from, b[j].from);
    const Timestamp to = std::min(a[i].to, b[j].to);
    if (from < to) out.push_back({from, to});
    if (a[i].to < b[j].to) ++i; else ++j;
  }
  return out;
}

// Appends [from, to), merging with the previous interval when they touch.
void append(Intervals& list, Timestamp from, Timestamp to) {
  if (!(from < to)) return;
  if (!list.empty() && list.back().to == from) {
    list.back().to = to;
  } else {
    list.push_back({from, to});
  }
}

// What the case-wide conditions (states, resolution) say about case clocks.
struct CaseGate {
  Intervals running;               // where the current state's effect is run
  std::optional<Timestamp> stop;   // when the present stop began, if the case is stopped now
  bool paused = false;             // the current state pauses
};

CaseGate case_gate(const SlaFacts& facts, Timestamp now) {
  std::vector<SlaStateChange> timeline;
  for (const SlaStateChange& change : facts.timeline)
    if (change.at <= now) timeline.push_back(change);
  std::stable_sort(timeline.begin(), timeline.end(),
                   [](const SlaStateChange& a, const SlaStateChange& b) { return a.at < b.at; });
  CaseGate gate;
  // Before the first recorded state the case is in its initial state, which runs.
  Timestamp segment_start = kAlways;
  SlaEffect effect = SlaEffect::run;
  std::optional<Timestamp> stop_since;
  for (const SlaStateChange& change : timeline) {
    if (effect == SlaEffect::run) append(gate.running, segment_start, change.at);
    if (change.effect == SlaEffect::stop && effect != SlaEffect::stop) stop_since = change.at;
    if (change.effect != SlaEffect::stop) stop_since.reset();
    segment_start = change.at;
    effect = change.effect;
  }
  if (effect == SlaEffect::run) append(gate.running, segment_start, kNever);
  gate.paused = effect == SlaEffect::pause;
  gate.stop = stop_since;
  if (facts.resolved_at && *facts.resolved_at <= now) {
    gate.running = intersect(gate.running, Intervals{{kAlways, *facts.resolved_at}});
    gate.stop = gate.stop ? std::min(*gate.stop, *facts.resolved_at) : *facts.resolved_at;
  }
  return gate;
}

// What a clock's explicit controls say: open intervals, whether it has started, its state now.
struct ControlGate {
  Intervals open;
  std::optional<Timestamp> started;  // unset: a start control is awaited
  bool paused = false;
  std::optional<Timestamp> stop;
};

ControlGate control_gate(const SlaFacts& facts, const std::string& clock, Timestamp now) {
  std::vector<SlaClockControl> controls;
  for (const SlaClockControl& c : facts.controls)
    if (c.clock == clock && c.at <= now) controls.push_back(c);
  std::stable_sort(controls.begin(), controls.end(),
                   [](const SlaClockControl& a, const SlaClockControl& b) { return a.at < b.at; });
  ControlGate gate;
  // A clock whose first control is a start waits for it; otherwise it is open from the beginning.
  const bool waits = !controls.empty() && controls.front().action == SlaClockAction::start;
  bool open = !waits;
  if (open) gate.started = kAlways;
  Timestamp segment_start = kAlways;
  for (const SlaClockControl& c : controls) {
    const bool now_open = c.action == SlaClockAction::start;
    if (open && !now_open) append(gate.open, segment_start, c.at);
    if (!open && now_open) segment_start = c.at;
    if (now_open && !gate.started) gate.started = c.at;
    open = now_open;
  }
  if (open) append(gate.open, segment_start, kNever);
  if (!controls.empty()) {
    const SlaClockControl& last = controls.back();
    gate.paused = last.action == SlaClockAction::pause;
    if (last.action == SlaClockAction::stop) gate.stop = last.at;
  }
  return gate;
}

// Everything compute needs to know about one business-time clock.
struct ClockRun {
  std::string clock;
  Timestamp started_at;
  Intervals running;  // clipped to now
  bool paused = false;
  std::optional<Timestamp> stopped_at;
};

std::int64_t warning_threshold(std::int64_t target, std::int32_t percent) {
  return (target * percent + 99) / 100;  // rounded up, so "warning" always means "used >= percent"
}

ClockStatus measure(const SlaTimeline& calendar, const SlaPolicy& policy, const ClockRun& run,
                    std::int64_t target, Timestamp now) {
  ClockStatus s;
  s.clock = run.clock;
  s.policy = policy.name;
  s.target_seconds = target;
  s.warning_percent = policy.warning_percent;
  s.started_at = run.started_at;
  s.stopped = run.stopped_at.has_value();
  s.stopped_at = run.stopped_at;
  s.paused = !s.stopped && run.paused;
  const std::int64_t warn = warning_threshold(target, policy.warning_percent);
  std::int64_t used = 0;
  std::optional<Timestamp> warning_at;
  std::optional<Timestamp> due_at;
  for (const Interval& i : run.running) {
    const std::int64_t here = calendar.business_seconds_between(i.from, i.to);
    if (!warning_at && used + here >= warn) warning_at = calendar.add_business(i.from, warn - used);
    if (!due_at && used + here >= target) due_at = calendar.add_business(i.from, target - used);
    used += here;
  }
  // Projections resume where the clock would run next: inside the running interval that reaches
  // now (counting from its start keeps them exact), else from now or from the stop.
  Timestamp resume = s.stopped ? *run.stopped_at : now;
  std::int64_t used_at_resume = used;
  if (!s.stopped && !s.paused && !run.running.empty() && run.running.back().to == now) {
    resume = run.running.back().from;
    used_at_resume = used - calendar.business_seconds_between(resume, now);
  }
  if (!warning_at) warning_at = calendar.add_business(resume, warn - used_at_resume);
  if (!due_at) due_at = calendar.add_business(resume, target - used_at_resume);
  s.elapsed_business_seconds = used;
  s.remaining_business_seconds = target - used;
  s.percent_used = 100.0 * static_cast<double>(used) / static_cast<double>(target);
  s.warning = used >= warn;
  s.breached = used >= target;
  if (s.breached) s.breached_at = due_at;
  s.warning_at = *warning_at;
  s.due_at = *due_at;
  return s;
}

// A case clock (first response, next update, resolution) over the window [from, until).
std::optional<ClockRun> case_clock(const SlaFacts& facts, const CaseGate& case_gate, const std::string& clock,
                                   Timestamp from, std::optional<Timestamp> until, Timestamp now) {
  const ControlGate controls = control_gate(facts, clock, now);
  if (!controls.started) return std::nullopt;
  ClockRun run;
  run.clock = clock;
  run.started_at = std::max(from, *controls.started);
  const Timestamp end = until ? std::min(*until, now) : now;
  run.running = intersect(intersect(Intervals{{from, end}}, case_gate.running), controls.open);
  std::optional<Timestamp> stop = controls.stop;
  for (const auto& candidate : {until, case_gate.stop})
    if (candidate && *candidate <= now) stop = stop ? std::min(*stop, *candidate) : *candidate;
  if (stop) run.stopped_at = std::max(*stop, run.started_at);
  run.paused = case_gate.paused || controls.paused;
  return run;
}

std::vector<Timestamp> sorted_until(const std::vector<Timestamp>& list, Timestamp now) {
  std::vector<Timestamp> out;
  for (Timestamp t : list)
    if (t <= now) out.push_back(t);
  std::sort(out.begin(), out.end());
  return out;
}

// The latest next-update cycle: from the first claimant message after a staff reply (the first
// reply is the first response, so messages before it do not count) to the reply that answers it.
// A message and a reply at the same instant count as answered.
std::optional<std::pair<Timestamp, std::optional<Timestamp>>> next_update_cycle(const SlaFacts& facts, Timestamp now) {
  const std::vector<Timestamp> replies = sorted_until(facts.staff_replies, now);
  const std::vector<Timestamp> messages = sorted_until(facts.claimant_messages, now);
  if (replies.empty()) return std::nullopt;
  const auto first_after = [&](Timestamp t) { return std::upper_bound(messages.begin(), messages.end(), t); };
  if (auto m = first_after(replies.back()); m != messages.end()) return std::make_pair(*m, std::optional<Timestamp>());
  for (std::size_t k = replies.size() - 1; k >= 1; --k) {
    const auto m = first_after(replies[k - 1]);
    if (m != messages.end() && *m <= replies[k]) return std::make_pair(*m, std::optional<Timestamp>(replies[k]));
  }
  return std::nullopt;
}

// The latest visit of `state`: from the first of a run of entries into it to the next change.
std::optional<ClockRun> state_clock(const SlaFacts& facts, const std::string& state, Timestamp now) {
  std::vector<SlaStateChange> timeline;
  for (const SlaStateChange& change : facts.timeline)
    if (change.at <= now) timeline.push_back(change);
  std::stable_sort(timeline.begin(), timeline.end(),
                   [](const SlaStateChange& a, const SlaStateChange& b) { return a.at < b.at; });
  std::size_t last = timeline.size();
  for (std::size_t i = timeline.size(); i-- > 0;)
    if (timeline[i].state == state) {
      last = i;
      break;
    }
  if (last == timeline.size()) return std::nullopt;
  std::size_t first = last;
  while (first > 0 && timeline[first - 1].state == state) --first;
  const std::string clock = "state:" + state;
  const ControlGate controls = control_gate(facts, clock, now);
  if (!controls.started) return std::nullopt;
  ClockRun run;
  run.clock = clock;
  run.started_at = std::max(timeline[first].at, *controls.started);
  std::optional<Timestamp> left;
  if (last + 1 < timeline.size()) left = timeline[last + 1].at;
  run.running = intersect(Intervals{{timeline[first].at, left.value_or(now)}}, controls.open);
  std::optional<Timestamp> stop = controls.stop;
  if (left) stop = stop ? std::min(*stop, *left) : *left;
  if (stop) run.stopped_at = std::max(*stop, run.started_at);
  run.paused = controls.paused;
  return run;
}

// A clock in wall-clock time from `action.created_at` to `action.due_at`, stopped when done:
// actions' deadlines and the seller's legal deadlines.
ClockStatus wall_clock(const SlaPolicy& policy, std::string clock, const SlaActionFact& action, Timestamp now) {
  ClockStatus s;
  s.clock = std::move(clock);
  s.policy = policy.name;
  s.warning_percent = policy.warning_percent;
  s.started_at = action.created_at;
  s.due_at = action.due_at;
  const std::int64_t span = std::max<std::int64_t>(0, action.due_at.micros - action.created_at.micros);
  const std::int64_t warn_span = (span / 100) * policy.warning_percent + (span % 100) * policy.warning_percent / 100 +
                                 ((span % 100) * policy.warning_percent % 100 != 0 ? 1 : 0);
  s.warning_at = Timestamp{action.created_at.micros + warn_span};
  s.target_seconds = span / kMicros;
  // A done action's clock stopped when it was done.
  if (action.done_at && *action.done_at <= now) {
    s.stopped = true;
    s.stopped_at = action.done_at;
    now = *action.done_at;
  }
  const std::int64_t elapsed = std::max<std::int64_t>(0, now.micros - action.created_at.micros);
  s.elapsed_business_seconds = elapsed / kMicros;
  s.remaining_business_seconds = s.target_seconds - s.elapsed_business_seconds;
  s.percent_used = span == 0 ? (now >= action.due_at ? 100.0 : 0.0)
                             : 100.0 * static_cast<double>(elapsed) / static_cast<double>(span);
  s.warning = now >= s.warning_at;
  s.breached = now >= action.due_at;
  if (s.breached) s.breached_at = action.due_at;
  return s;
}

}  // namespace

std::vector<ClockStatus> compute_clocks(const SlaConfig& config, const SlaFacts& facts, Timestamp now) {
  const SlaPolicy& policy = select_policy(config, facts);
  const SlaTimeline& calendar = domain::sla_calendar(config, policy.calendar);
  if (now < facts.created_at) now = facts.created_at;
  const CaseGate gate = case_gate(facts, now);
  std::vector<ClockStatus> out;
  const auto add = [&](const std::optional<ClockRun>& run, std::int64_t target) {
    if (run) out.push_back(measure(calendar, policy, *run, target, now));
  };

  add(case_clock(facts, gate, "resolution", facts.created_at, std::nullopt, now), policy.targets.resolution);
  if (policy.targets.first_response) {
    const std::vector<Timestamp> replies = sorted_until(facts.staff_replies, now);
    const auto first = std::lower_bound(replies.begin(), replies.end(), facts.created_at);
    std::optional<Timestamp> until;
    if (first != replies.end()) until = *first;
    add(case_clock(facts, gate, "first_response", facts.created_at, until, now), *policy.targets.first_response);
  }
  if (policy.targets.next_update)
    if (const auto cycle = next_update_cycle(facts, now))
      add(case_clock(facts, gate, "next_update", cycle->first, cycle->second, now), *policy.targets.next_update);
  for (const SlaStateTarget& target : policy.states) add(state_clock(facts, target.state, now), target.seconds);
  for (const SlaActionFact& action : facts.actions)
    if (action.created_at <= now) out.push_back(wall_clock(policy, "action:" + std::to_string(action.id), action, now));
  for (const SlaLegalDeadline& d : facts.legal_deadlines) {
    if (!(d.started_at <= now)) continue;
    // A case that stopped (resolved, closed) has done what it owed: the deadline is met then.
    std::optional<Timestamp> done = d.done_at;
    if (gate.stop && (!done || *gate.stop < *done)) done = std::max(*gate.stop, d.started_at);
    const SlaActionFact span{0, d.started_at, domain::legal_deadline_due(calendar.zone(), d), done};
    out.push_back(wall_clock(policy, d.clock, span, now));
  }
  return out;
}

Date expected_completion(const SlaConfig& config, const SlaFacts& facts, Timestamp now) {
  const SlaPolicy& policy = select_policy(config, facts);
  const SlaTimeline& calendar = domain::sla_calendar(config, policy.calendar);
  for (const ClockStatus& clock : compute_clocks(config, facts, now))
    if (clock.clock == "resolution") return calendar.local_date(clock.stopped ? *clock.stopped_at : clock.due_at);
  // The resolution clock waits for a start control: promise the full target from now.
  return calendar.local_date(calendar.add_business(std::max(now, facts.created_at), policy.targets.resolution));
}

}  // namespace rma
