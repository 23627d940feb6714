// SLA compliance: finished clocks counted as met or breached per policy, team, clock and period.
#include <cstdio>
#include <map>
#include <string>
#include <tuple>

#include "domain/calendar_date.hpp"
#include "domain/time_zone.hpp"
#include "rma/sla.hpp"

namespace rma {

namespace {

std::string two_digits(std::int32_t v) { return {static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)}; }

// ISO 8601 week: weeks start on Monday and belong to the year of their Thursday.
std::string iso_week(Date date) {
  const std::int64_t days = domain::days_since_epoch(date);
  const std::int64_t weekday = ((days + 3) % 7 + 7) % 7;  // Monday = 0; 1970-01-01 was a Thursday
  const std::int64_t thursday = days - weekday + 3;
  const std::int32_t year = domain::date_from_days(thursday).year;
  const std::int64_t week = (thursday - domain::days_since_epoch(Date{year, 1, 1})) / 7 + 1;
  return std::to_string(year) + "-W" + two_digits(static_cast<std::int32_t>(week));
}

std::string period_of(Date date, CompliancePeriod period) {
  switch (period) {
    case CompliancePeriod::day: return date.to_iso();
    case CompliancePeriod::week: return iso_week(date);
    case CompliancePeriod::month: return date.to_iso().substr(0, 7);
  }
  return date.to_iso();
}

// Each action is its own clock; compliance counts them together.
std::string clock_kind(const std::string& clock) { return clock.rfind("action:", 0) == 0 ? "action" : clock; }

}  // namespace

std::vector<ComplianceRow> compliance(const std::vector<ClockOutcome>& outcomes, CompliancePeriod period,
                                      std::string_view time_zone) {
  const domain::TimeZone zone = domain::TimeZone::parse(time_zone, "time_zone");
  std::map<std::tuple<std::string, std::string, std::string, std::string>, ComplianceRow> rows;
  for (const ClockOutcome& outcome : outcomes) {
    const ClockStatus& c = outcome.clock;
    if (!c.stopped || !c.stopped_at) continue;
    const std::string when = period_of(zone.local_date(*c.stopped_at), period);
    const std::string kind = clock_kind(c.clock);
    ComplianceRow& row = rows[std::make_tuple(c.policy, outcome.team, kind, when)];
    row.policy = c.policy;
    row.team = outcome.team;
    row.clock = kind;
    row.period = when;
    ++(c.breached ? row.breached : row.met);
  }
  std::vector<ComplianceRow> out;
  out.reserve(rows.size());
  for (auto& entry : rows) {
    ComplianceRow& row = entry.second;
    row.percent_met = 100.0 * static_cast<double>(row.met) / static_cast<double>(row.met + row.breached);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace rma
