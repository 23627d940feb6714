#include <doctest/doctest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "domain/sla_timeline.hpp"
#include "rma/calendar.hpp"
#include "rma/error.hpp"

using rma::BusinessCalendar;
using rma::SlaTimeline;
using rma::Timestamp;

namespace {

const std::string kSplit = R"(["08:00-12:00", "13:00-17:00"])";

std::string weekdays(const std::string& hours) {
  std::string out;
  for (const char* d : {"monday", "tuesday", "wednesday", "thursday", "friday"})
    out += std::string(out.empty() ? "" : ", ") + "\"" + d + "\": " + hours;
  return out;
}

// Zones with and without daylight saving, both hemispheres, hours that touch midnight and the
// switch hours, holidays of every kind and working days.
std::vector<std::string> calendars() {
  return {
      R"({"time_zone": "CET-1CEST,M3.5.0,M10.5.0/3", "week": {)" + weekdays(kSplit) + R"(},
          "holidays": [{"annual": "12-25"}, {"annual": "01-01"}, {"easter": 1}, {"easter": -2}, {"date": "2027-06-01"}],
          "working_days": [{"date": "2026-12-26", "hours": ["09:00-13:00"]}, {"date": "2027-04-02"}]})",
      R"({"time_zone": "EST5EDT,M3.2.0,M11.1.0", "week": {)" + weekdays(R"(["00:00-03:00", "20:00-24:00"])") +
          R"(, "sunday": ["01:00-04:00"]}})",
      R"({"time_zone": "AEST-10AEDT,M10.1.0,M4.1.0/3", "week": {)" + weekdays(kSplit) +
          R"(, "sunday": ["00:00-24:00"]}, "holidays": [{"orthodox_easter": 1}]})",
      R"({"time_zone": "JST-9", "week": {"monday": ["09:00-17:30"], "saturday": ["10:00-11:00"]}})",
      R"({"time_zone": "UTC", "week": {"monday": ["00:00-24:00"], "tuesday": ["00:00-24:00"], "wednesday": ["00:00-24:00"],
          "thursday": ["00:00-24:00"], "friday": ["00:00-24:00"], "saturday": ["00:00-24:00"], "sunday": ["00:00-24:00"]}})",
  };
}

}  // namespace

TEST_CASE("sla timeline: the same answers as the calendar's arithmetic") {
  std::mt19937_64 random(7);
  // Around the 2029/2030 decade boundary, across DST switches and year ends; some with micros.
  const std::int64_t from = Timestamp::from_iso("2025-12-20T00:00:00Z").micros;
  const std::int64_t to = Timestamp::from_iso("2031-01-10T00:00:00Z").micros;
  std::uniform_int_distribution<std::int64_t> instant(from, to);
  std::uniform_int_distribution<std::int64_t> seconds(0, 60 * 86400);
  std::uniform_int_distribution<int> shape(0, 3);
  for (const std::string& json : calendars()) {
    CAPTURE(json);
    const BusinessCalendar calendar = BusinessCalendar::from_json(json);
    const SlaTimeline timeline(calendar);
    for (int i = 0; i < 1000; ++i) {
      std::int64_t t = instant(random);
      std::int64_t s = seconds(random);
      switch (shape(random)) {
        case 0: t -= t % 1000000; break;               // whole seconds
        case 1: t -= t % 3600000000LL; s -= s % 3600; break;  // whole hours: opening and closing instants
        case 2: s %= 7200; break;                      // short targets
        default: break;
      }
      const Timestamp start{t};
      CAPTURE(start.to_iso());
      CAPTURE(s);
      const Timestamp expected = rma::add_business(calendar, start, s);
      CHECK(timeline.add_business(start, s) == expected);
      const Timestamp other{instant(random)};
      CHECK(timeline.business_seconds_between(start, other) == rma::business_seconds_between(calendar, start, other));
      CHECK(timeline.business_seconds_between(start, expected) == rma::business_seconds_between(calendar, start, expected));
    }
  }
}

TEST_CASE("sla timeline: zero, negative and far-away durations behave as the calendar's") {
  const BusinessCalendar calendar = BusinessCalendar::from_json(calendars().front());
  const SlaTimeline timeline(calendar);
  const Timestamp saturday = Timestamp::from_iso("2026-11-28T10:00:00Z");
  CHECK(timeline.add_business(saturday, 0) == saturday);  // itself, even when closed
  CHECK_THROWS_AS(timeline.add_business(saturday, -1), rma::Error);
  // Before 1900 the table has no decade: the calendar answers.
  const Timestamp old{Timestamp::from_iso("1900-01-01T10:00:00Z").micros - 2 * 86400LL * 1000000};
  CHECK(timeline.add_business(old, 3600) == rma::add_business(calendar, old, 3600));
  // Past 9999 there is no answer, as with the calendar.
  CHECK_THROWS_AS(timeline.add_business(Timestamp::from_iso("9999-12-30T10:00:00Z"), 40 * 3600), rma::Error);
  // Across decades: 200 000 business hours from 2026 is about a century of 2000-hour years.
  CHECK(timeline.add_business(saturday, 200000LL * 3600) == rma::add_business(calendar, saturday, 200000LL * 3600));
  CHECK(timeline.business_seconds_between(saturday, Timestamp::from_iso("2126-01-01T00:00:00Z")) ==
        rma::business_seconds_between(calendar, saturday, Timestamp::from_iso("2126-01-01T00:00:00Z")));
}

TEST_CASE("sla timeline: threads sharing one table get the calendar's answers") {
  const BusinessCalendar calendar = BusinessCalendar::from_json(calendars().front());
  const SlaTimeline timeline(calendar);  // no decade built yet: the threads race to build them
  const Timestamp start = Timestamp::from_iso("2029-12-20T10:00:00Z");
  std::vector<Timestamp> expected;
  for (int k = 0; k < 40; ++k) expected.push_back(rma::add_business(calendar, start, k * 8 * 3600 + 1));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < wrong.size(); ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 40; ++k)
        if (timeline.add_business(start, k * 8 * 3600 + 1) != expected[static_cast<std::size_t>(k)]) ++wrong[t];
    });
  for (std::thread& thread : threads) thread.join();
  CHECK(wrong == std::vector<int>(4, 0));
}
