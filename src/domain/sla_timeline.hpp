// domain/sla_timeline.hpp — a calendar's open hours laid out as UTC intervals with running totals,
// so that the SLA's due times are two binary searches instead of a walk over days.
//
// Every SLA clock of every case asks the same calendar the same kind of question many times over
// (tick, recomputation, queries), so the open intervals of each decade are computed once, on first
// use, straight from the calendar's definition of "open" (the wall clock of its zone shows a time
// inside an interval of a working local date; calendars.md), and kept. The answers equal
// add_business and business_seconds_between of the calendar (a property test compares them);
// outside 1900..9999 the calendar itself answers.
//
// Thread-safe: decades are built under a lock and then only read.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/time_zone.hpp"
#include "rma/calendar.hpp"
#include "rma/time.hpp"

namespace rma {

class SlaTimeline {
 public:
  explicit SlaTimeline(BusinessCalendar calendar);
  ~SlaTimeline();
  SlaTimeline(const SlaTimeline&) = delete;
  SlaTimeline& operator=(const SlaTimeline&) = delete;

  // Same contracts as rma::add_business and rma::business_seconds_between.
  Timestamp add_business(Timestamp start, std::int64_t seconds) const;
  std::int64_t business_seconds_between(Timestamp a, Timestamp b) const;

  const BusinessCalendar& calendar() const noexcept { return calendar_; }
  // The calendar's local date at `t`.
  Date local_date(Timestamp t) const noexcept { return zone_.local_date(t); }
  const domain::TimeZone& zone() const noexcept { return zone_; }

 private:
  struct Decade;
  static constexpr std::int32_t kFirstYear = 1900;
  static constexpr std::size_t kDecades = 810;  // 1900..9999

  const Decade* decade(std::size_t index) const;
  std::unique_ptr<Decade> build(std::size_t index) const;
  std::int64_t open_micros_between(std::int64_t a, std::int64_t b) const;  // a <= b, both in range

  BusinessCalendar calendar_;
  domain::TimeZone zone_;
  mutable std::array<std::atomic<const Decade*>, kDecades> decades_{};
  mutable std::vector<std::unique_ptr<Decade>> owned_;
  mutable std::mutex build_mutex_;
};

}  // namespace rma
