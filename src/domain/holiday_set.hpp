// domain/holiday_set.hpp — the rules of one jurisdiction (a country, or a country with one of its
// subdivisions) and a fast "is this date a holiday" answer.
//
// Each year's holidays are worked out once, on first use, into 366 bits; a look-up is then a
// table read and a bit test (many millions per second). Years 1900..2299 are cached; others are
// worked out on every call. Immutable once built apart from the cache, which is filled under a
// mutex and read lock-free: safe from several threads.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/holiday_rule.hpp"

namespace rma::domain {

class HolidaySet {
 public:
  explicit HolidaySet(std::vector<HolidayRule> rules);
  ~HolidaySet();
  HolidaySet(const HolidaySet&) = delete;
  HolidaySet& operator=(const HolidaySet&) = delete;

  const std::vector<HolidayRule>& rules() const noexcept { return rules_; }
  // `date` must be a real date.
  bool contains(Date date) const;

 private:
  static constexpr std::int32_t kFirstCached = 1900;
  static constexpr std::int32_t kCachedYears = 400;
  using YearBits = std::array<std::uint64_t, 6>;  // bit n: day n of the year (0 = 1 January)

  YearBits compute(std::int32_t year) const;
  const YearBits& year_bits(std::int32_t year) const;

  std::vector<HolidayRule> rules_;
  mutable std::array<std::atomic<const YearBits*>, kCachedYears> cache_{};
  mutable std::mutex fill_;
};

// 0 for 1 January .. 365 for 31 December of a leap year.
std::int32_t day_of_year(Date date) noexcept;

}  // namespace rma::domain
