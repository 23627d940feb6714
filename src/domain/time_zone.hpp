// domain/time_zone.hpp — a time zone as a POSIX TZ rule, for turning UTC instants into the local
// dates that warranty and return periods count in.
//
// Accepts the rule as people paste it ("CET-1CEST,M3.5.0,M10.5.0/3": POSIX signs, so CET-1 is one
// hour EAST of UTC) or an IANA name ("Europe/Rome"), whose rule is the footer line of
// /usr/share/zoneinfo/<name>. The footer describes the zone's current rules, which is what dates
// from now on need; historical offsets of the past are not reproduced.
//
// Immutable after parse(); copies are independent; safe to share between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rma/time.hpp"

namespace rma::domain {

class TimeZone {
 public:
  // UTC.
  TimeZone();

  // A POSIX TZ rule, or an IANA zone name (also "UTC"). Throws Error naming `field`:
  // invalid_argument for a malformed rule, out_of_range for a number out of range in it,
  // unknown_value for a zone name with no zoneinfo file (or one without a rule footer).
  static TimeZone parse(std::string_view rule_or_name, const std::string& field);

  // The calendar date at `utc` in this zone.
  Date local_date(Timestamp utc) const noexcept;
  // Local time minus UTC at `utc`, in seconds: +3600 for Berlin in winter, -14400 for New York in
  // summer.
  std::int64_t utc_offset_seconds(Timestamp utc) const noexcept;

  const std::string& text() const noexcept { return text_; }  // as given to parse()
  const std::string& rule() const noexcept { return rule_; }  // the POSIX rule (a name's footer)

  // Where a rule switches between standard and daylight time, in local time of the year.
  struct SwitchRule {
    enum class Kind { julian_no_leap, day_of_year, month_week_day };  // "Jn", "n", "Mm.w.d"
    Kind kind = Kind::month_week_day;
    std::int32_t day = 0;      // Jn: 1..365; n: 0..365; Mm.w.d: d, 0 = Sunday
    std::int32_t month = 0;    // Mm.w.d: 1..12
    std::int32_t week = 0;     // Mm.w.d: 1..5, 5 = the last
    std::int32_t seconds = 7200;  // local time of the switch, -167..167 hours (RFC 8536)
  };

 private:
  void read_rule();  // parses rule_ into the members below; a bad rule throws
  std::int64_t offset_at(std::int64_t utc_seconds) const noexcept;

  std::string text_;
  std::string rule_;
  std::int32_t std_offset_ = 0;  // seconds east of UTC
  std::int32_t dst_offset_ = 0;
  bool has_dst_ = false;
  SwitchRule dst_start_;
  SwitchRule dst_end_;
};

}  // namespace rma::domain
