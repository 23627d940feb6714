// Report periods: ISO weeks across year ends, months and quarters in the engine's zone across its
// DST switches, and the local days of instants (domain/report_period.hpp).
#include <doctest/doctest.h>

#include "domain/calendar_date.hpp"
#include "domain/report_period.hpp"

using namespace rma;
using rma::domain::LocalDays;
using rma::domain::TimeZone;

namespace {

std::string label_of_day(const char* date, ReportPeriod period) {
  const std::int64_t day = domain::days_since_epoch(Date::from_iso(date));
  const std::int64_t ordinal = domain::period_ordinal(day, period);
  return domain::period_label(domain::date_from_days(domain::period_first_day(ordinal, period)), period);
}

std::string label_at(const char* instant, const char* zone, ReportPeriod period) {
  const TimeZone tz = TimeZone::parse(zone, "time_zone");
  const Timestamp t = Timestamp::from_iso(instant);
  const LocalDays days(tz, t, t);
  const std::int64_t ordinal = domain::period_ordinal(days.day_of(t.micros), period);
  return domain::period_label(domain::date_from_days(domain::period_first_day(ordinal, period)), period);
}

}  // namespace

TEST_CASE("report periods: ISO weeks belong to the year of their Thursday, across year ends") {
  // 2020 has 53 weeks: Thursday 2020-12-31 is in W53, and so are 1 to 3 January 2021.
  CHECK(label_of_day("2020-12-31", ReportPeriod::week) == "2020-W53");
  CHECK(label_of_day("2021-01-03", ReportPeriod::week) == "2020-W53");
  CHECK(label_of_day("2021-01-04", ReportPeriod::week) == "2021-W01");
  // Monday 2024-12-30 starts 2025-W01 (its Thursday is 2 January 2025); Sunday the 29th is 2024-W52.
  CHECK(label_of_day("2024-12-29", ReportPeriod::week) == "2024-W52");
  CHECK(label_of_day("2024-12-30", ReportPeriod::week) == "2025-W01");
  // A week's cells are its Monday.
  CHECK(domain::date_from_days(domain::period_first_day(
            domain::period_ordinal(domain::days_since_epoch(Date::from_iso("2026-11-29")), ReportPeriod::week),
            ReportPeriod::week)) == Date::from_iso("2026-11-23"));
  // Consecutive weeks have consecutive ordinals, before 1970 too.
  const std::int64_t a = domain::period_ordinal(domain::days_since_epoch(Date::from_iso("1969-12-28")), ReportPeriod::week);
  const std::int64_t b = domain::period_ordinal(domain::days_since_epoch(Date::from_iso("1969-12-29")), ReportPeriod::week);
  CHECK(b == a + 1);
  CHECK(label_of_day("1969-12-29", ReportPeriod::week) == "1970-W01");
}

TEST_CASE("report periods: days, months, quarters and years label their first day") {
  CHECK(label_of_day("2026-11-25", ReportPeriod::day) == "2026-11-25");
  CHECK(label_of_day("2026-11-25", ReportPeriod::month) == "2026-11");
  CHECK(label_of_day("2026-03-31", ReportPeriod::quarter) == "2026-Q1");
  CHECK(label_of_day("2026-04-01", ReportPeriod::quarter) == "2026-Q2");
  CHECK(label_of_day("2026-12-31", ReportPeriod::quarter) == "2026-Q4");
  CHECK(label_of_day("2027-01-01", ReportPeriod::quarter) == "2027-Q1");
  CHECK(label_of_day("2026-12-31", ReportPeriod::year) == "2026");
  CHECK(label_of_day("1969-12-31", ReportPeriod::month) == "1969-12");
  CHECK(report_period_label(Date::from_iso("2026-10-01"), ReportPeriod::quarter) == "2026-Q4");
}

TEST_CASE("report periods: a quarter ends at local midnight in the engine's zone, DST included") {
  // Berlin is on summer time (UTC+2) from 29 March 2026: 1 April starts at 22:00 UTC on 31 March.
  CHECK(label_at("2026-03-31T21:59:59.999999Z", "Europe/Berlin", ReportPeriod::quarter) == "2026-Q1");
  CHECK(label_at("2026-03-31T22:00:00Z", "Europe/Berlin", ReportPeriod::quarter) == "2026-Q2");
  // The same instants in UTC are still 31 March.
  CHECK(label_at("2026-03-31T22:00:00Z", "UTC", ReportPeriod::quarter) == "2026-Q1");
  // Back to winter time (UTC+1) on 25 October: 1 January starts at 23:00 UTC on 31 December.
  CHECK(label_at("2026-12-31T22:59:59Z", "CET-1CEST,M3.5.0,M10.5.0/3", ReportPeriod::quarter) == "2026-Q4");
  CHECK(label_at("2026-12-31T23:00:00Z", "CET-1CEST,M3.5.0,M10.5.0/3", ReportPeriod::quarter) == "2027-Q1");
  // 1 October in Berlin (summer time) starts at 22:00 UTC on 30 September.
  CHECK(label_at("2026-09-30T21:59:59Z", "Europe/Berlin", ReportPeriod::quarter) == "2026-Q3");
  CHECK(label_at("2026-09-30T22:00:00Z", "Europe/Berlin", ReportPeriod::quarter) == "2026-Q4");
  // New York (UTC-4 in summer): 1 July starts at 04:00 UTC.
  CHECK(label_at("2026-07-01T03:59:59Z", "America/New_York", ReportPeriod::quarter) == "2026-Q2");
  CHECK(label_at("2026-07-01T04:00:00Z", "America/New_York", ReportPeriod::quarter) == "2026-Q3");
  // Sydney (southern hemisphere, UTC+11 in January): 1 January starts at 13:00 UTC on 31 December.
  CHECK(label_at("2026-12-31T12:59:59Z", "Australia/Sydney", ReportPeriod::year) == "2026");
  CHECK(label_at("2026-12-31T13:00:00Z", "Australia/Sydney", ReportPeriod::year) == "2027");
  // Tokyo has no DST: always UTC+9.
  CHECK(label_at("2026-03-31T14:59:59Z", "Asia/Tokyo", ReportPeriod::quarter) == "2026-Q1");
  CHECK(label_at("2026-03-31T15:00:00Z", "Asia/Tokyo", ReportPeriod::quarter) == "2026-Q2");
}

TEST_CASE("report periods: local days over a span agree with the zone's rule at and around its switches") {
  const TimeZone berlin = TimeZone::parse("Europe/Berlin", "time_zone");
  const Timestamp from = Timestamp::from_iso("2025-12-01T00:00:00Z");
  const Timestamp to = Timestamp::from_iso("2027-02-01T00:00:00Z");
  const LocalDays days(berlin, from, to);
  // Every 37 minutes across the span, and each second around the spring and autumn switches.
  for (std::int64_t t = from.micros; t <= to.micros; t += 37LL * 60 * 1000000) {
    REQUIRE(days.day_of(t) == domain::days_since_epoch(berlin.local_date(Timestamp{t})));
  }
  for (const char* around : {"2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2026-03-28T23:00:00Z",
                             "2026-10-24T22:00:00Z"}) {
    const std::int64_t centre = Timestamp::from_iso(around).micros;
    for (std::int64_t s = -3600; s <= 3600; ++s) {
      const Timestamp t{centre + s * 1000000};
      REQUIRE(days.day_of(t.micros) == domain::days_since_epoch(berlin.local_date(t)));
    }
  }
  // Outside the span the rule itself answers.
  const Timestamp before = Timestamp::from_iso("2020-06-30T22:30:00Z");
  CHECK(days.day_of(before.micros) == domain::days_since_epoch(Date::from_iso("2020-07-01")));
}
