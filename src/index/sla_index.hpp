// index/sla_index.hpp — the open SLA clocks of all cases, ordered by due time and by warning time,
// so that `tick`, "what breaches next" and "what is overdue" never scan all clocks.
//
// The engine feeds it the ClockStatus values of compute_clocks() for each case it changes (and for
// every open case at start-up) and calls tick(now) periodically. Each warning and each breach of
// a clock is reported once: the entry remembers what it reported, keyed by the clock's start and
// target, so a recomputation that keeps both keeps the marks, and a new cycle (next_update after a
// new message, a state entered again) or a new target (priority changed) is reported afresh. After
// a restart the engine replays its recorded sla.warning / sla.breached events through
// restore_reported() after loading the clocks.
//
// Which clocks are in which order:
// - a running clock: in the due order (queries) and, until reported, in the warning and breach
//   orders at its projected instants;
// - a paused clock: only at crossings that already happened (a clock that breached and was then
//   paused is still overdue and still reported); projected instants of a paused clock move with
//   every minute it stays paused, so it is in no order for them;
// - a stopped clock: kept only until the crossings it made before stopping are reported, and never
//   in query results.
// Not thread-safe: the engine serializes access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rma/sla.hpp"
#include "rma/time.hpp"

namespace rma::index {

enum class SlaCrossingKind { warning, breached };
const char* sla_crossing_kind_name(SlaCrossingKind kind) noexcept;  // "warning", "breached"

// A warning or a breach that tick() found: record it as event "sla.<kind>".
struct SlaCrossing {
  std::int64_t case_id = 0;
  std::string clock;
  SlaCrossingKind kind = SlaCrossingKind::warning;
  Timestamp at;  // when the threshold was crossed (not when tick ran)
  std::string policy;
  Timestamp started_at;           // with target_seconds: which cycle and target this was for,
  std::int64_t target_seconds = 0;  // as restore_reported() needs them back
};

// One open clock as queries list it.
struct SlaDue {
  std::int64_t case_id = 0;
  std::string clock;
  std::string policy;
  Timestamp started_at;
  std::int64_t target_seconds = 0;
  Timestamp due_at;
  Timestamp warning_at;
  bool paused = false;
};

class SlaIndex {
 public:
  SlaIndex();
  ~SlaIndex();
  SlaIndex(const SlaIndex&) = delete;
  SlaIndex& operator=(const SlaIndex&) = delete;

  // Replaces the clocks of `case_id` with `clocks` (compute_clocks' result): clocks no longer
  // listed are dropped; a clock with the same started_at and target_seconds keeps its reported
  // marks.
  void upsert_case(std::int64_t case_id, const std::vector<ClockStatus>& clocks);
  void remove_case(std::int64_t case_id);
  void clear();

  // Every warning and breach at or before `now` not reported yet, in order of `at` (a warning
  // before the breach of the same instant), marked reported.
  std::vector<SlaCrossing> tick(Timestamp now);

  // Marks a crossing reported, as a recorded event says. False when the case has no such clock
  // with that start and target any more (the event belongs to an older cycle: nothing to do).
  bool restore_reported(std::int64_t case_id, const std::string& clock, Timestamp started_at,
                        std::int64_t target_seconds, SlaCrossingKind kind);

  // Open clocks due in (now, now + horizon_seconds], soonest first, at most `limit`.
  std::vector<SlaDue> due_within(Timestamp now, std::int64_t horizon_seconds, std::size_t limit) const;
  // Open clocks due at or before `now` (breached), longest overdue first, at most `limit`.
  std::vector<SlaDue> overdue(Timestamp now, std::size_t limit) const;

  std::optional<SlaDue> find(std::int64_t case_id, const std::string& clock) const;
  bool reported(std::int64_t case_id, const std::string& clock, SlaCrossingKind kind) const;
  std::size_t size() const;

 private:
  struct Containers;
  std::unique_ptr<Containers> c_;
};

}  // namespace rma::index
