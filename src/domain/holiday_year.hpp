// domain/holiday_year.hpp — the public holidays one list of rules gives in one year, substitute
// days included.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/holiday_rule.hpp"

namespace rma::domain {

struct HolidayDay {
  Date date;
  std::size_t rule = 0;     // index into the rules
  bool substitute = false;  // a day off given for a holiday falling on a weekend
};

// The days of `rules` that fall in `year`, by date (a date two rules give appears twice). Rules
// are applied in their order: a substitute day looks for a weekday free of the holidays and the
// substitutes found before it. Rules of the neighbouring years count, so 1 January on a Saturday
// may give an observed day on 31 December before it.
std::vector<HolidayDay> holidays_in_year(const std::vector<HolidayRule>& rules, std::int32_t year);

}  // namespace rma::domain
