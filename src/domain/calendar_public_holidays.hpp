// domain/calendar_public_holidays.hpp — the built-in public holidays one calendar keeps: a
// country's (and subdivision's) rules, less the rules and dates it removes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "domain/holiday_set.hpp"
#include "json/reader.hpp"
#include "rma/calendar.hpp"

namespace rma::domain {

// Reads "country", "subdivision" and "remove" of a calendar's "holidays" object (the caller reads
// "add" and finishes the object).
CalendarPublicHolidays read_public_holidays(codec::ObjectReader& r, std::int64_t max_name, std::int64_t max_items);

class PublicHolidayFilter {
 public:
  // Checks the selection against the holiday document in force, naming "holidays.country",
  // "holidays.subdivision" and "holidays.remove[i]" (unknown_value, invalid_argument, duplicate).
  static PublicHolidayFilter make(const CalendarPublicHolidays& selection);

  bool contains(std::int64_t days, Date date) const {
    return set_ && set_->contains(date) && !std::binary_search(removed_days_.begin(), removed_days_.end(), days);
  }

 private:
  std::shared_ptr<const HolidaySet> set_;  // null: no built-in holidays
  std::vector<std::int64_t> removed_days_;  // sorted days since the epoch
};

}  // namespace rma::domain
