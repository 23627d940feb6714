#include <doctest/doctest.h>

#include <cstdint>

#include "domain/calendar_date.hpp"
#include "rma/time.hpp"

using rma::Date;
namespace d = rma::domain;

namespace {

Date day(const char* iso) { return Date::from_iso(iso); }

}  // namespace

TEST_CASE("days since the epoch round-trip through dates") {
  CHECK(d::days_since_epoch(day("1970-01-01")) == 0);
  CHECK(d::days_since_epoch(day("1969-12-31")) == -1);
  CHECK(d::days_since_epoch(day("2000-03-01")) == 11017);
  CHECK(d::days_since_epoch(day("2024-02-29")) == 19782);
  CHECK(d::days_since_epoch(day("1900-01-01")) == -25567);
  CHECK(d::days_since_epoch(day("9999-12-31")) == 2932896);
  CHECK(d::date_from_days(19782) == day("2024-02-29"));
  CHECK(d::date_from_days(19783) == day("2024-03-01"));
  CHECK(d::date_from_days(-1) == day("1969-12-31"));
  CHECK(d::date_from_days(-25567) == day("1900-01-01"));
  // Every day of four centuries, across both kinds of century year, stepped by the month table.
  std::int64_t expected = d::days_since_epoch(Date{1900, 1, 1});
  for (Date date{1900, 1, 1}; date.year < 2301; ++expected) {
    REQUIRE(d::days_since_epoch(date) == expected);
    REQUIRE(d::date_from_days(expected) == date);
    REQUIRE(d::add_days(date, 1) == d::date_from_days(expected + 1));
    if (++date.day > d::days_in_month(date.year, date.month)) {
      date.day = 1;
      if (++date.month > 12) {
        date.month = 1;
        ++date.year;
      }
    }
  }
  CHECK(expected == d::days_since_epoch(Date{2301, 1, 1}));
  // 400 Gregorian years are 146097 days.
  CHECK(d::days_since_epoch(Date{2301, 1, 1}) - d::days_since_epoch(Date{1901, 1, 1}) == 146097);
}

TEST_CASE("leap years and month lengths") {
  CHECK(d::is_leap_year(2024));
  CHECK_FALSE(d::is_leap_year(2023));
  CHECK_FALSE(d::is_leap_year(1900));
  CHECK(d::is_leap_year(2000));
  CHECK(d::days_in_month(2024, 2) == 29);
  CHECK(d::days_in_month(2023, 2) == 28);
  CHECK(d::days_in_month(2100, 2) == 28);
  CHECK(d::days_in_month(2026, 4) == 30);
  CHECK(d::days_in_month(2026, 12) == 31);
  CHECK(d::days_in_month(2026, 13) == 0);
  CHECK(d::is_valid_date(Date{2024, 2, 29}));
  CHECK_FALSE(d::is_valid_date(Date{2023, 2, 29}));
  CHECK_FALSE(d::is_valid_date(Date{2026, 4, 31}));
  CHECK_FALSE(d::is_valid_date(Date{2026, 0, 1}));
  CHECK_FALSE(d::is_valid_date(Date{2026, 1, 0}));
}

TEST_CASE("add_months keeps the day number or clamps to the month's last day") {
  CHECK(d::add_months(day("2024-01-15"), 24) == day("2026-01-15"));
  CHECK(d::add_months(day("2024-01-31"), 1) == day("2024-02-29"));
  CHECK(d::add_months(day("2023-01-31"), 1) == day("2023-02-28"));
  CHECK(d::add_months(day("2024-02-29"), 12) == day("2025-02-28"));
  CHECK(d::add_months(day("2024-02-29"), 48) == day("2028-02-29"));
  CHECK(d::add_months(day("2024-03-31"), 1) == day("2024-04-30"));
  CHECK(d::add_months(day("2024-12-31"), 2) == day("2025-02-28"));
  CHECK(d::add_months(day("2024-11-30"), 1) == day("2024-12-30"));
  CHECK(d::add_months(day("2024-12-15"), 1) == day("2025-01-15"));
  CHECK(d::add_months(day("2024-05-20"), 0) == day("2024-05-20"));
  CHECK(d::add_months(day("2024-03-31"), -1) == day("2024-02-29"));
  CHECK(d::add_months(day("2024-01-15"), -1) == day("2023-12-15"));
  CHECK(d::add_months(day("2024-01-15"), -13) == day("2022-12-15"));
  CHECK(d::add_months(day("2024-06-30"), 600) == day("2074-06-30"));
}

TEST_CASE("add_days and days_between cross months, years and leap days") {
  CHECK(d::add_days(day("2024-02-28"), 1) == day("2024-02-29"));
  CHECK(d::add_days(day("2023-02-28"), 1) == day("2023-03-01"));
  CHECK(d::add_days(day("2025-12-31"), 1) == day("2026-01-01"));
  CHECK(d::add_days(day("2026-01-01"), -1) == day("2025-12-31"));
  CHECK(d::add_days(day("2026-03-10"), 0) == day("2026-03-10"));
  CHECK(d::add_days(day("2024-01-01"), 366) == day("2025-01-01"));
  CHECK(d::days_between(day("2026-01-15"), day("2026-01-15")) == 0);
  CHECK(d::days_between(day("2026-01-15"), day("2026-01-16")) == 1);
  CHECK(d::days_between(day("2026-01-16"), day("2026-01-15")) == -1);
  CHECK(d::days_between(day("2024-01-01"), day("2025-01-01")) == 366);
  CHECK(d::days_between(day("2023-01-01"), day("2024-01-01")) == 365);
}

TEST_CASE("dates order by year, then month, then day") {
  CHECK(d::compare_dates(day("2026-01-15"), day("2026-01-15")) == 0);
  CHECK(d::date_less(day("2026-01-15"), day("2026-01-16")));
  CHECK_FALSE(d::date_less(day("2026-01-16"), day("2026-01-15")));
  CHECK_FALSE(d::date_less(day("2026-01-15"), day("2026-01-15")));
  CHECK(d::date_less_equal(day("2026-01-15"), day("2026-01-15")));
  CHECK_FALSE(d::date_less_equal(day("2026-01-16"), day("2026-01-15")));
  CHECK(d::date_less(day("2025-12-31"), day("2026-01-01")));
  CHECK(d::date_less(day("2026-01-31"), day("2026-02-01")));
  CHECK(d::later_date(day("2026-02-01"), day("2026-01-31")) == day("2026-02-01"));
  CHECK(d::later_date(day("2026-01-31"), day("2026-02-01")) == day("2026-02-01"));
  CHECK(d::earlier_date(day("2026-02-01"), day("2026-01-31")) == day("2026-01-31"));
}

TEST_CASE("a period of months: the last covered day and the first uncovered one") {
  // Regulation 1182/71 art. 3(2)(c): the period ends with the day of the same number.
  const Date sale = day("2024-01-15");
  const Date last = d::add_months(sale, 24);
  CHECK(last == day("2026-01-15"));
  CHECK(d::date_less_equal(day("2026-01-15"), last));
  CHECK_FALSE(d::date_less_equal(day("2026-01-16"), last));
}
