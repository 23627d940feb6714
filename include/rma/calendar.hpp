// rma/calendar.hpp — business calendars: when a service desk is open, and business-time
// arithmetic on UTC instants (docs/calendars.md).
//
// A calendar is a time zone, a weekly schedule of local wall-clock intervals, holidays (a country's
// built-in public holidays, and its own: fixed dates, dates recurring every year, dates relative to
// Western or Orthodox Easter) and special working days that open a holiday or a weekend day.
//
// Business time is defined instant by instant: an instant is open when the wall clock of the
// calendar's zone shows a time inside an interval of a working local date. So on a spring-forward
// day the skipped wall-clock hour is never open, and on a fall-back day a repeated hour inside an
// interval is open twice. The arithmetic walks local days (and skips whole plain weeks), so its
// cost grows with the number of days covered, never with the number of minutes.
//
// A BusinessCalendar is immutable; copies share their data; safe to use from several threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rma/time.hpp"

namespace rma {

// Local wall-clock seconds since midnight: 0 <= start < end <= 86400 (86400 is "24:00").
struct TimeInterval {
  std::int32_t start = 0;
  std::int32_t end = 0;

  friend bool operator==(TimeInterval a, TimeInterval b) { return a.start == b.start && a.end == b.end; }
  friend bool operator!=(TimeInterval a, TimeInterval b) { return !(a == b); }
};

enum class HolidayKind : std::int32_t {
  date = 0,             // one date: `date`
  annual = 1,           // every year on `date.month`/`date.day` (02-29 only in leap years)
  easter = 2,           // Western (Gregorian) Easter Sunday + `offset_days`
  orthodox_easter = 3,  // Orthodox (Julian computus) Easter Sunday, as a Gregorian date, + `offset_days`
};

struct Holiday {
  HolidayKind kind = HolidayKind::date;
  Date date;                     // date and annual (annual ignores the year)
  std::int32_t offset_days = 0;  // easter and orthodox_easter: -366..366
  std::string name;              // free text, may be empty
};

// A date that is open although it is a holiday or a closed weekday. Without its own hours it
// opens with its weekday's intervals (so a date on a closed weekday needs its own).
struct WorkingDay {
  Date date;
  bool own_hours = false;
  std::vector<TimeInterval> hours;  // used when own_hours
  std::string name;
};

// The built-in public holidays a calendar keeps (rma/public_holidays.hpp): the JSON form
// "holidays": {"country": "DE", "subdivision": "BY", "add": [...], "remove": [...]}.
struct CalendarPublicHolidays {
  std::string country;      // ISO 3166-1 alpha-2; empty: none, only the calendar's own holidays
  std::string subdivision;  // ISO 3166-2 part after the dash ("BY"); "" for national level
  // Built-in holidays the calendar does not keep: a date "YYYY-MM-DD", or the name of a rule
  // ("Christmas Eve") for every year.
  std::vector<std::string> remove;
};

struct CalendarConfig {
  std::string time_zone = "UTC";               // POSIX TZ rule or IANA name
  std::array<std::vector<TimeInterval>, 7> week;  // [0] = Monday .. [6] = Sunday; sorted, disjoint
  // Set when "holidays" is an object (its own holidays below are then its "add" list).
  std::optional<CalendarPublicHolidays> public_holidays;
  std::vector<Holiday> holidays;
  std::vector<WorkingDay> working_days;
};

class BusinessCalendar {
 public:
  // The JSON document of docs/calendars.md. Throws Error naming the JSON path of the bad member
  // (malformed_json, wrong_type, missing_field, unknown_value, out_of_range, invalid_argument,
  // duplicate).
  static BusinessCalendar from_json(std::string_view text);
  // Validates `config` with the same rules and paths as from_json.
  static BusinessCalendar from_config(CalendarConfig config);

  const CalendarConfig& config() const noexcept;

  // Whether `date` is closed by a holiday rule, built-in or its own (a working day may still open it).
  bool is_holiday(Date date) const noexcept;
  // The wall-clock intervals `date` is open in (empty when closed), holidays and working days applied.
  const std::vector<TimeInterval>& hours_on(Date date) const noexcept;

  struct Impl;

 private:
  explicit BusinessCalendar(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;

  friend const Impl& calendar_impl(const BusinessCalendar& calendar) noexcept;
};

// The earliest instant at which `seconds` of business time have passed since `start`; `start`
// itself for 0 (even when closed), so a deadline can fall exactly on a closing time. Throws
// out_of_range for negative `seconds` or a result after 9999-12-31.
Timestamp add_business(const BusinessCalendar& calendar, Timestamp start, std::int64_t seconds);

// Business seconds in [a, b), truncated to whole seconds; negative when b < a.
std::int64_t business_seconds_between(const BusinessCalendar& calendar, Timestamp a, Timestamp b);

// `t` if the calendar is open at `t`, else the next instant it opens. Throws out_of_range when
// it never opens again before year 10000.
Timestamp next_open(const BusinessCalendar& calendar, Timestamp t);

// Easter Sunday of `year` (1583..9999): Western (Gregorian computus) and Orthodox (Julian
// computus, converted to the Gregorian calendar).
Date western_easter(std::int32_t year) noexcept;
Date orthodox_easter(std::int32_t year) noexcept;

}  // namespace rma
