// The per-year bit cache behind HolidaySet::contains. Filling a year takes a few microseconds;
// publishing it through an atomic pointer lets readers skip the mutex once it is there.
#include "domain/holiday_set.hpp"

#include "domain/calendar_date.hpp"
#include "domain/holiday_year.hpp"

namespace rma::domain {

std::int32_t day_of_year(Date date) noexcept {
  static constexpr std::array<std::int32_t, 13> kBefore = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const std::int32_t leap = date.month > 2 && is_leap_year(date.year) ? 1 : 0;
  return kBefore[static_cast<std::size_t>(date.month)] + date.day - 1 + leap;
}

HolidaySet::HolidaySet(std::vector<HolidayRule> rules) : rules_(std::move(rules)) {
  for (auto& slot : cache_) slot.store(nullptr, std::memory_order_relaxed);
}

HolidaySet::~HolidaySet() {
  for (auto& slot : cache_) delete slot.load(std::memory_order_relaxed);
}

HolidaySet::YearBits HolidaySet::compute(std::int32_t year) const {
  YearBits bits{};
  for (const HolidayDay& d : holidays_in_year(rules_, year)) {
    const auto n = static_cast<std::size_t>(day_of_year(d.date));
    bits[n / 64] |= std::uint64_t{1} << (n % 64);
  }
  return bits;
}

const HolidaySet::YearBits& HolidaySet::year_bits(std::int32_t year) const {
  auto& slot = cache_[static_cast<std::size_t>(year - kFirstCached)];
  if (const YearBits* bits = slot.load(std::memory_order_acquire)) return *bits;
  const std::lock_guard<std::mutex> lock(fill_);
  if (const YearBits* bits = slot.load(std::memory_order_relaxed)) return *bits;
  const YearBits* bits = new YearBits(compute(year));
  slot.store(bits, std::memory_order_release);
  return *bits;
}

bool HolidaySet::contains(Date date) const {
  const auto n = static_cast<std::size_t>(day_of_year(date));
  if (date.year < kFirstCached || date.year >= kFirstCached + kCachedYears) {
    const YearBits bits = compute(date.year);
    return (bits[n / 64] >> (n % 64)) & 1U;
  }
  return (year_bits(date.year)[n / 64] >> (n % 64)) & 1U;
}

}  // namespace rma::domain
