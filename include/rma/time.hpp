// rma/time.hpp — instants and civil dates as librma passes them around.
//
// Inside librma every instant is UTC. Text form is ISO 8601: "2026-11-25T09:30:00Z", with
// ".ffffff" when there are microseconds; parsing also accepts a "+01:00"-style offset and converts
// it to UTC. Dates are civil dates with no zone ("2026-11-25").
//
// Parsing is strict: upper-case 'T' and 'Z' only, no space for 'T', 1–6 fraction digits, years
// 1900..9999 (also after conversion to UTC), no leap second. Malformed text is
// Status::invalid_argument, out-of-range parts are Status::out_of_range. to_iso() throws
// out_of_range for instants outside those years, so whatever it prints reads back.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace rma {

// Microseconds since 1970-01-01T00:00:00Z. A plain value type.
struct Timestamp {
  std::int64_t micros = 0;

  static Timestamp from_iso(std::string_view text);  // throws Error(invalid_argument / out_of_range)
  std::string to_iso() const;

  friend bool operator==(Timestamp a, Timestamp b) { return a.micros == b.micros; }
  friend bool operator!=(Timestamp a, Timestamp b) { return a.micros != b.micros; }
  friend bool operator<(Timestamp a, Timestamp b) { return a.micros < b.micros; }
  friend bool operator<=(Timestamp a, Timestamp b) { return a.micros <= b.micros; }
  friend bool operator>(Timestamp a, Timestamp b) { return a.micros > b.micros; }
  friend bool operator>=(Timestamp a, Timestamp b) { return a.micros >= b.micros; }
};

// A civil (calendar) date without time zone.
struct Date {
  std::int32_t year = 1970;
  std::int32_t month = 1;  // 1..12
  std::int32_t day = 1;    // 1..31

  static Date from_iso(std::string_view text);  // "YYYY-MM-DD"; throws Error
  std::string to_iso() const;

  friend bool operator==(Date a, Date b) { return a.year == b.year && a.month == b.month && a.day == b.day; }
  friend bool operator!=(Date a, Date b) { return !(a == b); }
};

// The engine reads time only through a Clock, so tests can inject one.
using Clock = std::function<Timestamp()>;

// The system clock, in UTC.
Timestamp system_now();

// The UTC calendar year of an instant (RMA numbers restart their sequence every year).
std::int32_t utc_year(Timestamp t);

}  // namespace rma
