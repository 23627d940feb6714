// Easter Sunday by the two computus rules holiday calendars use: Western churches (Gregorian) and
// Orthodox churches (Julian, the result then moved to the Gregorian calendar, as Romania and
// Greece observe it).
#include "domain/calendar_date.hpp"
#include "rma/calendar.hpp"

namespace rma {

// The "Anonymous Gregorian algorithm" (Meeus, Astronomical Algorithms, ch. 8).
Date western_easter(std::int32_t year) noexcept {
  const std::int32_t a = year % 19;
  const std::int32_t b = year / 100;
  const std::int32_t c = year % 100;
  const std::int32_t d = b / 4;
  const std::int32_t e = b % 4;
  const std::int32_t f = (b + 8) / 25;
  const std::int32_t g = (b - f + 1) / 3;
  const std::int32_t h = (19 * a + b - d - g + 15) % 30;
  const std::int32_t i = c / 4;
  const std::int32_t k = c % 4;
  const std::int32_t l = (32 + 2 * e + 2 * i - h - k) % 7;
  const std::int32_t m = (a + 11 * h + 22 * l) / 451;
  const std::int32_t n = h + l - 7 * m + 114;
  return Date{year, n / 31, n % 31 + 1};
}

// Meeus' Julian algorithm gives a Julian-calendar date; Easter always falls after the Julian
// leap day, where the Gregorian calendar is year/100 - year/400 - 2 days ahead (13 in 1900..2099).
Date orthodox_easter(std::int32_t year) noexcept {
  const std::int32_t a = year % 4;
  const std::int32_t b = year % 7;
  const std::int32_t c = year % 19;
  const std::int32_t d = (19 * c + 15) % 30;
  const std::int32_t e = (2 * a + 4 * b - d + 34) % 7;
  const std::int32_t n = d + e + 114;
  const Date julian{year, n / 31, n % 31 + 1};
  return domain::add_days(julian, year / 100 - year / 400 - 2);
}

}  // namespace rma
