// Civil-date arithmetic with Howard Hinnant's days_from_civil / civil_from_days algorithms: exact
// for the proleptic Gregorian calendar, constant time and without the exceptions and allocation of
// a general date library, because warranty checks call these a million times a second.
#include "domain/calendar_date.hpp"

namespace rma::domain {

std::int64_t days_since_epoch(Date date) noexcept {
  // Years start in March so the leap day is the last day of the shifted year.
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;                                   // [0, 399]
  const std::int64_t month_from_march = (date.month + 9) % 12;                      // [0, 11]
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;  // [0, 365]
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Date date_from_days(std::int64_t days) noexcept {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;                                                      // [0, 146096]
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;                                     // [0, 11]
  Date date;
  date.day = static_cast<std::int32_t>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  date.month = static_cast<std::int32_t>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  date.year = static_cast<std::int32_t>(year_of_era + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

bool is_leap_year(std::int32_t year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

std::int32_t days_in_month(std::int32_t year, std::int32_t month) noexcept {
  static constexpr std::int32_t lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return lengths[month - 1];
}

bool is_valid_date(Date date) noexcept {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

Date add_months(Date date, std::int32_t months) noexcept {
  // Month index counted from year 0, floor-divided back so negative steps cross years correctly.
  const std::int64_t index = static_cast<std::int64_t>(date.year) * 12 + (date.month - 1) + months;
  std::int64_t year = index / 12;
  std::int64_t month0 = index % 12;
  if (month0 < 0) {
    month0 += 12;
    --year;
  }
  Date result;
  result.year = static_cast<std::int32_t>(year);
  result.month = static_cast<std::int32_t>(month0 + 1);
  const std::int32_t last = days_in_month(result.year, result.month);
  result.day = date.day < last ? date.day : last;
  return result;
}

Date add_days(Date date, std::int32_t days) noexcept { return date_from_days(days_since_epoch(date) + days); }

std::int32_t days_between(Date from, Date to) noexcept {
  return static_cast<std::int32_t>(days_since_epoch(to) - days_since_epoch(from));
}

int compare_dates(Date a, Date b) noexcept {
  if (a.year != b.year) return a.year < b.year ? -1 : 1;
  if (a.month != b.month) return a.month < b.month ? -1 : 1;
  if (a.day != b.day) return a.day < b.day ? -1 : 1;
  return 0;
}

}  // namespace rma::domain
