// Where a public-holiday rule puts its day in a year. Moves apply here; substitute days depend on
// the other holidays of the year, so holiday_year.cpp adds them.
#include "domain/holiday_rule.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"
#include "rma/calendar.hpp"

namespace rma::domain {

bool HolidayRule::in_force(std::int32_t year) const noexcept {
  return year >= first_year && year <= last_year && std::find(not_in.begin(), not_in.end(), year) == not_in.end();
}

bool HolidayRule::has_substitute() const noexcept {
  for (std::int8_t s : substitute)
    if (s != 0) return true;
  return false;
}

int weekday_of_date(Date date) noexcept {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return static_cast<int>(((days_since_epoch(date) + 3) % 7 + 7) % 7);
}

namespace {

// The first `weekday` on or after `from`.
Date weekday_on_or_after(Date from, std::int32_t weekday) noexcept {
  return add_days(from, (weekday - weekday_of_date(from) + 7) % 7);
}

// Before any move: the day the rule names in `year`.
bool base_day(const HolidayRule& rule, std::int32_t year, Date& out) noexcept {
  switch (rule.kind) {
    case HolidayRuleKind::date:
      out = rule.date;
      return rule.date.year == year;
    case HolidayRuleKind::annual:
      if (!is_valid_date(Date{year, rule.date.month, rule.date.day})) return false;  // 02-29
      out = Date{year, rule.date.month, rule.date.day};
      return true;
    case HolidayRuleKind::easter: out = add_days(western_easter(year), rule.offset_days); return true;
    case HolidayRuleKind::orthodox_easter: out = add_days(orthodox_easter(year), rule.offset_days); return true;
    case HolidayRuleKind::weekday: {
      if (rule.nth > 0) {
        out = add_days(weekday_on_or_after(Date{year, rule.date.month, 1}, rule.weekday), 7 * (rule.nth - 1));
        return out.month == rule.date.month;  // no fifth Monday this month
      }
      if (rule.nth < 0) {
        const std::int32_t last = days_in_month(year, rule.date.month);
        out = add_days(weekday_on_or_after(Date{year, rule.date.month, last - 6}, rule.weekday), 7 * (rule.nth + 1));
        return out.month == rule.date.month;
      }
      if (!is_valid_date(Date{year, rule.date.month, rule.date.day})) return false;
      out = weekday_on_or_after(Date{year, rule.date.month, rule.date.day}, rule.weekday);
      return true;
    }
  }
  return false;
}

}  // namespace

bool holiday_day_in(const HolidayRule& rule, std::int32_t year, Date& out) noexcept {
  // Easter offsets may cross into another year; the rule's years are those of its base day.
  if (!rule.in_force(year) || !base_day(rule, year, out)) return false;
  const std::int8_t move = rule.move[static_cast<std::size_t>(weekday_of_date(out))];
  if (move != 0) out = add_days(out, move);
  return true;
}

}  // namespace rma::domain
