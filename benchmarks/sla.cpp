// benchmarks/sla — SLA due times on a business calendar, and the index of open clocks.
//
// 1. Due-time computations from random instants on a Monday–Friday 08:00–12:00 + 13:00–17:00
//    calendar in Rome time (CET-1CEST,M3.5.0,M10.5.0/3) with the Italian holidays, targets from 1
//    business hour to 30 business days (a business day = 8 hours here): as the SLA clocks compute
//    them (SlaTimeline: the calendar's open hours as a table, two binary searches) and with the
//    calendar's own add_business (a walk over days, skipping plain weeks).
// 2. The same on 5-business-day targets against a minute-stepping reference written here (add one
//    minute at a time while checking whether the calendar is open), and a check that all agree.
// 3. SlaIndex with 100,000 and 1,000,000 open clocks: due times arrive at a constant rate (one per
//    2.6 s), so 100,000 clocks span 3 days and 1,000,000 span 30, and every one-minute tick meets
//    the same number of crossings; what grows between the two runs is only the index. Times: one
//    tick (average of 60 one-minute ticks) and due_within(now, 24 h, limit 1000).
// 4. Built-in public holidays: the due times of part 1 on the same office naming Italy's built-in
//    holidays ("holidays": {"country": "IT"}) instead of typing them, and holiday_lookup_per_s:
//    is_public_holiday(country, "", date) for random dates 2000-2040 in eight countries, against a
//    naive look-up that works out the year's list (public_holidays) and searches it.
// 5. The Python half (calendar_python.py): the same office stored in an engine's SLA configuration,
//    taken once as an rma.Calendar (engine.calendar) and asked Calendar.add on the mixed targets:
//    python_calendar_add_per_s, with its ratio to due_per_s (the same table in C++); and
//    engine.calendar_add by name, a JSON command each, for comparison.
//
// Usage: sla [--quick]   (--quick: fewer computations and ticks; both index sizes stay)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "domain/calendar_date.hpp"
#include "domain/sla_timeline.hpp"
#include "index/sla_index.hpp"
#include "python_half.hpp"
#include "rma/rma.hpp"
#include "rma/sla.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;
using rma::BusinessCalendar;
using rma::Timestamp;

constexpr std::int64_t kMicros = 1000000;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kBusinessDay = 8 * kHour;

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

BusinessCalendar italian_office() {
  const std::string split = R"(["08:00-12:00", "13:00-17:00"])";
  std::string week;
  for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday"})
    week += std::string(week.empty() ? "" : ", ") + "\"" + day + "\": " + split;
  return BusinessCalendar::from_json(R"({"time_zone": "CET-1CEST,M3.5.0,M10.5.0/3", "week": {)" + week + R"(},
    "holidays": [{"annual": "01-01"}, {"annual": "01-06"}, {"easter": 1, "name": "Easter Monday"},
      {"annual": "04-25"}, {"annual": "05-01"}, {"annual": "06-02"}, {"annual": "08-15"},
      {"annual": "11-01"}, {"annual": "12-08"}, {"annual": "12-25"}, {"annual": "12-26"}]})");
}

BusinessCalendar italian_office_built_in() {
  const std::string split = R"(["08:00-12:00", "13:00-17:00"])";
  std::string week;
  for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday"})
    week += std::string(week.empty() ? "" : ", ") + "\"" + day + "\": " + split;
  return BusinessCalendar::from_json(R"({"time_zone": "CET-1CEST,M3.5.0,M10.5.0/3", "week": {)" + week +
                                     R"(}, "holidays": {"country": "IT"}})");
}

// Look-ups per second of `is_holiday(country, date)` over `dates`, eight countries in turn.
template <class IsHoliday>
double lookup_rate(IsHoliday&& is_holiday, const std::vector<rma::Date>& dates, std::int64_t& checksum) {
  static const char* const kCountries[] = {"IT", "PL", "DE", "FR", "RO", "GB", "US", "SE"};
  const auto start = SteadyClock::now();
  std::int64_t found = 0;
  for (std::size_t i = 0; i < dates.size(); ++i) found += is_holiday(kCountries[i % 8], dates[i]) ? 1 : 0;
  checksum += found;
  return static_cast<double>(dates.size()) / seconds_since(start);
}

// ---- The minute-stepping reference ----------------------------------------------------------

// The last Sunday of a month at 01:00 UTC, where the EU switches clocks.
std::int64_t eu_switch(std::int64_t year, std::int64_t month) {
  const std::int64_t last = rma::domain::days_since_epoch(rma::Date{static_cast<std::int32_t>(year), static_cast<std::int32_t>(month), 31});
  const std::int64_t weekday = ((last + 4) % 7 + 7) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
  return (last - weekday) * 86400 + 3600;
}

// Rome: UTC+1, UTC+2 from the last Sunday of March to the last Sunday of October.
std::int64_t rome_offset(std::int64_t utc_seconds) {
  const std::int64_t year = rma::domain::date_from_days(utc_seconds / 86400).year;
  return utc_seconds >= eu_switch(year, 3) && utc_seconds < eu_switch(year, 10) ? 7200 : 3600;
}

bool is_open(const BusinessCalendar& calendar, std::int64_t utc_seconds) {
  const std::int64_t local = utc_seconds + rome_offset(utc_seconds);
  const std::int64_t day = local / 86400;
  const std::int64_t second = local - day * 86400;
  for (const rma::TimeInterval& h : calendar.hours_on(rma::domain::date_from_days(day)))
    if (second >= h.start && second < h.end) return true;
  return false;
}

// Minute by minute: the end of the minute in which the last business second passes. Exact for
// starts and targets in whole minutes, since the calendar opens and closes on whole minutes.
Timestamp stepping_add(const BusinessCalendar& calendar, Timestamp start, std::int64_t seconds) {
  std::int64_t t = start.micros / kMicros;
  for (std::int64_t left = seconds / 60; left > 0; t += 60)
    if (is_open(calendar, t)) --left;
  return Timestamp{t * kMicros};
}

// ---- Workloads ------------------------------------------------------------------------------

struct Sample {
  Timestamp start;
  std::int64_t seconds;
};

// Whole-minute instants between 2026-01-01 and 2028-12-31.
std::vector<Sample> samples(std::size_t count, std::mt19937_64& random, bool five_days_only) {
  static const std::int64_t targets[] = {1 * kHour,         4 * kHour,         kBusinessDay,      2 * kBusinessDay,
                                         3 * kBusinessDay,  5 * kBusinessDay,  10 * kBusinessDay, 20 * kBusinessDay,
                                         30 * kBusinessDay};
  const std::int64_t from = Timestamp::from_iso("2026-01-01T00:00:00Z").micros / kMicros / 60;
  const std::int64_t to = Timestamp::from_iso("2028-12-31T00:00:00Z").micros / kMicros / 60;
  std::uniform_int_distribution<std::int64_t> minute(from, to);
  std::uniform_int_distribution<std::size_t> target(0, std::size(targets) - 1);
  std::vector<Sample> out(count);
  for (Sample& s : out) s = {Timestamp{minute(random) * 60 * kMicros}, five_days_only ? 5 * kBusinessDay : targets[target(random)]};
  return out;
}

template <class AddBusiness>
double rate(AddBusiness add, const std::vector<Sample>& work, std::int64_t& checksum) {
  const auto start = SteadyClock::now();
  for (const Sample& s : work) checksum += add(s.start, s.seconds).micros;
  return static_cast<double>(work.size()) / seconds_since(start);
}

struct IndexTimes {
  double build_s = 0;
  double tick_ms = 0;
  double crossings_per_tick = 0;
  double upcoming_ms = 0;
  std::size_t upcoming_found = 0;
};

IndexTimes index_run(std::size_t clocks, int ticks, int queries, std::mt19937_64& random) {
  const std::int64_t base = Timestamp::from_iso("2026-11-23T00:00:00Z").micros;
  const std::int64_t spacing = 2600000;  // one due time per 2.6 s on average
  std::uniform_int_distribution<std::int64_t> due_offset(0, static_cast<std::int64_t>(clocks) * spacing);
  IndexTimes times;
  rma::index::SlaIndex index;
  rma::ClockStatus s;
  s.clock = "resolution";
  s.policy = "standard";
  s.target_seconds = 8 * kHour;
  s.started_at = Timestamp{base};
  const auto build = SteadyClock::now();
  for (std::size_t i = 0; i < clocks; ++i) {
    s.due_at = Timestamp{base + due_offset(random)};
    s.warning_at = Timestamp{s.due_at.micros - 96 * 60 * kMicros};  // 80% of 8 h is 96 minutes before
    index.upsert_case(static_cast<std::int64_t>(i) + 1, {s});
  }
  times.build_s = seconds_since(build);
  // The first tick reports the warnings due before `base` (those of clocks due within 96 minutes).
  std::int64_t now = base;
  index.tick(Timestamp{now});
  std::size_t crossings = 0;
  const auto tick = SteadyClock::now();
  for (int i = 0; i < ticks; ++i) {
    now += 60 * kMicros;
    crossings += index.tick(Timestamp{now}).size();
  }
  times.tick_ms = seconds_since(tick) * 1000 / ticks;
  times.crossings_per_tick = static_cast<double>(crossings) / ticks;
  const auto query = SteadyClock::now();
  for (int i = 0; i < queries; ++i)
    times.upcoming_found += index.due_within(Timestamp{now + i * 60 * kMicros}, 24 * kHour, 1000).size();
  times.upcoming_ms = seconds_since(query) * 1000 / queries;
  times.upcoming_found /= static_cast<std::size_t>(queries);
  return times;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const std::size_t due_count = quick ? 300000 : 3000000;
  const std::size_t stepping_count = quick ? 40 : 400;
  const int ticks = 60;
  const int queries = quick ? 200 : 1000;
  std::mt19937_64 random(20261123);
  const BusinessCalendar calendar = italian_office();
  std::int64_t checksum = 0;

  std::printf("SLA due times: Mon-Fri 08-12 + 13-17, CET-1CEST,M3.5.0,M10.5.0/3, Italian holidays with Easter Monday\n");
  const rma::SlaTimeline timeline(calendar);
  const auto table = [&](Timestamp t, std::int64_t seconds) { return timeline.add_business(t, seconds); };
  const auto walk = [&](Timestamp t, std::int64_t seconds) { return rma::add_business(calendar, t, seconds); };
  const std::vector<Sample> mixed = samples(due_count, random, false);
  // The first computations build the table's decades (2020s, 2030s) once; timed apart.
  const auto warm = SteadyClock::now();
  rate(table, std::vector<Sample>(mixed.begin(), mixed.begin() + 1000), checksum);
  std::printf("  the SLA table of open hours for the decades used, built on first use: %.1f ms\n", seconds_since(warm) * 1000);
  const double due_per_s = rate(table, mixed, checksum);
  const double walk_per_s = rate(walk, std::vector<Sample>(mixed.begin(), mixed.begin() + static_cast<std::ptrdiff_t>(due_count / 4)), checksum);
  std::printf("  targets 1 h .. 30 business days: SLA due times %.0f/s (%zu); calendar add_business %.0f/s (%zu)\n",
              due_per_s, due_count, walk_per_s, due_count / 4);

  const std::vector<Sample> five = samples(std::max<std::size_t>(due_count / 4, stepping_count), random, true);
  const double fast_5d = rate(table, five, checksum);
  const double walk_5d = rate(walk, five, checksum);
  const std::vector<Sample> stepped(five.begin(), five.begin() + static_cast<std::ptrdiff_t>(stepping_count));
  std::size_t mismatches = 0;
  const auto step_start = SteadyClock::now();
  for (const Sample& s : stepped) checksum += stepping_add(calendar, s.start, s.seconds).micros;
  const double stepping_5d = static_cast<double>(stepped.size()) / seconds_since(step_start);
  for (const Sample& s : stepped) {
    const Timestamp expected = stepping_add(calendar, s.start, s.seconds);
    if (expected != table(s.start, s.seconds) || expected != walk(s.start, s.seconds)) ++mismatches;
  }
  for (std::size_t i = 0; i < mixed.size(); i += 97)
    if (table(mixed[i].start, mixed[i].seconds) != walk(mixed[i].start, mixed[i].seconds)) ++mismatches;
  const double ratio = fast_5d / stepping_5d;
  std::printf("  5-business-day targets: SLA due times %.0f/s, calendar add_business %.0f/s, minute stepping %.0f/s (%zu):\n"
              "    ratio %.0f (calendar add_business: %.0f); results that differ: %zu\n",
              fast_5d, walk_5d, stepping_5d, stepped.size(), ratio, walk_5d / stepping_5d, mismatches);

  std::printf("Built-in public holidays\n");
  const BusinessCalendar built_in = italian_office_built_in();
  const rma::SlaTimeline built_in_timeline(built_in);
  const auto built_in_table = [&](Timestamp t, std::int64_t seconds) { return built_in_timeline.add_business(t, seconds); };
  rate(built_in_table, std::vector<Sample>(mixed.begin(), mixed.begin() + 1000), checksum);
  const double built_in_due_per_s = rate(built_in_table, mixed, checksum);
  for (std::size_t i = 0; i < mixed.size(); i += 97)
    if (built_in_table(mixed[i].start, mixed[i].seconds) != rma::add_business(built_in, mixed[i].start, mixed[i].seconds))
      ++mismatches;
  std::vector<rma::Date> days;
  std::uniform_int_distribution<std::int64_t> day_of(rma::domain::days_since_epoch(rma::Date{2000, 1, 1}),
                                                     rma::domain::days_since_epoch(rma::Date{2040, 12, 31}));
  for (std::size_t i = 0; i < due_count; ++i) days.push_back(rma::domain::date_from_days(day_of(random)));
  const auto fast = [](const char* country, rma::Date d) { return rma::is_public_holiday(country, "", d); };
  const auto naive = [](const char* country, rma::Date d) {
    for (const rma::PublicHoliday& h : rma::public_holidays(country, "", d.year))
      if (h.date == d) return true;
    return false;
  };
  lookup_rate(fast, std::vector<rma::Date>(days.begin(), days.begin() + 1000), checksum);  // fills the year caches
  const double lookup_per_s = lookup_rate(fast, days, checksum);
  const double naive_per_s = lookup_rate(naive, std::vector<rma::Date>(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(due_count / 100)), checksum);
  std::printf("  SLA due times on the office naming {\"country\": \"IT\"}: %.0f/s (%zu)\n", built_in_due_per_s, due_count);
  std::printf("  is_public_holiday, 8 countries, 2000-2040: %.0f/s (%zu); naive (the year's list each time) %.0f/s: ratio %.0f\n",
              lookup_per_s, days.size(), naive_per_s, lookup_per_s / naive_per_s);

  std::printf("SlaIndex: due times at a constant rate (one per 2.6 s); 60 one-minute ticks; due_within(24 h, limit 1000)\n");
  IndexTimes sizes[2];
  const std::size_t counts[2] = {100000, 1000000};
  for (int i = 0; i < 2; ++i) {
    sizes[i] = index_run(counts[i], ticks, queries, random);
    std::printf("  %7zu clocks: built in %.2f s; tick %.4f ms (%.1f crossings each); due_within %.4f ms (%zu found)\n",
                counts[i], sizes[i].build_s, sizes[i].tick_ms, sizes[i].crossings_per_tick, sizes[i].upcoming_ms,
                sizes[i].upcoming_found);
  }
  const double growth = (sizes[1].tick_ms + sizes[1].upcoming_ms) / (sizes[0].tick_ms + sizes[0].upcoming_ms);
  std::printf("  growth 100,000 -> 1,000,000 (tick + due_within): %.2f (tick %.2f, due_within %.2f; a scan would be 10)\n",
              growth, sizes[1].tick_ms / sizes[0].tick_ms, sizes[1].upcoming_ms / sizes[0].upcoming_ms);
  const auto python = bench::run_python_half("calendar_python.py " + std::to_string(quick ? 200000 : 1000000));
  const double python_add_per_s = bench::python_figure(python, "python_calendar_add_per_s");
  const double python_engine_add_per_s = bench::python_figure(python, "python_engine_calendar_add_per_s");
  std::printf("Python: Calendar.add on the stored office %.0f/s (ratio to the C++ SLA due times %.3f); "
              "engine.calendar_add by name %.0f/s\n",
              python_add_per_s, python_add_per_s / due_per_s, python_engine_add_per_s);
  std::printf("  targets: due_per_s >= 1,000,000 %s (with built-in holidays %s); ratio_vs_stepping_5d >= 1000 %s; (checksum %lld)\n",
              due_per_s >= 1e6 ? "met" : "NOT met", built_in_due_per_s >= 1e6 ? "met" : "NOT met", ratio >= 1000 ? "met" : "NOT met",
              static_cast<long long>(checksum % 1000));
  std::printf(
      "{\"due_per_s\": %.0f, \"ratio_vs_stepping_5d\": %.0f, \"tick_1m_ms\": %.4f, \"upcoming_1m_ms\": %.4f, "
      "\"growth_100k_to_1m\": %.2f, \"calendar_add_business_per_s\": %.0f, \"due_per_s_built_in_holidays\": %.0f, "
      "\"holiday_lookup_per_s\": %.0f, \"holiday_lookup_ratio_vs_naive\": %.0f, \"mismatches\": %zu, "
      "\"python_calendar_add_per_s\": %.0f, \"python_calendar_add_ratio_vs_cpp\": %.3f, "
      "\"python_engine_calendar_add_per_s\": %.0f, \"quick\": %s}\n",
      due_per_s, ratio, sizes[1].tick_ms, sizes[1].upcoming_ms, growth, walk_per_s, built_in_due_per_s, lookup_per_s,
      lookup_per_s / naive_per_s, mismatches, python_add_per_s, python_add_per_s / due_per_s, python_engine_add_per_s,
      quick ? "true" : "false");
  if (python_add_per_s <= 0) {
    std::fprintf(stderr, "sla: the Python half did not run (build with RMA_BUILD_PYTHON=ON)\n");
    return 1;
  }
  return mismatches == 0 ? 0 : 1;
}
