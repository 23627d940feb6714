// domain/holiday_rule.hpp — one public-holiday rule of a country's law, and where it puts its day
// in a given year (data/holidays.json holds the rules; docs/calendars.md lists the kinds).
//
// The kinds are the shapes statutes use: a fixed date every year, a one-off date, a day relative
// to Western or Orthodox Easter, and a weekday found from a date ("last Monday of May", "the
// Saturday between 20 and 26 June" — the way Nordic laws fix Midsummer and All Saints). Each rule
// holds only between its first and last year, and may move, or gain a substitute day, when it
// falls on a given weekday, as laws on weekend holidays say.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "rma/time.hpp"

namespace rma::domain {

enum class HolidayRuleKind : std::int32_t { date, annual, easter, orthodox_easter, weekday };

// A substitute that goes to the next Monday..Friday that is not a holiday already (UK bank
// holidays: Christmas on a Saturday gives Monday 27th, Boxing Day on the Sunday then Tuesday 28th).
constexpr std::int8_t kNextFreeWeekday = 100;

struct HolidayRule {
  HolidayRuleKind kind = HolidayRuleKind::annual;
  Date date;                    // date: the one date; annual: month/day (year ignored)
  std::int32_t offset_days = 0;  // easter, orthodox_easter: days from Easter Sunday
  // weekday: the first `weekday` (0 = Monday) on or after month/day, or with nth != 0 the nth
  // (1..5) or nth-from-last (-1..-5) `weekday` of `date.month`.
  std::int32_t weekday = 0;
  std::int32_t nth = 0;
  std::int32_t first_year = std::numeric_limits<std::int32_t>::min();
  std::int32_t last_year = std::numeric_limits<std::int32_t>::max();
  // Years it does not hold although between them: a proclamation moved the day (the UK's spring
  // bank holiday of 2002, 2012, 2022), the move given as a one-off rule.
  std::vector<std::int32_t> not_in;
  // Indexed by the weekday the day falls on (0 = Monday). move: the holiday itself moves by that
  // many days (0: it stays). substitute: another day off that many days away, or kNextFreeWeekday.
  std::array<std::int8_t, 7> move{};
  std::array<std::int8_t, 7> substitute{};
  std::string name;
  std::string source;

  bool in_force(std::int32_t year) const noexcept;
  bool has_substitute() const noexcept;
};

// Monday = 0 .. Sunday = 6.
int weekday_of_date(Date date) noexcept;

// The day `rule` gives in `year` after any move, or false when it gives none (out of its years,
// a one-off date of another year, 29 February of a common year).
bool holiday_day_in(const HolidayRule& rule, std::int32_t year, Date& out) noexcept;

}  // namespace rma::domain
