// Text forms of instants and dates, and the calendar arithmetic behind them.
//
// Accepted instant text, and nothing else:
//   YYYY-MM-DDTHH:MM:SS[.f{1,6}](Z|+HH:MM|-HH:MM)
// 'T' and 'Z' are upper-case only and a space in place of 'T' is refused: these strings are
// written by programs, and one spelling keeps stored values comparable. Years run 1900..9999 (in
// the text and after converting to UTC); leap seconds ("23:59:60") are refused because UTC
// microsecond counts have no room for them. Malformed text is Status::invalid_argument; text of
// the right shape with a part out of range (month 13, Feb 30, hour 24) is Status::out_of_range.
#include "rma/time.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <chrono>
#include <cstdio>
#include <string>

#include "domain/quoted.hpp"
#include "rma/error.hpp"

namespace rma {

namespace {

namespace greg = boost::gregorian;

constexpr std::int32_t min_year = 1900;
constexpr std::int32_t max_year = 9999;
constexpr std::int64_t micros_per_second = 1000000;
constexpr std::int64_t micros_per_day = 86400 * micros_per_second;

using detail::quoted;

[[noreturn]] void malformed(std::string_view text, const char* expected) {
  throw Error(Status::invalid_argument, "", quoted(text) + " is not " + expected);
}

[[noreturn]] void out_of_range(std::string_view text, const std::string& why) {
  throw Error(Status::out_of_range, "", quoted(text) + ": " + why);
}

// Reads fixed-width unsigned decimal fields and literal characters from the front of the text.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool digits(std::size_t width, std::int32_t& out) {
    if (text_.size() - pos_ < width) return false;
    std::int32_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += width;
    out = value;
    return true;
  }

  bool literal(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool peek_digit() const { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; }
  bool at_end() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool read_date(Cursor& cur, Date& date) {
  return cur.digits(4, date.year) && cur.literal('-') && cur.digits(2, date.month) &&
         cur.literal('-') && cur.digits(2, date.day);
}

void check_date_range(std::string_view text, const Date& date) {
  if (date.year < min_year || date.year > max_year)
    out_of_range(text, "year " + std::to_string(date.year) + " is outside 1900..9999");
  if (date.month < 1 || date.month > 12)
    out_of_range(text, "month " + std::to_string(date.month) + " is outside 1..12");
  const int last_day = greg::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(date.year), static_cast<unsigned short>(date.month));
  if (date.day < 1 || date.day > last_day)
    out_of_range(text, "day " + std::to_string(date.day) + " is outside 1.." + std::to_string(last_day) +
                           " for " + std::to_string(date.year) + "-" + (date.month < 10 ? "0" : "") +
                           std::to_string(date.month));
}

const greg::date& epoch_date() {
  static const greg::date epoch(1970, 1, 1);
  return epoch;
}

std::int64_t days_since_epoch(const Date& date) {
  const greg::date d(static_cast<unsigned short>(date.year), static_cast<unsigned short>(date.month),
                     static_cast<unsigned short>(date.day));
  return (d - epoch_date()).days();
}

// The instants a four-digit year in our range can name: 1900-01-01T00:00:00Z up to
// 9999-12-31T23:59:59.999999Z.
std::int64_t first_micros() {
  static const std::int64_t value = days_since_epoch(Date{min_year, 1, 1}) * micros_per_day;
  return value;
}
std::int64_t last_micros() {
  static const std::int64_t value = (days_since_epoch(Date{max_year, 12, 31}) + 1) * micros_per_day - 1;
  return value;
}

struct Civil {
  greg::date date;
  std::int64_t micros_of_day;
};

Civil to_civil(Timestamp t) {
  if (t.micros < first_micros() || t.micros > last_micros())
    throw Error(Status::out_of_range, "",
                "timestamp " + std::to_string(t.micros) + " us lies outside the years 1900..9999");
  // Floor division: instants before 1970 have negative micros but a non-negative time of day.
  std::int64_t days = t.micros / micros_per_day;
  std::int64_t rest = t.micros % micros_per_day;
  if (rest < 0) {
    rest += micros_per_day;
    --days;
  }
  return Civil{epoch_date() + greg::days(static_cast<long>(days)), rest};
}

}  // namespace

Timestamp Timestamp::from_iso(std::string_view text) {
  constexpr const char* shape = "an ISO 8601 instant like \"2026-11-25T09:30:00Z\"";
  Cursor cur(text);
  Date date;
  std::int32_t hour = 0, minute = 0, second = 0;
  if (!read_date(cur, date) || !cur.literal('T') || !cur.digits(2, hour) || !cur.literal(':') ||
      !cur.digits(2, minute) || !cur.literal(':') || !cur.digits(2, second))
    malformed(text, shape);

  std::int64_t fraction = 0;
  if (cur.literal('.')) {
    int count = 0;
    while (cur.peek_digit()) {
      std::int32_t digit = 0;
      cur.digits(1, digit);
      if (++count > 6) malformed(text, "an instant with at most 6 fractional digits");
      fraction = fraction * 10 + digit;
    }
    if (count == 0) malformed(text, shape);
    for (; count < 6; ++count) fraction *= 10;
  }

  std::int64_t offset_minutes = 0;
  std::int32_t offset_hours = 0, offset_mins = 0;
  if (!cur.literal('Z')) {
    const bool east = cur.literal('+');
    if (!east && !cur.literal('-')) malformed(text, "an instant ending in \"Z\" or a \"+HH:MM\" offset");
    if (!cur.digits(2, offset_hours) || !cur.literal(':') || !cur.digits(2, offset_mins))
      malformed(text, shape);
    offset_minutes = (east ? 1 : -1) * (offset_hours * 60 + offset_mins);
  }
  if (!cur.at_end()) malformed(text, shape);

  check_date_range(text, date);
  if (hour > 23) out_of_range(text, "hour " + std::to_string(hour) + " is outside 0..23");
  if (minute > 59) out_of_range(text, "minute " + std::to_string(minute) + " is outside 0..59");
  if (second > 59) out_of_range(text, "second " + std::to_string(second) + " is outside 0..59");
  if (offset_hours > 23 || offset_mins > 59) out_of_range(text, "the UTC offset is outside -23:59..+23:59");

  const std::int64_t local = days_since_epoch(date) * micros_per_day +
                             ((hour * 60 + minute) * 60 + second) * micros_per_second + fraction;
  const Timestamp utc{local - offset_minutes * 60 * micros_per_second};
  if (utc.micros < first_micros() || utc.micros > last_micros())
    out_of_range(text, "in UTC the instant falls outside the years 1900..9999");
  return utc;
}

std::string Timestamp::to_iso() const {
  // Formatted by hand rather than with snprintf: every audit event and stored row prints times.
  const Civil civil = to_civil(*this);
  const greg::date::ymd_type ymd = civil.date.year_month_day();
  const int year = static_cast<int>(ymd.year);
  const int month = static_cast<int>(ymd.month);
  const int day = static_cast<int>(ymd.day);
  const std::int64_t seconds = civil.micros_of_day / micros_per_second;
  const std::int64_t micros_part = civil.micros_of_day % micros_per_second;
  const int hour = static_cast<int>(seconds / 3600);
  const int minute = static_cast<int>(seconds / 60 % 60);
  const int second = static_cast<int>(seconds % 60);
  char out[28] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10), '-',
                  static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10), '-',
                  static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10), 'T',
                  static_cast<char>('0' + hour / 10), static_cast<char>('0' + hour % 10), ':',
                  static_cast<char>('0' + minute / 10), static_cast<char>('0' + minute % 10), ':',
                  static_cast<char>('0' + second / 10), static_cast<char>('0' + second % 10)};
  std::size_t n = 19;
  if (micros_part != 0) {
    out[n++] = '.';
    for (std::int64_t scale = 100000; scale > 0; scale /= 10) {
      out[n++] = static_cast<char>('0' + micros_part / scale % 10);
    }
  }
  out[n++] = 'Z';
  return std::string(out, n);
}

Date Date::from_iso(std::string_view text) {
  Cursor cur(text);
  Date date;
  if (!read_date(cur, date) || !cur.at_end()) malformed(text, "a date like \"2026-11-25\"");
  check_date_range(text, date);
  return date;
}

std::string Date::to_iso() const {
  // Prints the members as they are; only from_iso guarantees a real calendar date. Written by
  // hand rather than with snprintf: warranty verdicts print several dates per check.
  if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99) {
    char buffer[40];
    const int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(year),
                                static_cast<int>(month), static_cast<int>(day));
    return std::string(buffer, static_cast<std::size_t>(n));
  }
  char out[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10), '-',
                  static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10), '-',
                  static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
  return std::string(out, sizeof out);
}

Timestamp system_now() {
  // system_clock counts from the Unix epoch on every platform librma targets (guaranteed from C++20).
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

std::int32_t utc_year(Timestamp t) { return static_cast<std::int32_t>(to_civil(t).date.year()); }

}  // namespace rma
