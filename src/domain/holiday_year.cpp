// A year's holidays from a list of rules. Substitute days need the other holidays: "the next
// weekday that is not a holiday" must skip Boxing Day when Christmas falls on a Saturday. So all
// days of the year and its neighbours are found first, then substitutes are added rule by rule.
#include "domain/holiday_year.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"

namespace rma::domain {

namespace {

bool taken(const std::vector<HolidayDay>& days, Date date) {
  return std::any_of(days.begin(), days.end(), [&](const HolidayDay& d) { return d.date == date; });
}

Date substitute_for(const std::vector<HolidayDay>& days, Date holiday, std::int8_t how) {
  if (how != kNextFreeWeekday) return add_days(holiday, how);
  Date d = add_days(holiday, 1);
  while (weekday_of_date(d) >= 5 || taken(days, d)) d = add_days(d, 1);
  return d;
}

}  // namespace

std::vector<HolidayDay> holidays_in_year(const std::vector<HolidayRule>& rules, std::int32_t year) {
  std::vector<HolidayDay> all;
  for (std::int32_t y = year - 1; y <= year + 1; ++y)
    for (std::size_t i = 0; i < rules.size(); ++i) {
      Date d;
      if (holiday_day_in(rules[i], y, d)) all.push_back(HolidayDay{d, i, false});
    }
  // Substitutes in rule order, each year in turn, so earlier rules claim the free days first.
  for (std::int32_t y = year - 1; y <= year + 1; ++y)
    for (std::size_t i = 0; i < rules.size(); ++i) {
      Date d;
      if (!rules[i].has_substitute() || !holiday_day_in(rules[i], y, d)) continue;
      const std::int8_t how = rules[i].substitute[static_cast<std::size_t>(weekday_of_date(d))];
      if (how != 0) all.push_back(HolidayDay{substitute_for(all, d, how), i, true});
    }
  std::vector<HolidayDay> out;
  for (const HolidayDay& d : all)
    if (d.date.year == year) out.push_back(d);
  std::stable_sort(out.begin(), out.end(), [](const HolidayDay& a, const HolidayDay& b) { return date_less(a.date, b.date); });
  return out;
}

}  // namespace rma::domain
