// Business calendars: the JSON document, validation, and business-time arithmetic.
//
// The arithmetic walks "pieces": the part of one local date during which the zone's UTC offset
// stays the same. Inside a piece local time is UTC shifted by a constant, so the date's wall-clock
// intervals map to UTC intervals by a subtraction. A whole week that starts at a local midnight,
// keeps one offset and holds no holiday or working day counts as the weekly total at once. It
// assumes the offset changes at most once between two consecutive local midnights (true of every
// real zone).
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "domain/calendar_date.hpp"
#include "domain/calendar_public_holidays.hpp"
#include "domain/holiday_json.hpp"
#include "domain/time_zone.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/calendar.hpp"
#include "rma/error.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr std::int64_t kMicros = 1000000;
constexpr std::int64_t kDay = 86400 * kMicros;
constexpr std::int64_t kWeek = 7 * kDay;
constexpr std::int64_t kEndOfTime = 253402300800LL * kMicros;  // 10000-01-01T00:00:00Z
constexpr std::int64_t kMaxDurationSeconds = 253402300800LL;
constexpr std::int64_t kMaxItems = 10000;
constexpr std::int64_t kMaxName = 256;
constexpr std::int32_t kMaxEasterOffset = 366;

constexpr std::array<const char*, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"};
constexpr std::array<const char*, 4> kHolidayKeys = {"date", "annual", "easter", "orthodox_easter"};

std::string at(const std::string& list, std::size_t index) { return list + "[" + std::to_string(index) + "]"; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Monday = 0; 1970-01-01 was a Thursday.
int weekday_of(std::int64_t days) { return static_cast<int>(((days + 3) % 7 + 7) % 7); }

std::string clock_text(std::int32_t seconds) {
  const std::int32_t h = seconds / 3600;
  const std::int32_t m = seconds / 60 % 60;
  std::string out = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                     static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
  return out;
}

// ---- Validation ----------------------------------------------------------------------------

void check_intervals(const std::vector<TimeInterval>& hours, const std::string& path) {
  if (static_cast<std::int64_t>(hours.size()) > kMaxItems)
    throw Error(Status::too_large, path, "more than " + std::to_string(kMaxItems) + " intervals");
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const TimeInterval& h = hours[i];
    const std::string field = at(path, i);
    if (h.start < 0 || h.start >= 86400 || h.end <= 0 || h.end > 86400)
      throw Error(Status::out_of_range, field, "times must lie between 00:00 and 24:00");
    if (h.end <= h.start)
      throw Error(Status::invalid_argument, field,
                  "the interval ends at " + clock_text(h.end) + ", not after its start " + clock_text(h.start));
    if (i > 0 && h.start < hours[i - 1].end)
      throw Error(Status::invalid_argument, field,
                  "starts at " + clock_text(h.start) + ", before the previous interval ends at " +
                      clock_text(hours[i - 1].end) + " (intervals must be in order and not overlap)");
  }
}

const char* holiday_key(HolidayKind kind) {
  const auto k = static_cast<std::size_t>(kind);
  return k < kHolidayKeys.size() ? kHolidayKeys[k] : "kind";
}

bool same_holiday(const Holiday& a, const Holiday& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case HolidayKind::date: return a.date == b.date;
    case HolidayKind::annual: return a.date.month == b.date.month && a.date.day == b.date.day;
    default: return a.offset_days == b.offset_days;
  }
}

void check_holiday(const Holiday& h, const std::string& base) {
  if (static_cast<std::int64_t>(h.name.size()) > kMaxName)
    throw Error(Status::too_large, base + ".name", "longer than " + std::to_string(kMaxName) + " bytes");
  const std::string field = base + "." + holiday_key(h.kind);
  switch (h.kind) {
    case HolidayKind::date:
      if (!domain::is_valid_date(h.date) || h.date.year < 1900 || h.date.year > 9999)
        throw Error(Status::out_of_range, field, "not a date between 1900-01-01 and 9999-12-31");
      return;
    case HolidayKind::annual:
      // Any year's February 29 exists in leap years, so 2000 accepts every month/day pair.
      if (!domain::is_valid_date(Date{2000, h.date.month, h.date.day}))
        throw Error(Status::out_of_range, field, "not a month and day of the year");
      return;
    case HolidayKind::easter:
    case HolidayKind::orthodox_easter:
      if (h.offset_days < -kMaxEasterOffset || h.offset_days > kMaxEasterOffset)
        throw Error(Status::out_of_range, field,
                    std::to_string(h.offset_days) + " is outside -366..366 days");
      return;
  }
  throw Error(Status::unknown_value, base + ".kind", "unknown holiday kind " + std::to_string(static_cast<int>(h.kind)));
}

// ---- Reading -------------------------------------------------------------------------------

std::int32_t read_clock(const std::string& text, std::size_t pos, const std::string& path, const std::string& whole) {
  const auto digit = [&](std::size_t i) { return text[pos + i] >= '0' && text[pos + i] <= '9'; };
  if (!(digit(0) && digit(1) && text[pos + 2] == ':' && digit(3) && digit(4)))
    throw Error(Status::invalid_argument, path, codec::quote_value(whole) + " is not \"HH:MM-HH:MM\"");
  const std::int32_t h = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
  const std::int32_t m = (text[pos + 3] - '0') * 10 + (text[pos + 4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    throw Error(Status::out_of_range, path, codec::quote_value(whole) + " has a time outside 00:00..24:00");
  return h * 3600 + m * 60;
}

// "08:00-12:00"; "24:00" ends a day.
TimeInterval read_interval(const json& value, const std::string& path) {
  if (!value.is_string()) codec::throw_wrong_type(path, "string", value);
  const std::string& text = value.get_ref<const std::string&>();
  if (text.size() != 11 || text[5] != '-')
    throw Error(Status::invalid_argument, path, codec::quote_value(text) + " is not \"HH:MM-HH:MM\"");
  return TimeInterval{read_clock(text, 0, path, text), read_clock(text, 6, path, text)};
}

std::vector<TimeInterval> read_intervals(const json& list, const std::string& path) {
  std::vector<TimeInterval> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(read_interval(list[i], at(path, i)));
  return out;
}

Holiday read_holiday(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  Holiday h;
  r.read_text("name", kMaxName, h.name);
  const std::size_t k = domain::holiday_kind_member(r, kHolidayKeys.data(), kHolidayKeys.size());
  const char* key = kHolidayKeys[k];
  h.kind = static_cast<HolidayKind>(k);
  switch (h.kind) {
    case HolidayKind::date: h.date = r.date(key); break;
    case HolidayKind::annual: h.date = domain::month_day_from_json(*r.find(key), r.path_of(key)); break;
    default: h.offset_days = static_cast<std::int32_t>(r.integer(key, -kMaxEasterOffset, kMaxEasterOffset)); break;
  }
  r.finish();
  return h;
}

WorkingDay read_working_day(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  WorkingDay w;
  w.date = r.date("date");
  r.read_text("name", kMaxName, w.name);
  if (const json* hours = r.optional_array("hours", kMaxItems)) {
    w.own_hours = true;
    w.hours = read_intervals(*hours, r.path_of("hours"));
  }
  r.finish();
  return w;
}

CalendarConfig read_config(const json& document) {
  codec::ObjectReader r(document, "");
  CalendarConfig c;
  r.read_text("time_zone", kMaxName, c.time_zone);
  if (const json* week = r.find("week")) {
    codec::ObjectReader w(*week, "week");
    for (std::size_t d = 0; d < kWeekdays.size(); ++d)
      if (const json* list = w.optional_array(kWeekdays[d], kMaxItems))
        c.week[d] = read_intervals(*list, w.path_of(kWeekdays[d]));
    w.finish();
  }
  if (const json* holidays = r.find("holidays")) {
    // A list is the calendar's own holidays; an object names built-in ones too.
    const json* list = nullptr;
    std::string path = "holidays";
    if (holidays->is_object()) {
      codec::ObjectReader h(*holidays, "holidays");
      c.public_holidays = domain::read_public_holidays(h, kMaxName, kMaxItems);
      list = h.optional_array("add", kMaxItems);
      path = h.path_of("add");
      h.finish();
    } else if (holidays->is_array()) {
      list = r.optional_array("holidays", kMaxItems);
    } else {
      codec::throw_wrong_type("holidays", "array or object", *holidays);
    }
    if (list != nullptr)
      for (std::size_t i = 0; i < list->size(); ++i) c.holidays.push_back(read_holiday((*list)[i], at(path, i)));
  }
  if (const json* list = r.optional_array("working_days", kMaxItems))
    for (std::size_t i = 0; i < list->size(); ++i)
      c.working_days.push_back(read_working_day((*list)[i], at("working_days", i)));
  r.finish();
  return c;
}

}  // namespace

// ---- The calendar --------------------------------------------------------------------------

struct BusinessCalendar::Impl {
  CalendarConfig config;
  domain::TimeZone zone;
  std::int64_t week_micros = 0;
  std::vector<std::int64_t> fixed_days;              // sorted days since epoch
  std::array<bool, 13 * 32> annual{};                // [month * 32 + day]
  std::vector<std::int32_t> easter_offsets;          // sorted
  std::vector<std::int32_t> orthodox_offsets;        // sorted
  std::vector<std::pair<std::int64_t, std::vector<TimeInterval>>> working;  // sorted by day
  domain::PublicHolidayFilter public_holidays;       // built-in ones, less those removed

  const std::vector<TimeInterval>* working_hours(std::int64_t days) const {
    const auto it = std::lower_bound(working.begin(), working.end(), days,
                                     [](const auto& entry, std::int64_t d) { return entry.first < d; });
    return it != working.end() && it->first == days ? &it->second : nullptr;
  }

  static bool near_easter(const std::vector<std::int32_t>& offsets, std::int64_t days, std::int32_t year,
                          Date (*easter)(std::int32_t)) {
    if (offsets.empty()) return false;
    // Offsets reach a year either side, so the neighbouring years' Easters count too.
    for (std::int32_t y = year - 1; y <= year + 1; ++y) {
      const std::int64_t delta = days - domain::days_since_epoch(easter(y));
      if (delta >= -kMaxEasterOffset && delta <= kMaxEasterOffset &&
          std::binary_search(offsets.begin(), offsets.end(), static_cast<std::int32_t>(delta)))
        return true;
    }
    return false;
  }

  bool holiday(std::int64_t days, Date date) const {
    if (public_holidays.contains(days, date)) return true;
    if (std::binary_search(fixed_days.begin(), fixed_days.end(), days)) return true;
    if (annual[static_cast<std::size_t>(date.month * 32 + date.day)]) return true;
    return near_easter(easter_offsets, days, date.year, western_easter) ||
           near_easter(orthodox_offsets, days, date.year, orthodox_easter);
  }

  const std::vector<TimeInterval>& hours(std::int64_t days) const {
    static const std::vector<TimeInterval> closed;
    if (const auto* own = working_hours(days)) return *own;
    if (holiday(days, domain::date_from_days(days))) return closed;
    return config.week[static_cast<std::size_t>(weekday_of(days))];
  }

  // No holiday and no working day: the date keeps its weekday's hours.
  bool plain(std::int64_t days) const {
    return working_hours(days) == nullptr && !holiday(days, domain::date_from_days(days));
  }

  std::int64_t offset(std::int64_t utc_micros) const {
    return zone.utc_offset_seconds(Timestamp{utc_micros}) * kMicros;
  }
};

const BusinessCalendar::Impl& calendar_impl(const BusinessCalendar& calendar) noexcept { return *calendar.impl_; }

BusinessCalendar BusinessCalendar::from_json(std::string_view text) {
  return from_config(read_config(codec::parse_json(text, std::string(), codec::kDefaultJsonDepth)));
}

BusinessCalendar BusinessCalendar::from_config(CalendarConfig config) {
  auto impl = std::make_shared<Impl>();
  impl->zone = domain::TimeZone::parse(config.time_zone, "time_zone");
  for (std::size_t d = 0; d < 7; ++d) {
    check_intervals(config.week[d], std::string("week.") + kWeekdays[d]);
    for (const TimeInterval& h : config.week[d]) impl->week_micros += (h.end - h.start) * kMicros;
  }
  if (impl->week_micros == 0)
    throw Error(Status::invalid_argument, "week", "the weekly schedule has no open hours");
  if (static_cast<std::int64_t>(config.holidays.size()) > kMaxItems)
    throw Error(Status::too_large, config.public_holidays ? "holidays.add" : "holidays",
                "more than " + std::to_string(kMaxItems) + " holidays");
  if (config.public_holidays) impl->public_holidays = domain::PublicHolidayFilter::make(*config.public_holidays);
  const std::string own = config.public_holidays ? "holidays.add" : "holidays";
  for (std::size_t i = 0; i < config.holidays.size(); ++i) {
    const Holiday& h = config.holidays[i];
    const std::string base = at(own, i);
    check_holiday(h, base);
    for (std::size_t j = 0; j < i; ++j)
      if (same_holiday(config.holidays[j], h))
        throw Error(Status::duplicate, base + "." + holiday_key(h.kind), "the same holiday as " + at(own, j));
    switch (h.kind) {
      case HolidayKind::date: impl->fixed_days.push_back(domain::days_since_epoch(h.date)); break;
      case HolidayKind::annual: impl->annual[static_cast<std::size_t>(h.date.month * 32 + h.date.day)] = true; break;
      case HolidayKind::easter: impl->easter_offsets.push_back(h.offset_days); break;
      case HolidayKind::orthodox_easter: impl->orthodox_offsets.push_back(h.offset_days); break;
    }
  }
  std::sort(impl->fixed_days.begin(), impl->fixed_days.end());
  std::sort(impl->easter_offsets.begin(), impl->easter_offsets.end());
  std::sort(impl->orthodox_offsets.begin(), impl->orthodox_offsets.end());
  if (static_cast<std::int64_t>(config.working_days.size()) > kMaxItems)
    throw Error(Status::too_large, "working_days", "more than " + std::to_string(kMaxItems) + " working days");
  for (std::size_t i = 0; i < config.working_days.size(); ++i) {
    const WorkingDay& w = config.working_days[i];
    const std::string base = at("working_days", i);
    if (!domain::is_valid_date(w.date) || w.date.year < 1900 || w.date.year > 9999)
      throw Error(Status::out_of_range, base + ".date", "not a date between 1900-01-01 and 9999-12-31");
    if (static_cast<std::int64_t>(w.name.size()) > kMaxName)
      throw Error(Status::too_large, base + ".name", "longer than " + std::to_string(kMaxName) + " bytes");
    for (std::size_t j = 0; j < i; ++j)
      if (config.working_days[j].date == w.date)
        throw Error(Status::duplicate, base + ".date", w.date.to_iso() + " is given already at " + at("working_days", j));
    const std::int64_t days = domain::days_since_epoch(w.date);
    const auto& weekday_hours = config.week[static_cast<std::size_t>(weekday_of(days))];
    if (w.own_hours) {
      check_intervals(w.hours, base + ".hours");
      if (w.hours.empty()) throw Error(Status::invalid_argument, base + ".hours", "a working day needs open hours");
    } else if (weekday_hours.empty()) {
      throw Error(Status::missing_field, base + ".hours",
                  w.date.to_iso() + " is a " + kWeekdays[static_cast<std::size_t>(weekday_of(days))] +
                      ", closed every week, so it needs its own hours");
    }
    impl->working.emplace_back(days, w.own_hours ? w.hours : weekday_hours);
  }
  std::sort(impl->working.begin(), impl->working.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  impl->config = std::move(config);
  return BusinessCalendar(std::move(impl));
}

const CalendarConfig& BusinessCalendar::config() const noexcept { return impl_->config; }

bool BusinessCalendar::is_holiday(Date date) const noexcept {
  return impl_->holiday(domain::days_since_epoch(date), date);
}

const std::vector<TimeInterval>& BusinessCalendar::hours_on(Date date) const noexcept {
  return impl_->hours(domain::days_since_epoch(date));
}

// ---- Arithmetic ----------------------------------------------------------------------------

namespace {

using Impl = BusinessCalendar::Impl;

// The part of one local date, from `begin`, during which the UTC offset stays the same.
struct Piece {
  std::int64_t end = 0;         // exclusive, UTC micros
  std::int64_t midnight = 0;    // the date's 00:00 wall-clock under this piece's offset, UTC micros
  const std::vector<TimeInterval>* hours = nullptr;
};

Piece piece_at(const Impl& cal, std::int64_t begin) {
  const std::int64_t offset = cal.offset(begin);
  const std::int64_t days = floor_div(begin + offset, kDay);
  Piece p;
  p.midnight = days * kDay - offset;
  p.end = p.midnight + kDay;
  p.hours = &cal.hours(days);
  if (cal.offset(p.end - 1) != offset) {
    // The offset changes inside the date: find the first instant of the new offset.
    std::int64_t same = begin;
    std::int64_t changed = p.end - 1;
    while (changed - same > 1) {
      const std::int64_t mid = same + (changed - same) / 2;
      (cal.offset(mid) == offset ? same : changed) = mid;
    }
    p.end = changed;
  }
  return p;
}

// True when [begin, begin + 7 days) starts at a local midnight, keeps one offset and holds no
// holiday or working day, so it is open exactly the weekly total.
bool plain_week(const Impl& cal, std::int64_t begin) {
  const std::int64_t offset = cal.offset(begin);
  if (floor_div(begin + offset, kDay) * kDay != begin + offset) return false;
  const std::int64_t first = floor_div(begin + offset, kDay);
  for (std::int64_t k = 0; k < 7; ++k) {
    if (cal.offset(begin + (k + 1) * kDay) != offset) return false;
    if (!cal.plain(first + k)) return false;
  }
  return true;
}

template <class Visit>  // Visit(open_begin, open_end) -> true to stop
bool visit_open(const Piece& p, std::int64_t from, std::int64_t to, Visit&& visit) {
  for (const TimeInterval& h : *p.hours) {
    const std::int64_t b = std::max(from, p.midnight + h.start * kMicros);
    const std::int64_t e = std::min(to, p.midnight + h.end * kMicros);
    if (b < e && visit(b, e)) return true;
  }
  return false;
}

[[noreturn]] void past_end_of_time(const char* what) {
  throw Error(Status::out_of_range, std::string(what) + " would fall after 9999-12-31");
}

}  // namespace

Timestamp add_business(const BusinessCalendar& calendar, Timestamp start, std::int64_t seconds) {
  if (seconds < 0) throw Error(Status::out_of_range, "seconds", std::to_string(seconds) + " is negative");
  if (seconds > kMaxDurationSeconds)
    throw Error(Status::out_of_range, "seconds", std::to_string(seconds) + " is more than 10000 years");
  const Impl& cal = calendar_impl(calendar);
  std::int64_t remaining = seconds * kMicros;
  std::int64_t u = start.micros;
  while (remaining > 0) {
    if (u >= kEndOfTime) past_end_of_time("the due time");
    if (remaining > cal.week_micros && plain_week(cal, u)) {
      remaining -= cal.week_micros;
      u += kWeek;
      continue;
    }
    const Piece p = piece_at(cal, u);
    std::int64_t due = 0;
    const bool found = visit_open(p, u, p.end, [&](std::int64_t b, std::int64_t e) {
      if (e - b >= remaining) {
        due = b + remaining;
        return true;
      }
      remaining -= e - b;
      return false;
    });
    if (found) return Timestamp{due};
    u = p.end;
  }
  return Timestamp{u};
}

std::int64_t business_seconds_between(const BusinessCalendar& calendar, Timestamp a, Timestamp b) {
  if (b < a) return -business_seconds_between(calendar, b, a);
  const Impl& cal = calendar_impl(calendar);
  std::int64_t total = 0;
  std::int64_t u = a.micros;
  while (u < b.micros) {
    if (u + kWeek <= b.micros && plain_week(cal, u)) {
      total += cal.week_micros;
      u += kWeek;
      continue;
    }
    const Piece p = piece_at(cal, u);
    visit_open(p, u, std::min(p.end, b.micros), [&](std::int64_t from, std::int64_t to) {
      total += to - from;
      return false;
    });
    u = p.end;
  }
  return total / kMicros;
}

Timestamp next_open(const BusinessCalendar& calendar, Timestamp t) {
  const Impl& cal = calendar_impl(calendar);
  std::int64_t u = t.micros;
  for (;;) {
    if (u >= kEndOfTime) past_end_of_time("the next opening");
    const Piece p = piece_at(cal, u);
    std::int64_t opens = 0;
    if (visit_open(p, u, p.end, [&](std::int64_t from, std::int64_t) {
          opens = from;
          return true;
        }))
      return Timestamp{opens};
    u = p.end;
  }
}

}  // namespace rma
