// domain/calendar_date.hpp — arithmetic on civil dates (rma::Date), as warranty and return rules
// count them. Pure and allocation-free: these run on every warranty check.
//
// Dates are proleptic Gregorian. The functions expect real calendar dates (Date::from_iso
// guarantees that); the results stay real dates.
#pragma once

#include <cstdint>

#include "rma/time.hpp"

namespace rma::domain {

// Days since 1970-01-01 (negative before), and back.
std::int64_t days_since_epoch(Date date) noexcept;
Date date_from_days(std::int64_t days) noexcept;

bool is_leap_year(std::int32_t year) noexcept;
std::int32_t days_in_month(std::int32_t year, std::int32_t month) noexcept;  // month 1..12
// True for a real calendar date (month 1..12, day within the month).
bool is_valid_date(Date date) noexcept;

// The same day number `months` later (earlier if negative), or the last day of that month when it
// is shorter: 2024-01-31 + 1 = 2024-02-29, 2023-01-31 + 1 = 2023-02-28. This is where a period of
// `months` months from `date` ends (Regulation (EEC, Euratom) No 1182/71, art. 3(2)(c)).
Date add_months(Date date, std::int32_t months) noexcept;
Date add_days(Date date, std::int32_t days) noexcept;
// `to - from` in days: 0 for the same day, negative when `to` is earlier.
std::int32_t days_between(Date from, Date to) noexcept;

// Rma::Date has only == and !=; these order it.
int compare_dates(Date a, Date b) noexcept;  // <0, 0, >0
inline bool date_less(Date a, Date b) noexcept { return compare_dates(a, b) < 0; }
inline bool date_less_equal(Date a, Date b) noexcept { return compare_dates(a, b) <= 0; }
inline Date later_date(Date a, Date b) noexcept { return date_less(a, b) ? b : a; }
inline Date earlier_date(Date a, Date b) noexcept { return date_less(b, a) ? b : a; }

}  // namespace rma::domain
