#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "domain/time_zone.hpp"
#include "rma/error.hpp"
#include "rma/time.hpp"

using rma::Date;
using rma::Error;
using rma::Status;
using rma::Timestamp;
using rma::domain::TimeZone;

namespace {

Timestamp at(const char* iso) { return Timestamp::from_iso(iso); }

std::int64_t offset(const TimeZone& zone, const char* iso) { return zone.utc_offset_seconds(at(iso)); }

Status parse_status(const std::string& text) {
  try {
    TimeZone::parse(text, "time_zone");
  } catch (const Error& e) {
    CHECK(e.field() == "time_zone");
    return e.status();
  }
  return Status::ok;
}

bool have_tzdata() { return std::ifstream("/usr/share/zoneinfo/Europe/Rome").good(); }

}  // namespace

TEST_CASE("Berlin: POSIX signs are east-negative, switches on the last Sundays") {
  const TimeZone berlin = TimeZone::parse("CET-1CEST,M3.5.0,M10.5.0/3", "time_zone");
  CHECK(offset(berlin, "2026-01-15T12:00:00Z") == 3600);
  CHECK(offset(berlin, "2026-07-15T12:00:00Z") == 7200);
  // 2026-03-29 02:00 CET = 01:00Z.
  CHECK(offset(berlin, "2026-03-29T00:59:59Z") == 3600);
  CHECK(offset(berlin, "2026-03-29T01:00:00Z") == 7200);
  // 2026-10-25 03:00 CEST = 01:00Z.
  CHECK(offset(berlin, "2026-10-25T00:59:59Z") == 7200);
  CHECK(offset(berlin, "2026-10-25T01:00:00Z") == 3600);
  CHECK(berlin.local_date(at("2026-07-15T21:59:59Z")) == Date{2026, 7, 15});
  CHECK(berlin.local_date(at("2026-07-15T22:00:00Z")) == Date{2026, 7, 16});
  CHECK(berlin.local_date(at("2026-01-15T22:59:59Z")) == Date{2026, 1, 15});
  CHECK(berlin.local_date(at("2026-01-15T23:00:00Z")) == Date{2026, 1, 16});
}

TEST_CASE("New York: west of UTC, second Sunday of March to first Sunday of November") {
  const TimeZone ny = TimeZone::parse("EST5EDT,M3.2.0,M11.1.0", "time_zone");
  CHECK(offset(ny, "2026-03-08T06:59:59Z") == -18000);
  CHECK(offset(ny, "2026-03-08T07:00:00Z") == -14400);
  CHECK(offset(ny, "2026-11-01T05:59:59Z") == -14400);
  CHECK(offset(ny, "2026-11-01T06:00:00Z") == -18000);
  // 2027: 14 March and 7 November.
  CHECK(offset(ny, "2027-03-14T06:59:59Z") == -18000);
  CHECK(offset(ny, "2027-03-14T07:00:00Z") == -14400);
  CHECK(offset(ny, "2027-11-07T05:59:59Z") == -14400);
  CHECK(offset(ny, "2027-11-07T06:00:00Z") == -18000);
}

TEST_CASE("Sydney: daylight time spans New Year in the southern hemisphere") {
  const TimeZone sydney = TimeZone::parse("AEST-10AEDT,M10.1.0,M4.1.0/3", "time_zone");
  CHECK(offset(sydney, "2026-01-01T00:00:00Z") == 39600);
  CHECK(offset(sydney, "2025-12-31T12:59:59Z") == 39600);
  CHECK(offset(sydney, "2026-07-01T00:00:00Z") == 36000);
  // 2026-04-05 03:00 AEDT = 2026-04-04T16:00Z.
  CHECK(offset(sydney, "2026-04-04T15:59:59Z") == 39600);
  CHECK(offset(sydney, "2026-04-04T16:00:00Z") == 36000);
  // 2026-10-04 02:00 AEST = 2026-10-03T16:00Z.
  CHECK(offset(sydney, "2026-10-03T15:59:59Z") == 36000);
  CHECK(offset(sydney, "2026-10-03T16:00:00Z") == 39600);
  CHECK(sydney.local_date(at("2026-12-31T12:59:59Z")) == Date{2026, 12, 31});
  CHECK(sydney.local_date(at("2026-12-31T13:00:00Z")) == Date{2027, 1, 1});
}

TEST_CASE("Tokyo: no daylight time") {
  const TimeZone tokyo = TimeZone::parse("JST-9", "time_zone");
  CHECK(offset(tokyo, "2026-01-15T00:00:00Z") == 32400);
  CHECK(offset(tokyo, "2026-07-15T00:00:00Z") == 32400);
  CHECK(tokyo.local_date(at("2026-06-30T14:59:59Z")) == Date{2026, 6, 30});
  CHECK(tokyo.local_date(at("2026-06-30T15:00:00Z")) == Date{2026, 7, 1});
}

TEST_CASE("23:30 local time: the document's date, not the UTC date") {
  const TimeZone rome = TimeZone::parse("CET-1CEST,M3.5.0,M10.5.0/3", "time_zone");
  // 2026-01-31T23:30 in Rome is 22:30Z the same day.
  CHECK(rome.local_date(at("2026-01-31T22:30:00Z")) == Date{2026, 1, 31});
  CHECK(rome.local_date(at("2026-01-31T22:59:59Z")) == Date{2026, 1, 31});
  CHECK(rome.local_date(at("2026-01-31T23:00:00Z")) == Date{2026, 2, 1});
  // 2026-06-30T23:30 in New York is already 1 July in UTC.
  const TimeZone ny = TimeZone::parse("EST5EDT,M3.2.0,M11.1.0", "time_zone");
  CHECK(ny.local_date(at("2026-07-01T03:30:00Z")) == Date{2026, 6, 30});
  CHECK(ny.local_date(at("2026-07-01T03:59:59Z")) == Date{2026, 6, 30});
  CHECK(ny.local_date(at("2026-07-01T04:00:00Z")) == Date{2026, 7, 1});
}

TEST_CASE("rule forms: offsets with minutes, explicit daylight offsets, Jn and n dates, quoted names") {
  const TimeZone india = TimeZone::parse("IST-5:30", "tz");
  CHECK(offset(india, "2026-01-01T00:00:00Z") == 19800);
  CHECK(india.local_date(at("2026-01-01T18:29:59Z")) == Date{2026, 1, 1});
  CHECK(india.local_date(at("2026-01-01T18:30:00Z")) == Date{2026, 1, 2});
  const TimeZone dubai = TimeZone::parse("<+04>-4", "tz");
  CHECK(offset(dubai, "2026-01-01T00:00:00Z") == 14400);
  const TimeZone st_johns = TimeZone::parse("NST3:30NDT,M3.2.0,M11.1.0", "tz");
  CHECK(offset(st_johns, "2026-01-01T00:00:00Z") == -12600);
  CHECK(offset(st_johns, "2026-07-01T00:00:00Z") == -9000);
  // Lord Howe moves its clocks by 30 minutes.
  const TimeZone lord_howe = TimeZone::parse("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "tz");
  CHECK(offset(lord_howe, "2026-01-01T00:00:00Z") == 39600);
  CHECK(offset(lord_howe, "2026-07-01T00:00:00Z") == 37800);
  // Dublin: "negative" daylight time, winter is the exception.
  const TimeZone dublin = TimeZone::parse("IST-1GMT0,M10.5.0,M3.5.0/1", "tz");
  CHECK(offset(dublin, "2026-01-15T00:00:00Z") == 0);
  CHECK(offset(dublin, "2026-07-15T00:00:00Z") == 3600);
  CHECK(offset(dublin, "2026-03-29T00:59:59Z") == 0);
  CHECK(offset(dublin, "2026-03-29T01:00:00Z") == 3600);
  CHECK(offset(dublin, "2026-10-25T00:59:59Z") == 3600);
  CHECK(offset(dublin, "2026-10-25T01:00:00Z") == 0);
  // J60 is 1 March in leap years too; day 59 (0-based) is 29 February in a leap year.
  const TimeZone julian = TimeZone::parse("AAA0BBB,J60/0,J300/0", "tz");
  CHECK(offset(julian, "2024-02-29T23:59:59Z") == 0);
  CHECK(offset(julian, "2024-03-01T00:00:00Z") == 3600);
  const TimeZone zero_based = TimeZone::parse("AAA0BBB,59/0,300/0", "tz");
  CHECK(offset(zero_based, "2024-02-28T23:59:59Z") == 0);
  CHECK(offset(zero_based, "2024-02-29T00:00:00Z") == 3600);
  CHECK(offset(zero_based, "2023-02-28T23:59:59Z") == 0);
  CHECK(offset(zero_based, "2023-03-01T00:00:00Z") == 3600);
  // Greenland switches at -1:00 local time (RFC 8536 extension): Saturday 23:00.
  const TimeZone nuuk = TimeZone::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "tz");
  CHECK(offset(nuuk, "2026-03-29T00:59:59Z") == -7200);  // 28 March 22:59:59 local
  CHECK(offset(nuuk, "2026-03-29T01:00:00Z") == -3600);
  // Daylight time all year (RFC 8536 §3.3.1).
  const TimeZone always = TimeZone::parse("EST5EDT,0/0,J365/25", "tz");
  CHECK(offset(always, "2026-01-01T05:00:00Z") == -14400);
  CHECK(offset(always, "2026-07-01T00:00:00Z") == -14400);
  CHECK(offset(always, "2026-12-31T23:00:00Z") == -14400);
  // A switch at 24:00 of the last Saturday, written as hour 24.
  const TimeZone late = TimeZone::parse("AAA0BBB,M3.5.6/24,M10.5.6/24", "tz");
  CHECK(offset(late, "2026-03-28T23:59:59Z") == 0);
  CHECK(offset(late, "2026-03-29T00:00:00Z") == 3600);
}

TEST_CASE("the fifth week means the last such weekday of the month") {
  // March 2026 has five Sundays, the last on the 29th.
  const TimeZone sunday = TimeZone::parse("AAA0BBB,M3.5.0/0,M10.5.0/0", "tz");
  CHECK(offset(sunday, "2026-03-28T23:59:59Z") == 0);
  CHECK(offset(sunday, "2026-03-29T00:00:00Z") == 3600);
  // February 2026 has four Sundays (1, 8, 15, 22): week 5 is the 22nd.
  const TimeZone february = TimeZone::parse("AAA0BBB,M2.5.0/0,M10.5.0/0", "tz");
  CHECK(offset(february, "2026-02-21T23:59:59Z") == 0);
  CHECK(offset(february, "2026-02-22T00:00:00Z") == 3600);
  // Week 1: the first Sunday; 1 November 2026 is a Sunday. 00:00 daylight time is 23:00Z.
  const TimeZone first = TimeZone::parse("AAA0BBB,M3.1.0/0,M11.1.0/0", "tz");
  CHECK(offset(first, "2026-10-31T22:59:59Z") == 3600);
  CHECK(offset(first, "2026-10-31T23:00:00Z") == 0);
}

TEST_CASE("malformed rules fail with the reason, out-of-range numbers with out_of_range") {
  CHECK(parse_status("CET-1CEST,M3.5.0,M10.5.0/3") == Status::ok);
  CHECK(parse_status("") == Status::invalid_argument);
  CHECK(parse_status("CET-1CEST,M3.5.0") == Status::invalid_argument);
  CHECK(parse_status("CET-1CEST,M3.5,M10.5.0") == Status::invalid_argument);
  CHECK(parse_status("CET-1;") == Status::invalid_argument);
  CHECK(parse_status("<+1>-1") == Status::invalid_argument);  // quoted name shorter than 3
  CHECK(parse_status("CET-1CEST,M13.5.0,M10.5.0") == Status::out_of_range);
  CHECK(parse_status("CET-1CEST,M3.6.0,M10.5.0") == Status::out_of_range);
  CHECK(parse_status("CET-1CEST,M3.5.7,M10.5.0") == Status::out_of_range);
  CHECK(parse_status("CET-1CEST,J0,M10.5.0") == Status::out_of_range);
  CHECK(parse_status("CET-1CEST,J365,M10.5.0") == Status::ok);
  CHECK(parse_status("CET-1CEST,J366,M10.5.0") == Status::out_of_range);
  CHECK(parse_status("CET-1CEST,365,M10.5.0") == Status::ok);
  CHECK(parse_status("CET-1CEST,366,M10.5.0") == Status::out_of_range);
  CHECK(parse_status("CET-24") == Status::ok);
  CHECK(parse_status("CET-25") == Status::out_of_range);
  CHECK(parse_status("CET-1:59") == Status::ok);
  CHECK(parse_status("CET-1:60") == Status::out_of_range);
  CHECK(parse_status("AAA0BBB,M3.5.0/167,M10.5.0") == Status::ok);
  CHECK(parse_status("AAA0BBB,M3.5.0/168,M10.5.0") == Status::out_of_range);
  CHECK(parse_status("AAA0BBB,M3.5.0/-167,M10.5.0") == Status::ok);
  // Text that cannot be a zone name reports the rule's problem.
  try {
    TimeZone::parse("CET-1CEST,M3.5.0", "calendar.time_zone");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.field() == "calendar.time_zone");
    CHECK(std::string(e.what()).find("CET-1CEST,M3.5.0") != std::string::npos);
  }
}

TEST_CASE("zone names: validated, then read from the zoneinfo footer") {
  CHECK(parse_status("../../etc/passwd") == Status::invalid_argument);
  CHECK(parse_status("/usr/share/zoneinfo/Europe/Rome") == Status::invalid_argument);
  CHECK(parse_status("Europe/Rome;") == Status::invalid_argument);
  CHECK(parse_status("Nowhere/Atlantis") == Status::unknown_value);
  // A rule without switch dates (and no zone of that name) reports the rule's problem.
  CHECK(parse_status("CET-1CEST") == Status::invalid_argument);
  CHECK(TimeZone::parse("UTC", "tz").utc_offset_seconds(at("2026-07-01T00:00:00Z")) == 0);
  if (!have_tzdata()) {
    // Without tzdata a name can only be an unknown value, never a silent UTC.
    CHECK(parse_status("Europe/Rome") == Status::unknown_value);
    return;
  }
  const TimeZone rome = TimeZone::parse("Europe/Rome", "tz");
  CHECK(rome.text() == "Europe/Rome");
  CHECK(rome.rule() == "CET-1CEST,M3.5.0,M10.5.0/3");
  CHECK(offset(rome, "2026-03-29T00:59:59Z") == 3600);
  CHECK(offset(rome, "2026-03-29T01:00:00Z") == 7200);
  const TimeZone sydney = TimeZone::parse("Australia/Sydney", "tz");
  CHECK(offset(sydney, "2026-04-04T15:59:59Z") == 39600);
  CHECK(offset(sydney, "2026-04-04T16:00:00Z") == 36000);
  const TimeZone ny = TimeZone::parse("America/New_York", "tz");
  CHECK(ny.local_date(at("2026-07-01T03:30:00Z")) == Date{2026, 6, 30});
  const TimeZone tokyo = TimeZone::parse("Asia/Tokyo", "tz");
  CHECK(offset(tokyo, "2026-07-01T00:00:00Z") == 32400);
  // A directory is not a zone.
  CHECK(parse_status("Europe") == Status::unknown_value);
}
