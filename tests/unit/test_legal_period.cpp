// Where a legal period ends: Reg. 1182/71 art. 3(4) on both sides of every kind of last day.
#include <doctest/doctest.h>

#include <string>

#include "domain/jurisdiction_rules.hpp"
#include "domain/legal_period.hpp"
#include "public_holidays_fixture.hpp"

using rma::Date;
using rma::domain::jurisdiction_rules;
using rma::domain::legal_period_end;
using rma::domain::PeriodEnd;
using rma::domain::PeriodUnit;

namespace {

Date day(const char* iso) { return Date::from_iso(iso); }

PeriodEnd days_from(const char* start, int days, const char* country = "DE") {
  return legal_period_end(day(start), days, PeriodUnit::days, jurisdiction_rules(country), country,
                          test_holidays::holidays());
}

}  // namespace

TEST_CASE("legal period: weekdays from the civil date") {
  CHECK(rma::domain::weekday_of(day("1970-01-01")) == 3);
  CHECK(std::string(rma::domain::weekday_name(day("2026-03-22"))) == "Sunday");
  CHECK(std::string(rma::domain::weekday_name(day("2026-03-23"))) == "Monday");
  CHECK(std::string(rma::domain::weekday_name(day("1969-12-31"))) == "Wednesday");
  CHECK(std::string(rma::domain::weekday_name(day("2000-02-29"))) == "Tuesday");
}

TEST_CASE("legal period: a last day on a working day stays") {
  // Friday.
  const PeriodEnd friday = days_from("2026-03-06", 14);
  CHECK(friday.nominal_end == day("2026-03-20"));
  CHECK(friday.end == day("2026-03-20"));
  CHECK_FALSE(friday.rolled());
  // 31 December 2026 is a Thursday and no national holiday.
  CHECK(days_from("2026-12-17", 14).end == day("2026-12-31"));
}

TEST_CASE("legal period: a Saturday or Sunday moves to Monday") {
  const PeriodEnd saturday = days_from("2026-03-07", 14);
  CHECK(saturday.nominal_end == day("2026-03-21"));
  CHECK(saturday.end == day("2026-03-23"));
  const PeriodEnd sunday = days_from("2026-03-08", 14);
  CHECK(sunday.nominal_end == day("2026-03-22"));
  CHECK(sunday.end == day("2026-03-23"));
  CHECK(sunday.rolled());
  CHECK(rma::domain::describe_period("withdrawal window", sunday) ==
        "withdrawal window: 14 days from 2026-03-08 ends Sunday 2026-03-22, rolled to Monday 2026-03-23 by Reg. "
        "1182/71 art. 3(4)");
}

TEST_CASE("legal period: a public holiday moves to the next working day of that country") {
  // Easter Monday 2026 in Germany: Tuesday.
  const PeriodEnd easter = days_from("2026-03-23", 14);
  CHECK(easter.nominal_end == day("2026-04-06"));
  CHECK(easter.end == day("2026-04-07"));
  CHECK(rma::domain::describe_period("w", easter).find("Monday 2026-04-06 (a public holiday), rolled to Tuesday") !=
        std::string::npos);
  // 11 November is a holiday in Poland, not in Germany.
  CHECK(days_from("2026-10-28", 14, "PL").end == day("2026-11-12"));
  CHECK(days_from("2026-10-28", 14, "DE").end == day("2026-11-11"));
  // 1 January: Friday 2027, then the weekend: Monday 4 January.
  CHECK(days_from("2026-12-18", 14).end == day("2027-01-04"));
}

TEST_CASE("legal period: a holiday followed by a weekend and another holiday") {
  // Good Friday 2026 (DE), the weekend, Easter Monday: Tuesday 7 April.
  CHECK(days_from("2026-03-20", 14).end == day("2026-04-07"));
  // 1 May 2026 (PL) is a Friday, 3 May a Sunday and a holiday: Monday 4 May.
  CHECK(days_from("2026-04-17", 14, "PL").end == day("2026-05-04"));
}

TEST_CASE("legal period: 31 December on a Sunday rolls into the next year past New Year's Day") {
  const PeriodEnd p = days_from("2028-12-17", 14);
  CHECK(p.nominal_end == day("2028-12-31"));
  CHECK(p.end == day("2029-01-02"));
}

TEST_CASE("legal period: dates do not see DST switches") {
  // 29 March and 25 October 2026 are the EU's switch days, both Sundays.
  CHECK(days_from("2026-03-15", 14).end == day("2026-03-30"));
  CHECK(days_from("2026-10-11", 14).end == day("2026-10-26"));
}

TEST_CASE("legal period: months, and countries whose periods do not roll") {
  const PeriodEnd months = legal_period_end(day("2024-05-03"), 24, PeriodUnit::months, jurisdiction_rules("PL"), "PL",
                                            test_holidays::holidays());
  CHECK(months.nominal_end == day("2026-05-03"));
  CHECK(months.end == day("2026-05-04"));
  // Great Britain counts the 14 days without moving them.
  const PeriodEnd gb = days_from("2026-03-08", 14, "GB");
  CHECK(gb.end == day("2026-03-22"));
  CHECK(rma::domain::describe_period("w", gb) == "w: 14 days from 2026-03-08 ends Sunday 2026-03-22");
}

TEST_CASE("legal period: by default the built-in public holidays of the consumer's country") {
  const auto& built_in = rma::domain::default_public_holidays();
  const auto end = [&built_in](const char* start, const char* country) {
    return legal_period_end(day(start), 14, PeriodUnit::days, jurisdiction_rules(country), country, built_in).end;
  };
  // Easter Monday 2026 in Germany: Tuesday.
  CHECK(end("2026-03-23", "DE") == day("2026-04-07"));
  // 1 January 2027 (Friday) in Italy, then the weekend: Monday 4 January.
  CHECK(end("2026-12-18", "IT") == day("2027-01-04"));
  // 11 November is a holiday in Poland, not in Germany.
  CHECK(end("2026-10-28", "PL") == day("2026-11-12"));
  CHECK(end("2026-10-28", "DE") == day("2026-11-11"));
  // No jurisdiction, or one librma has no row for: weekends only.
  CHECK(end("2026-12-18", "") == day("2027-01-01"));
  CHECK(end("2026-12-18", "JP") == day("2027-01-01"));
  CHECK_FALSE(built_in("", day("2027-01-01")));
}

TEST_CASE("legal period: a holiday source that closes every day stops after a year") {
  const rma::domain::PublicHolidays always = [](std::string_view, Date) { return true; };
  const PeriodEnd p = legal_period_end(day("2026-03-06"), 14, PeriodUnit::days, jurisdiction_rules("DE"), "DE", always);
  CHECK(p.end == day("2027-03-21"));  // 366 days on, then it gives up
}
