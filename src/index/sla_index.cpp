#include "index/sla_index.hpp"

#include <algorithm>
#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index_container.hpp>
#include <limits>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace rma::index {
namespace {

namespace bmi = boost::multi_index;

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

// Clock and policy names repeat across cases; entries hold their numbers so that a million of
// them stay small.
class Names {
 public:
  std::uint32_t intern(const std::string& name) {
    const auto [it, added] = ids_.emplace(name, static_cast<std::uint32_t>(names_.size()));
    if (added) names_.push_back(name);
    return it->second;
  }
  std::optional<std::uint32_t> find(const std::string& name) const {
    const auto it = ids_.find(name);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  const std::string& name(std::uint32_t id) const { return names_[id]; }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
};

struct Entry {
  std::int64_t case_id = 0;
  std::uint32_t clock = 0;
  std::uint32_t policy = 0;
  std::int64_t started_at = 0;
  std::int64_t target_seconds = 0;
  std::int64_t due_at = 0;
  std::int64_t warning_at = 0;
  bool paused = false;
  bool stopped = false;
  bool due_known = false;      // due_at is a crossing that happened, or the clock runs
  bool warning_known = false;  // likewise for warning_at
  bool breach_reported = false;
  bool warning_reported = false;

  bool pending() const {
    return (due_known && !breach_reported) || (warning_known && !warning_reported);
  }
};

// Queries list open clocks: running ones, and paused ones that already breached.
struct DueKey {
  using result_type = std::int64_t;
  std::int64_t operator()(const Entry& e) const { return e.due_known && !e.stopped ? e.due_at : kNever; }
};
struct PendingBreachKey {
  using result_type = std::int64_t;
  std::int64_t operator()(const Entry& e) const { return e.due_known && !e.breach_reported ? e.due_at : kNever; }
};
struct PendingWarningKey {
  using result_type = std::int64_t;
  std::int64_t operator()(const Entry& e) const {
    return e.warning_known && !e.warning_reported ? e.warning_at : kNever;
  }
};

struct by_clock {};
struct by_due {};
struct by_breach {};
struct by_warning {};

using EntrySet = bmi::multi_index_container<
    Entry, bmi::indexed_by<
               bmi::ordered_unique<bmi::tag<by_clock>,
                                   bmi::composite_key<Entry, bmi::member<Entry, std::int64_t, &Entry::case_id>,
                                                      bmi::member<Entry, std::uint32_t, &Entry::clock>>>,
               bmi::ordered_non_unique<bmi::tag<by_due>, DueKey>,
               bmi::ordered_non_unique<bmi::tag<by_breach>, PendingBreachKey>,
               bmi::ordered_non_unique<bmi::tag<by_warning>, PendingWarningKey>>>;

}  // namespace

const char* sla_crossing_kind_name(SlaCrossingKind kind) noexcept {
  return kind == SlaCrossingKind::warning ? "warning" : "breached";
}

struct SlaIndex::Containers {
  EntrySet entries;
  Names clocks;
  Names policies;

  SlaDue due_of(const Entry& e) const {
    return SlaDue{e.case_id,   clocks.name(e.clock),        policies.name(e.policy), Timestamp{e.started_at},
                  e.target_seconds, Timestamp{e.due_at}, Timestamp{e.warning_at}, e.paused};
  }

  SlaCrossing crossing_of(const Entry& e, SlaCrossingKind kind) const {
    return SlaCrossing{e.case_id,
                       clocks.name(e.clock),
                       kind,
                       Timestamp{kind == SlaCrossingKind::warning ? e.warning_at : e.due_at},
                       policies.name(e.policy),
                       Timestamp{e.started_at},
                       e.target_seconds};
  }

  Entry entry_of(std::int64_t case_id, const ClockStatus& s) {
    Entry e;
    e.case_id = case_id;
    e.clock = clocks.intern(s.clock);
    e.policy = policies.intern(s.policy);
    e.started_at = s.started_at.micros;
    e.target_seconds = s.target_seconds;
    e.due_at = s.due_at.micros;
    e.warning_at = s.warning_at.micros;
    e.paused = s.paused;
    e.stopped = s.stopped;
    // Only a running clock's projection holds still while time passes.
    const bool running = !s.paused && !s.stopped;
    e.due_known = running || s.breached;
    e.warning_known = running || s.warning;
    return e;
  }
};

SlaIndex::SlaIndex() : c_(std::make_unique<Containers>()) {}
SlaIndex::~SlaIndex() = default;

void SlaIndex::upsert_case(std::int64_t case_id, const std::vector<ClockStatus>& clocks) {
  auto& by_key = c_->entries.get<by_clock>();
  // Take the case's entries out, then put back what `clocks` says, with the marks that still apply.
  std::vector<Entry> previous;
  const auto range = by_key.equal_range(std::make_tuple(case_id));
  previous.assign(range.first, range.second);
  by_key.erase(range.first, range.second);
  for (const ClockStatus& s : clocks) {
    Entry e = c_->entry_of(case_id, s);
    for (const Entry& old : previous) {
      if (old.clock == e.clock && old.started_at == e.started_at && old.target_seconds == e.target_seconds) {
        e.breach_reported = old.breach_reported;
        e.warning_reported = old.warning_reported;
      }
    }
    if (e.stopped && !e.pending()) continue;
    by_key.insert(e);
  }
}

void SlaIndex::remove_case(std::int64_t case_id) {
  auto& by_key = c_->entries.get<by_clock>();
  const auto range = by_key.equal_range(std::make_tuple(case_id));
  by_key.erase(range.first, range.second);
}

void SlaIndex::clear() { c_->entries.clear(); }

std::vector<SlaCrossing> SlaIndex::tick(Timestamp now) {
  std::vector<SlaCrossing> out;
  auto& warnings = c_->entries.get<by_warning>();
  while (!warnings.empty() && PendingWarningKey()(*warnings.begin()) <= now.micros) {
    const auto it = warnings.begin();
    out.push_back(c_->crossing_of(*it, SlaCrossingKind::warning));
    warnings.modify(it, [](Entry& e) { e.warning_reported = true; });
  }
  auto& breaches = c_->entries.get<by_breach>();
  while (!breaches.empty() && PendingBreachKey()(*breaches.begin()) <= now.micros) {
    const auto it = breaches.begin();
    out.push_back(c_->crossing_of(*it, SlaCrossingKind::breached));
    breaches.modify(it, [](Entry& e) { e.breach_reported = true; });
  }
  // Stopped clocks stay only until what they crossed is reported.
  auto& by_key = c_->entries.get<by_clock>();
  for (const SlaCrossing& c : out) {
    const auto it = by_key.find(std::make_tuple(c.case_id, *c_->clocks.find(c.clock)));
    if (it != by_key.end() && it->stopped && !it->pending()) by_key.erase(it);
  }
  std::stable_sort(out.begin(), out.end(), [](const SlaCrossing& a, const SlaCrossing& b) {
    if (a.at != b.at) return a.at < b.at;
    return a.kind == SlaCrossingKind::warning && b.kind == SlaCrossingKind::breached;
  });
  return out;
}

bool SlaIndex::restore_reported(std::int64_t case_id, const std::string& clock, Timestamp started_at,
                                std::int64_t target_seconds, SlaCrossingKind kind) {
  const auto clock_id = c_->clocks.find(clock);
  if (!clock_id) return false;
  auto& by_key = c_->entries.get<by_clock>();
  const auto it = by_key.find(std::make_tuple(case_id, *clock_id));
  if (it == by_key.end() || it->started_at != started_at.micros || it->target_seconds != target_seconds) return false;
  by_key.modify(it, [kind](Entry& e) {
    if (kind == SlaCrossingKind::warning) {
      e.warning_reported = true;
    } else {
      e.breach_reported = true;
    }
  });
  if (it->stopped && !it->pending()) by_key.erase(it);
  return true;
}

std::vector<SlaDue> SlaIndex::due_within(Timestamp now, std::int64_t horizon_seconds, std::size_t limit) const {
  std::vector<SlaDue> out;
  const auto& by_time = c_->entries.get<by_due>();
  // Clamped below kNever, which marks the clocks that are in no order.
  const std::int64_t room = (kNever - 1 - now.micros) / 1000000;
  const std::int64_t until = horizon_seconds >= room ? kNever - 1 : now.micros + std::max<std::int64_t>(0, horizon_seconds) * 1000000;
  for (auto it = by_time.upper_bound(now.micros); it != by_time.end() && out.size() < limit; ++it) {
    if (DueKey()(*it) > until) break;
    out.push_back(c_->due_of(*it));
  }
  return out;
}

std::vector<SlaDue> SlaIndex::overdue(Timestamp now, std::size_t limit) const {
  std::vector<SlaDue> out;
  const auto& by_time = c_->entries.get<by_due>();
  const auto end = by_time.upper_bound(now.micros);
  for (auto it = by_time.begin(); it != end && out.size() < limit; ++it) out.push_back(c_->due_of(*it));
  return out;
}

std::optional<SlaDue> SlaIndex::find(std::int64_t case_id, const std::string& clock) const {
  const auto clock_id = c_->clocks.find(clock);
  if (!clock_id) return std::nullopt;
  const auto& by_key = c_->entries.get<by_clock>();
  const auto it = by_key.find(std::make_tuple(case_id, *clock_id));
  if (it == by_key.end()) return std::nullopt;
  return c_->due_of(*it);
}

bool SlaIndex::reported(std::int64_t case_id, const std::string& clock, SlaCrossingKind kind) const {
  const auto clock_id = c_->clocks.find(clock);
  if (!clock_id) return false;
  const auto& by_key = c_->entries.get<by_clock>();
  const auto it = by_key.find(std::make_tuple(case_id, *clock_id));
  if (it == by_key.end()) return false;
  return kind == SlaCrossingKind::warning ? it->warning_reported : it->breach_reported;
}

std::size_t SlaIndex::size() const { return c_->entries.size(); }

}  // namespace rma::index
