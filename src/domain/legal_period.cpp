// Where a legal period ends (domain/legal_period.hpp). Counting follows Regulation (EEC, Euratom)
// No 1182/71: the day of the event is not counted (art. 3(1)), a period of days ends with its last
// day, one of months on the day with the start's number (art. 3(2)), and a last day that is not a
// working day gives way to the next one that is (art. 3(4); art. 2(2): working days are all days
// but public holidays, Sundays and Saturdays).
#include "domain/legal_period.hpp"

#include "domain/calendar_date.hpp"
#include "domain/jurisdiction_rules.hpp"
#include "rma/error.hpp"
#include "rma/public_holidays.hpp"

namespace rma::domain {

namespace {

// A roll past a whole year means the holiday source calls every day a holiday: stop there rather
// than loop.
constexpr std::int32_t kMaxRollDays = 366;

bool is_working_day(Date date, std::string_view country, const PublicHolidays& holidays) {
  if (weekday_of(date) >= 5) return false;
  return !(holidays && holidays(country, date));
}

}  // namespace

const PublicHolidays& default_public_holidays() {
  // Only the countries of the jurisdiction table are asked: the holiday data has each of them, and
  // another code (or none) would cost an exception per look-up. A document loaded at run time that
  // lacks one of them leaves weekends alone to move that country's periods.
  static const PublicHolidays built_in = [](std::string_view country, Date date) {
    if (!find_jurisdiction_rules(country)) return false;
    try {
      return is_public_holiday(country, std::string_view(), date);
    } catch (const Error&) {
      return false;
    }
  };
  return built_in;
}

std::int32_t weekday_of(Date date) noexcept {
  // 1970-01-01 was a Thursday (3 counting Monday as 0).
  const std::int64_t days = days_since_epoch(date);
  return static_cast<std::int32_t>(((days % 7) + 7 + 3) % 7);
}

const char* weekday_name(Date date) noexcept {
  static constexpr const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return names[weekday_of(date)];
}

PeriodEnd legal_period_end(Date start, std::int32_t length, PeriodUnit unit, const JurisdictionRules& rules,
                           std::string_view country, const PublicHolidays& holidays) {
  PeriodEnd p;
  p.start = start;
  p.length = length;
  p.unit = unit;
  p.nominal_end = unit == PeriodUnit::days ? add_days(start, length) : add_months(start, length);
  p.end = p.nominal_end;
  if (!rules.weekends_roll) return p;
  for (std::int32_t i = 0; i < kMaxRollDays && !is_working_day(p.end, country, holidays); ++i) p.end = add_days(p.end, 1);
  return p;
}

std::string describe_period(std::string_view what, const PeriodEnd& p) {
  std::string text(what);
  text += ": " + std::to_string(p.length) + (p.unit == PeriodUnit::days ? " days" : " months") + " from " +
          p.start.to_iso() + " ends " + weekday_name(p.nominal_end) + " " + p.nominal_end.to_iso();
  if (p.rolled()) {
    text += weekday_of(p.nominal_end) < 5 ? " (a public holiday)" : "";
    text += std::string(", rolled to ") + weekday_name(p.end) + " " + p.end.to_iso() + " by Reg. 1182/71 art. 3(4)";
  }
  return text;
}

}  // namespace rma::domain
