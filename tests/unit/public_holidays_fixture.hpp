// tests/unit/public_holidays_fixture.hpp — the public holidays the legal-period tests use, passed
// in explicitly (the PublicHolidays seam): a few national days of Germany, Poland and Italy in
// 2026-2029, each checked against the country's holiday act.
#pragma once

#include <string>
#include <string_view>

#include "domain/legal_period.hpp"

namespace test_holidays {

inline const char* const kDays[] = {
    // Germany (national): New Year, Good Friday, Easter Monday, Labour Day, Unity Day, Christmas.
    "DE 2026-01-01", "DE 2026-04-03", "DE 2026-04-06", "DE 2026-05-01", "DE 2026-10-03", "DE 2026-12-25",
    "DE 2026-12-26", "DE 2027-01-01", "DE 2029-01-01",
    // Poland (Ustawa o dniach wolnych od pracy): New Year, Easter Monday, 1 and 3 May, 11 November.
    "PL 2026-01-01", "PL 2026-04-06", "PL 2026-05-01", "PL 2026-05-03", "PL 2026-11-11", "PL 2027-01-01",
    // Italy (L. 260/1949): New Year, Epiphany, Easter Monday, Republic Day, Assumption, Christmas.
    "IT 2026-01-01", "IT 2026-01-06", "IT 2026-04-06", "IT 2026-06-02", "IT 2026-08-15", "IT 2026-12-25",
    "IT 2027-01-01",
};

inline bool is_holiday(std::string_view country, rma::Date date) {
  const std::string key = std::string(country) + " " + date.to_iso();
  for (const char* day : kDays)
    if (key == day) return true;
  return false;
}

inline const rma::domain::PublicHolidays& holidays() {
  static const rma::domain::PublicHolidays h = is_holiday;
  return h;
}

}  // namespace test_holidays
