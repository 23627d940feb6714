#include "domain/report_period.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"

namespace rma::domain {
namespace {

constexpr std::int64_t kDaySeconds = 86400;
constexpr std::int64_t kMicros = 1000000;
// 1970-01-05 was the first Monday after the epoch: weeks are counted from it.
constexpr std::int64_t kFirstMonday = 4;

std::string two_digits(std::int32_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::int64_t offset_at(const TimeZone& zone, std::int64_t seconds) {
  return zone.utc_offset_seconds(Timestamp{seconds * kMicros});
}

}  // namespace

std::int64_t period_ordinal(std::int64_t day, ReportPeriod period) noexcept {
  switch (period) {
    case ReportPeriod::day: return day;
    case ReportPeriod::week: return floor_div(day - kFirstMonday, 7);
    case ReportPeriod::month: {
      const Date d = date_from_days(day);
      return std::int64_t{d.year} * 12 + (d.month - 1);
    }
    case ReportPeriod::quarter: {
      const Date d = date_from_days(day);
      return std::int64_t{d.year} * 4 + (d.month - 1) / 3;
    }
    case ReportPeriod::year: return date_from_days(day).year;
  }
  return day;
}

std::int64_t period_first_day(std::int64_t ordinal, ReportPeriod period) noexcept {
  switch (period) {
    case ReportPeriod::day: return ordinal;
    case ReportPeriod::week: return ordinal * 7 + kFirstMonday;
    case ReportPeriod::month:
      return days_since_epoch(Date{static_cast<std::int32_t>(floor_div(ordinal, 12)),
                                   static_cast<std::int32_t>(ordinal - floor_div(ordinal, 12) * 12 + 1), 1});
    case ReportPeriod::quarter:
      return days_since_epoch(Date{static_cast<std::int32_t>(floor_div(ordinal, 4)),
                                   static_cast<std::int32_t>((ordinal - floor_div(ordinal, 4) * 4) * 3 + 1), 1});
    case ReportPeriod::year: return days_since_epoch(Date{static_cast<std::int32_t>(ordinal), 1, 1});
  }
  return ordinal;
}

std::string period_label(Date start, ReportPeriod period) {
  switch (period) {
    case ReportPeriod::day: return start.to_iso();
    case ReportPeriod::week: {
      // The ISO year and week of a Monday are those of the Thursday three days later.
      const std::int64_t thursday = days_since_epoch(start) + 3;
      const std::int32_t year = date_from_days(thursday).year;
      const std::int64_t week = (thursday - days_since_epoch(Date{year, 1, 1})) / 7 + 1;
      return std::to_string(year) + "-W" + two_digits(static_cast<std::int32_t>(week));
    }
    case ReportPeriod::month: return std::to_string(start.year) + "-" + two_digits(start.month);
    case ReportPeriod::quarter: return std::to_string(start.year) + "-Q" + std::to_string((start.month - 1) / 3 + 1);
    case ReportPeriod::year: return std::to_string(start.year);
  }
  return start.to_iso();
}

LocalDays::LocalDays(const TimeZone& zone, Timestamp from, Timestamp to)
    : zone_(zone), from_(from.micros), to_(std::max(from.micros, to.micros)) {
  std::int64_t previous = floor_div(from_, kMicros);
  std::int64_t previous_offset = offset_at(zone, previous);
  starts_.push_back(from_);
  offsets_.push_back(previous_offset);
  const std::int64_t last = floor_div(to_, kMicros) + kDaySeconds;
  for (std::int64_t probe = previous + kDaySeconds; probe <= last; probe += kDaySeconds) {
    const std::int64_t offset = offset_at(zone, probe);
    if (offset != previous_offset) {
      // The first second of (previous, probe] with the new offset.
      std::int64_t lo = previous;
      std::int64_t hi = probe;
      while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        (offset_at(zone, mid) == previous_offset ? lo : hi) = mid;
      }
      starts_.push_back(hi * kMicros);
      offsets_.push_back(offset);
      previous_offset = offset;
    }
    previous = probe;
  }
}

std::int64_t LocalDays::day_of(std::int64_t micros) const noexcept {
  std::int64_t offset = 0;
  if (micros < from_ || micros > to_ + kDaySeconds * kMicros) {
    offset = offset_at(zone_, floor_div(micros, kMicros));
  } else {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), micros);
    offset = offsets_[static_cast<std::size_t>(it - starts_.begin()) - 1];
  }
  return floor_div(floor_div(micros, kMicros) + offset, kDaySeconds);
}

}  // namespace rma::domain
