#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "domain/calendar_date.hpp"
#include "domain/time_zone.hpp"
#include "rma/calendar.hpp"
#include "rma/error.hpp"
#include "rma/time.hpp"

using rma::BusinessCalendar;
using rma::CalendarConfig;
using rma::Date;
using rma::Error;
using rma::Holiday;
using rma::HolidayKind;
using rma::Status;
using rma::TimeInterval;
using rma::Timestamp;
using rma::WorkingDay;

namespace {

Timestamp at(const char* iso) { return Timestamp::from_iso(iso); }
Date day(const char* iso) { return Date::from_iso(iso); }
std::string iso(Timestamp t) { return t.to_iso(); }

constexpr const char* kBerlinRule = "CET-1CEST,M3.5.0,M10.5.0/3";
constexpr const char* kNewYorkRule = "EST5EDT,M3.2.0,M11.1.0";

// Monday to Friday 08:00-12:00 and 13:00-17:00 in `zone`, plus `extra` members.
BusinessCalendar office(const std::string& zone, const std::string& extra = "") {
  const std::string split = R"(["08:00-12:00", "13:00-17:00"])";
  return BusinessCalendar::from_json(R"({"time_zone": ")" + zone + R"(", "week": {"monday": )" + split +
                                     R"(, "tuesday": )" + split + R"(, "wednesday": )" + split +
                                     R"(, "thursday": )" + split + R"(, "friday": )" + split + "}" + extra + "}");
}

BusinessCalendar always_open(const std::string& zone, const std::string& sunday = "00:00-24:00") {
  std::string week;
  for (const char* d : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday"})
    week += std::string("\"") + d + R"(": ["00:00-24:00"], )";
  return BusinessCalendar::from_json(R"({"time_zone": ")" + zone + R"(", "week": {)" + week + R"("sunday": [")" +
                                     sunday + R"("]}})");
}

struct Failure {
  Status status = Status::ok;
  std::string field;
};

Failure failure(const std::string& json) {
  try {
    BusinessCalendar::from_json(json);
  } catch (const Error& e) {
    return Failure{e.status(), e.field()};
  }
  return Failure{};
}

const std::string kMonday = R"({"week": {"monday": ["08:00-17:00"]})";

}  // namespace

TEST_CASE("Easter: Western and Orthodox dates") {
  CHECK(rma::western_easter(2024) == day("2024-03-31"));
  CHECK(rma::western_easter(2025) == day("2025-04-20"));
  CHECK(rma::western_easter(2026) == day("2026-04-05"));
  CHECK(rma::western_easter(2019) == day("2019-04-21"));
  CHECK(rma::western_easter(2285) == day("2285-03-22"));  // the earliest possible date
  CHECK(rma::western_easter(2038) == day("2038-04-25"));  // the latest possible date
  CHECK(rma::orthodox_easter(2024) == day("2024-05-05"));
  CHECK(rma::orthodox_easter(2025) == day("2025-04-20"));
  CHECK(rma::orthodox_easter(2026) == day("2026-04-12"));
  CHECK(rma::orthodox_easter(2023) == day("2023-04-16"));
  CHECK(rma::orthodox_easter(2100) == day("2100-05-02"));  // 14 days between the calendars from 2100
}

TEST_CASE("Holidays: Italy, Poland, Romania, Germany") {
  const BusinessCalendar italy = office("Europe/Rome", R"(, "holidays": [
      {"annual": "04-25", "name": "Liberazione"}, {"annual": "06-02"}, {"easter": 1, "name": "Pasquetta"},
      {"annual": "12-08"}, {"date": "2026-12-24"}])");
  CHECK(italy.is_holiday(day("2026-04-06")));   // Easter Monday
  CHECK_FALSE(italy.is_holiday(day("2026-04-07")));
  CHECK(italy.is_holiday(day("2025-04-21")));
  CHECK(italy.is_holiday(day("2027-04-25")));
  CHECK(italy.is_holiday(day("2026-12-24")));
  CHECK_FALSE(italy.is_holiday(day("2027-12-24")));  // a fixed date, not every year
  CHECK(italy.hours_on(day("2026-04-06")).empty());
  CHECK(italy.hours_on(day("2026-04-07")).size() == 2);

  const BusinessCalendar poland = office(kBerlinRule, R"(, "holidays": [
      {"easter": 49, "name": "Zielone Swiatki"}, {"easter": 60, "name": "Boze Cialo"}, {"annual": "11-11"}])");
  CHECK(poland.is_holiday(day("2026-05-24")));  // Whit Sunday
  CHECK(poland.is_holiday(day("2026-06-04")));  // Corpus Christi
  CHECK(poland.is_holiday(day("2025-06-19")));
  CHECK_FALSE(poland.is_holiday(day("2026-06-05")));
  CHECK_FALSE(poland.is_holiday(day("2026-06-03")));

  const BusinessCalendar romania = office("EET-2EEST,M3.5.0/3,M10.5.0/4", R"(, "holidays": [
      {"orthodox_easter": -2}, {"orthodox_easter": 1}, {"orthodox_easter": 50, "name": "Rusalii"},
      {"annual": "06-01"}, {"annual": "12-01"}])");
  CHECK(romania.is_holiday(day("2026-04-10")));  // Orthodox Good Friday
  CHECK(romania.is_holiday(day("2026-04-13")));  // Orthodox Easter Monday
  CHECK_FALSE(romania.is_holiday(day("2026-04-06")));  // Western Easter Monday is a working day
  CHECK(romania.is_holiday(day("2026-06-01")));
  CHECK(romania.is_holiday(day("2024-06-24")));  // Whit Monday after the Orthodox Easter of 2024-05-05
  CHECK_FALSE(romania.is_holiday(day("2024-05-20")));

  const BusinessCalendar germany = office(kBerlinRule, R"(, "holidays": [
      {"easter": -2}, {"easter": 1}, {"easter": 39}, {"easter": 50}, {"annual": "10-03"}])");
  CHECK(germany.is_holiday(day("2026-04-03")));  // Good Friday
  CHECK(germany.is_holiday(day("2026-05-14")));  // Ascension
  CHECK(germany.is_holiday(day("2026-05-25")));  // Whit Monday
  CHECK_FALSE(germany.is_holiday(day("2026-05-26")));
  // Maundy Thursday 17:00 plus one business second is the Tuesday after Easter.
  CHECK(iso(rma::add_business(germany, at("2026-04-02T15:00:00Z"), 1)) == "2026-04-07T06:00:01Z");
}

TEST_CASE("Boundaries: a deadline at the 17:00 close, one second after, lunch, next_open") {
  const BusinessCalendar cal = office(kBerlinRule);
  // Wednesday 2026-11-25, 16:00 local = 15:00Z.
  CHECK(iso(rma::add_business(cal, at("2026-11-25T15:00:00Z"), 3600)) == "2026-11-25T16:00:00Z");
  CHECK(iso(rma::add_business(cal, at("2026-11-25T15:00:00Z"), 3601)) == "2026-11-26T07:00:01Z");
  CHECK(iso(rma::add_business(cal, at("2026-11-25T10:59:59Z"), 1)) == "2026-11-25T11:00:00Z");  // 12:00
  CHECK(iso(rma::add_business(cal, at("2026-11-25T10:59:59Z"), 2)) == "2026-11-25T12:00:01Z");  // 13:00:01
  CHECK(iso(rma::add_business(cal, at("2026-11-25T20:00:00Z"), 0)) == "2026-11-25T20:00:00Z");
  // Friday 16:00 + 2 hours: Monday 09:00.
  CHECK(iso(rma::add_business(cal, at("2026-11-27T15:00:00Z"), 7200)) == "2026-11-30T08:00:00Z");
  // 5 business days of 8 hours from Wednesday 08:00 is the next Wednesday 08:00 (17:00 Tuesday).
  CHECK(iso(rma::add_business(cal, at("2026-11-25T07:00:00Z"), 5 * 8 * 3600)) == "2026-12-01T16:00:00Z");

  CHECK(rma::business_seconds_between(cal, at("2026-11-25T15:00:00Z"), at("2026-11-25T16:00:00Z")) == 3600);
  CHECK(rma::business_seconds_between(cal, at("2026-11-25T15:00:00Z"), at("2026-11-26T07:00:01Z")) == 3601);
  CHECK(rma::business_seconds_between(cal, at("2026-11-26T07:00:01Z"), at("2026-11-25T15:00:00Z")) == -3601);
  CHECK(rma::business_seconds_between(cal, at("2026-11-28T07:00:00Z"), at("2026-11-29T16:00:00Z")) == 0);
  // 30 weeks of 40 hours, through the March switch.
  CHECK(rma::business_seconds_between(cal, at("2026-01-04T23:00:00Z"), at("2026-08-02T22:00:00Z")) ==
        30 * 40 * 3600);
  // A long target skips whole weeks and lands where the reverse count says.
  const Timestamp start = at("2026-11-25T09:17:00Z");
  const Timestamp due = rma::add_business(cal, start, 1000LL * 8 * 3600 + 59);
  CHECK(rma::business_seconds_between(cal, start, due) == 1000LL * 8 * 3600 + 59);
  CHECK(rma::business_seconds_between(cal, start, Timestamp{due.micros - 1000000}) == 1000LL * 8 * 3600 + 58);

  CHECK(iso(rma::next_open(cal, at("2026-11-25T15:59:59Z"))) == "2026-11-25T15:59:59Z");
  CHECK(iso(rma::next_open(cal, at("2026-11-25T16:00:00Z"))) == "2026-11-26T07:00:00Z");
  CHECK(iso(rma::next_open(cal, at("2026-11-25T11:00:00Z"))) == "2026-11-25T12:00:00Z");
  CHECK(iso(rma::next_open(cal, at("2026-11-27T16:30:00Z"))) == "2026-11-30T07:00:00Z");

  CHECK_THROWS_AS(rma::add_business(cal, at("2026-11-25T15:00:00Z"), -1), Error);
}

TEST_CASE("Working days open a holiday or a weekend, with their own hours or the weekday's") {
  const BusinessCalendar cal = office("UTC", R"(, "holidays": [{"annual": "12-24"}, {"date": "2026-12-31"}],
      "working_days": [{"date": "2026-11-28", "hours": ["09:00-13:00"], "name": "stock take"},
                       {"date": "2026-12-31"}])");
  CHECK(cal.hours_on(day("2026-11-28")) == std::vector<TimeInterval>{{9 * 3600, 13 * 3600}});
  CHECK(cal.hours_on(day("2026-12-31")).size() == 2);  // Thursday's hours, although a holiday
  CHECK(cal.is_holiday(day("2026-12-31")));
  CHECK(cal.hours_on(day("2026-12-24")).empty());
  CHECK(iso(rma::next_open(cal, at("2026-11-27T17:00:00Z"))) == "2026-11-28T09:00:00Z");
  CHECK(rma::business_seconds_between(cal, at("2026-11-28T00:00:00Z"), at("2026-11-29T00:00:00Z")) == 4 * 3600);
  CHECK(iso(rma::add_business(cal, at("2026-12-23T16:00:00Z"), 3601)) == "2026-12-25T08:00:01Z");
}

TEST_CASE("DST in Berlin: wall-clock intervals, 23- and 25-hour days") {
  for (const char* zone : {kBerlinRule, "Europe/Berlin"}) {
    if (std::string(zone) == "Europe/Berlin" && !std::ifstream("/usr/share/zoneinfo/Europe/Berlin").good()) continue;
    CAPTURE(zone);
    const BusinessCalendar all = always_open(zone);
    CHECK(rma::business_seconds_between(all, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z")) == 23 * 3600);
    CHECK(rma::business_seconds_between(all, at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z")) == 25 * 3600);
    // Sundays 01:00-04:00: the skipped hour 02:00-03:00 is never open; the repeated one twice.
    const BusinessCalendar night = always_open(zone, "01:00-04:00");
    CHECK(rma::business_seconds_between(night, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z")) == 2 * 3600);
    CHECK(rma::business_seconds_between(night, at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z")) == 4 * 3600);
    // A start inside the skipped hour maps forward to 03:00 CEST.
    const BusinessCalendar late = always_open(zone, "02:30-05:00");
    CHECK(iso(rma::next_open(late, at("2026-03-28T23:00:00Z"))) == "2026-03-29T01:00:00Z");
    CHECK(iso(rma::add_business(late, at("2026-03-28T23:00:00Z"), 3600)) == "2026-03-29T02:00:00Z");
    // Ending inside the skipped hour: 01:00-02:30 is open one hour that day.
    const BusinessCalendar early = always_open(zone, "01:00-02:30");
    CHECK(rma::business_seconds_between(early, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z")) == 3600);
  }
}

TEST_CASE("DST in New York: across the weekend of the switches") {
  const std::string split = R"(["09:00-17:00"])";
  std::string week;
  for (const char* d : {"monday", "tuesday", "wednesday", "thursday", "friday"})
    week += std::string(week.empty() ? "" : ", ") + "\"" + d + "\": " + split;
  for (const char* zone : {kNewYorkRule, "America/New_York"}) {
    if (std::string(zone) == "America/New_York" && !std::ifstream("/usr/share/zoneinfo/America/New_York").good())
      continue;
    CAPTURE(zone);
    const BusinessCalendar cal =
        BusinessCalendar::from_json(std::string(R"({"time_zone": ")") + zone + R"(", "week": {)" + week + "}}");
    // Friday 2026-03-06 16:00 EST + 2 h = Monday 10:00 EDT.
    CHECK(iso(rma::add_business(cal, at("2026-03-06T21:00:00Z"), 7200)) == "2026-03-09T14:00:00Z");
    CHECK(rma::business_seconds_between(cal, at("2026-03-06T21:00:00Z"), at("2026-03-09T14:00:00Z")) == 7200);
    // Friday 2026-10-30 16:00 EDT + 2 h = Monday 10:00 EST.
    CHECK(iso(rma::add_business(cal, at("2026-10-30T20:00:00Z"), 7200)) == "2026-11-02T15:00:00Z");
    CHECK(iso(rma::next_open(cal, at("2026-10-30T21:00:00Z"))) == "2026-11-02T14:00:00Z");
  }
}

TEST_CASE("Configuration errors name their JSON path") {
  auto check = [](const std::string& json, Status status, const std::string& field) {
    const Failure f = failure(json);
    CAPTURE(json);
    CHECK(f.status == status);
    CHECK(f.field == field);
  };
  check("{", Status::malformed_json, "");
  check(R"({"week": {"monday": ["08:00-17:00"]}, "wek": {}})", Status::unknown_value, "wek");
  check(R"({"week": {"mondy": ["08:00-17:00"]}})", Status::unknown_value, "week.mondy");
  check(R"({"week": {}})", Status::invalid_argument, "week");
  check(R"({"week": {"monday": ["08:00-12:00", "11:59-17:00"]}})", Status::invalid_argument, "week.monday[1]");
  CHECK(failure(R"({"week": {"monday": ["08:00-12:00", "12:00-17:00"]}})").status == Status::ok);
  check(R"({"week": {"monday": ["08:00-24:01"]}})", Status::out_of_range, "week.monday[0]");
  CHECK(failure(R"({"week": {"monday": ["08:00-24:00"]}})").status == Status::ok);
  check(R"({"week": {"monday": ["17:00-08:00"]}})", Status::invalid_argument, "week.monday[0]");
  check(R"({"week": {"monday": ["08:00-08:00"]}})", Status::invalid_argument, "week.monday[0]");
  CHECK(failure(R"({"week": {"monday": ["08:00-08:01"]}})").status == Status::ok);
  check(R"({"week": {"monday": ["8:00-17:00"]}})", Status::invalid_argument, "week.monday[0]");
  check(R"({"week": {"monday": [800]}})", Status::wrong_type, "week.monday[0]");
  check(R"({"time_zone": "Mars/Olympus", "week": {"monday": ["08:00-17:00"]}})", Status::unknown_value, "time_zone");
  check(kMonday + R"(, "holidays": [{"annual": "12-25", "easter": 1}]})", Status::invalid_argument, "holidays[0].easter");
  check(kMonday + R"(, "holidays": [{"annual": "12-25"}, {"name": "x"}]})", Status::missing_field, "holidays[1]");
  check(kMonday + R"(, "holidays": [{"annual": "02-30"}]})", Status::out_of_range, "holidays[0].annual");
  CHECK(failure(kMonday + R"(, "holidays": [{"annual": "02-29"}]})").status == Status::ok);
  check(kMonday + R"(, "holidays": [{"easter": 367}]})", Status::out_of_range, "holidays[0].easter");
  CHECK(failure(kMonday + R"(, "holidays": [{"easter": 366}]})").status == Status::ok);
  check(kMonday + R"(, "holidays": [{"date": "2026-02-30"}]})", Status::out_of_range, "holidays[0].date");
  check(kMonday + R"(, "holidays": [{"easter": 1}, {"easter": 1}]})", Status::duplicate, "holidays[1].easter");
  check(kMonday + R"(, "holidays": [{"easter": 1, "dat": 1}]})", Status::unknown_value, "holidays[0].dat");
  // 2026-11-28 is a Saturday, closed every week: it needs its own hours.
  check(kMonday + R"(, "working_days": [{"date": "2026-11-28"}]})", Status::missing_field, "working_days[0].hours");
  CHECK(failure(kMonday + R"(, "working_days": [{"date": "2026-11-30"}]})").status == Status::ok);
  check(kMonday + R"(, "working_days": [{"date": "2026-11-30"}, {"date": "2026-11-30"}]})", Status::duplicate,
        "working_days[1].date");
  check(kMonday + R"(, "working_days": [{"date": "2026-11-28", "hours": []}]})", Status::invalid_argument,
        "working_days[0].hours");
  check(kMonday + R"(, "working_days": [{"date": "2026-11-28", "hours": ["13:00-14:00", "09:00-10:00"]}]})",
        Status::invalid_argument, "working_days[0].hours[1]");
}

// The reference: an instant is open when its wall-clock reading falls in the hours of its local
// date. Stepping minute by minute over a window gives every answer on minute-aligned inputs.
TEST_CASE("Property: add_business and business_seconds_between match a minute-by-minute reference") {
  const std::vector<std::string> zones = {"UTC", kBerlinRule, kNewYorkRule, "AEST-10AEDT,M10.1.0,M4.1.0/3",
                                          "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"};
  const std::vector<const char*> window_starts = {"2026-03-24T00:00:00Z", "2026-10-20T00:00:00Z",
                                                  "2026-10-30T00:00:00Z", "2026-12-27T00:00:00Z",
                                                  "2026-03-31T00:00:00Z", "2027-03-10T00:00:00Z"};
  constexpr std::int64_t kMinutes = 12 * 24 * 60;
  constexpr int kCalendars = 2000;
  std::mt19937 rng(20261125);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  int checks = 0;
  for (int round = 0; round < kCalendars; ++round) {
    CalendarConfig config;
    config.time_zone = zones[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(zones.size()) - 1))];
    const bool full = pick(0, 9) == 0;
    for (auto& hours : config.week) {
      if (full) {
        hours = {{0, 86400}};
        continue;
      }
      std::int32_t minute = 0;
      const auto count = pick(0, 3);
      for (std::int64_t i = 0; i < count && minute < 1439; ++i) {
        const auto start = static_cast<std::int32_t>(pick(minute, std::min<std::int64_t>(minute + 600, 1439)));
        const auto end = static_cast<std::int32_t>(pick(start + 1, std::min<std::int64_t>(start + 600, 1440)));
        hours.push_back({start * 60, end * 60});
        minute = end;
      }
    }
    if (config.week[0].empty()) config.week[0] = {{8 * 3600, 17 * 3600}};
    const Timestamp window = at(window_starts[static_cast<std::size_t>(pick(0, 5))]);
    const Date first = rma::domain::TimeZone().local_date(window);
    for (std::int64_t i = pick(0, 3); i > 0; --i) {
      Holiday h;
      h.kind = static_cast<HolidayKind>(pick(0, 3));
      h.date = rma::domain::add_days(first, static_cast<std::int32_t>(pick(0, 12)));
      h.offset_days = static_cast<std::int32_t>(pick(-5, 300));
      bool repeated = false;
      for (const Holiday& other : config.holidays)
        repeated = repeated || (other.kind == h.kind && (h.kind == HolidayKind::easter || h.kind == HolidayKind::orthodox_easter
                                                             ? other.offset_days == h.offset_days
                                                             : other.date.month == h.date.month && other.date.day == h.date.day));
      if (!repeated) config.holidays.push_back(h);
    }
    if (pick(0, 1) == 1) {
      WorkingDay w;
      w.date = rma::domain::add_days(first, static_cast<std::int32_t>(pick(0, 12)));
      w.own_hours = true;
      w.hours = {{static_cast<std::int32_t>(pick(0, 600)) * 60, static_cast<std::int32_t>(pick(601, 1440)) * 60}};
      config.working_days.push_back(w);
    }
    const BusinessCalendar cal = BusinessCalendar::from_config(config);
    const rma::domain::TimeZone zone = rma::domain::TimeZone::parse(config.time_zone, "time_zone");

    std::vector<std::int64_t> open_before(kMinutes + 1, 0);  // open minutes in [window, window + i)
    std::int64_t hours_day = std::numeric_limits<std::int64_t>::min();  // the local day whose hours `hours` holds
    std::vector<TimeInterval> hours;
    for (std::int64_t i = 0; i < kMinutes; ++i) {
      const Timestamp t{window.micros + i * 60000000};
      const std::int64_t local = t.micros / 1000000 + zone.utc_offset_seconds(t);
      const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
      const std::int64_t second = local - days * 86400;
      if (days != hours_day) {
        hours_day = days;
        hours = cal.hours_on(rma::domain::date_from_days(days));
      }
      bool open = false;
      for (const TimeInterval& h : hours) open = open || (second >= h.start && second < h.end);
      open_before[static_cast<std::size_t>(i + 1)] = open_before[static_cast<std::size_t>(i)] + (open ? 1 : 0);
    }
    auto minute_at = [&](std::int64_t i) { return Timestamp{window.micros + i * 60000000}; };
    for (int q = 0; q < 6; ++q) {
      const std::int64_t a = pick(0, kMinutes);
      const std::int64_t b = pick(0, kMinutes);
      CAPTURE(round);
      CAPTURE(config.time_zone);
      CAPTURE(iso(minute_at(a)));
      CAPTURE(iso(minute_at(b)));
      const auto expected = (open_before[static_cast<std::size_t>(b)] - open_before[static_cast<std::size_t>(a)]) * 60;
      CHECK(rma::business_seconds_between(cal, minute_at(a), minute_at(b)) == expected);
      // add_business: the first minute boundary where the count reaches the target, if in the window.
      const std::int64_t target = pick(0, 9 * 8 * 60);
      const auto want = open_before[static_cast<std::size_t>(a)] + target;
      if (want > open_before[kMinutes]) continue;
      std::int64_t due = a;
      while (open_before[static_cast<std::size_t>(due)] < want) ++due;
      CAPTURE(target);
      CHECK(iso(rma::add_business(cal, minute_at(a), target * 60)) == iso(minute_at(due)));
      // next_open: the first open minute at or after a.
      std::int64_t opens = a;
      while (opens < kMinutes && open_before[static_cast<std::size_t>(opens + 1)] == open_before[static_cast<std::size_t>(opens)]) ++opens;
      if (opens < kMinutes) CHECK(iso(rma::next_open(cal, minute_at(a))) == iso(minute_at(opens)));
      checks += 3;
    }
  }
  CHECK(checks > 4 * kCalendars);  // about 9 of the 18 queries per calendar land inside the window
}

TEST_CASE("The example of docs/calendars.md parses") {
  const BusinessCalendar cal = BusinessCalendar::from_json(R"json({
  "time_zone": "Europe/Berlin",
  "week": {
    "monday":    ["08:00-12:00", "13:00-17:00"],
    "tuesday":   ["08:00-12:00", "13:00-17:00"],
    "wednesday": ["08:00-12:00", "13:00-17:00"],
    "thursday":  ["08:00-12:00", "13:00-17:00"],
    "friday":    ["08:00-12:00", "13:00-16:00"],
    "saturday":  ["20:00-24:00"]
  },
  "holidays": [
    {"date": "2026-12-24", "name": "Christmas Eve (this year only)"},
    {"annual": "10-03", "name": "German Unity Day"},
    {"easter": -2, "name": "Good Friday"},
    {"easter": 1, "name": "Easter Monday"},
    {"easter": 50, "name": "Whit Monday"},
    {"orthodox_easter": 1, "name": "Orthodox Easter Monday"}
  ],
  "working_days": [
    {"date": "2026-11-28", "hours": ["09:00-13:00"], "name": "stock take"},
    {"date": "2026-10-05"}
  ]
}
)json");
  CHECK(cal.config().holidays.size() == 6);
  CHECK(cal.hours_on(day("2026-11-28")).size() == 1);
  CHECK(cal.hours_on(day("2026-11-21")) == std::vector<TimeInterval>{{20 * 3600, 24 * 3600}});
  CHECK(cal.hours_on(day("2026-04-13")).empty());  // Orthodox Easter Monday
}
