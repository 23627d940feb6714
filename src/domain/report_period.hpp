// domain/report_period.hpp — cutting time into report periods: the local day of an instant in a
// zone, and the day, ISO week, month, quarter or year it falls in.
//
// A period has an ordinal: consecutive periods have consecutive ordinals, so the periods of a
// report are a dense range of integers (a group code) and sort chronologically by it. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/time_zone.hpp"
#include "rma/report.hpp"
#include "rma/time.hpp"

namespace rma::domain {

// The ordinal of the period of `period` holding the day `day` (days since 1970-01-01).
std::int64_t period_ordinal(std::int64_t day, ReportPeriod period) noexcept;
// The first day of the period with `ordinal`: a Monday for weeks, the 1st for months, ...
std::int64_t period_first_day(std::int64_t ordinal, ReportPeriod period) noexcept;
// "2026-11-25", "2026-W48" (ISO 8601: the week's Thursday says its year), "2026-11", "2026-Q4",
// "2026", for the period starting at `start`.
std::string period_label(Date start, ReportPeriod period);

// floor(a / b) for b > 0.
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

// Local days of instants between `from` and `to` in one zone. The zone's offset is found at
// every UTC day of the span and, where it changes, to the second by bisection; each instant then
// costs a look-up among the few offsets of the span, instead of evaluating the zone's rule.
// Instants outside the span are still answered (by the nearest offset found, then the rule).
class LocalDays {
 public:
  LocalDays(const TimeZone& zone, Timestamp from, Timestamp to);

  std::int64_t day_of(std::int64_t micros) const noexcept;

 private:
  const TimeZone& zone_;
  std::int64_t from_ = 0;  // micros, the span
  std::int64_t to_ = 0;
  std::vector<std::int64_t> starts_;   // micros from which offsets_[i] holds
  std::vector<std::int64_t> offsets_;  // seconds east of UTC
};

}  // namespace rma::domain
