// POSIX TZ rules (POSIX.1-2017 §8.3 "TZ", with the RFC 8536 extensions tzdata footers use: quoted
// names like "<+04>" and switch times from -167 to 167 hours), evaluated here rather than by
// boost::local_time::posix_time_zone: Boost reads the offset with the opposite sign of POSIX and
// rejects quoted names and extended switch times, which many zoneinfo footers contain.
#include "domain/time_zone.hpp"

#include <fstream>
#include <limits>
#include <optional>
#include <utility>

#include "domain/calendar_date.hpp"
#include "domain/quoted.hpp"
#include "rma/error.hpp"

namespace rma::domain {

namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr std::int64_t micros_per_second = 1000000;
constexpr const char* zoneinfo_dir = "/usr/share/zoneinfo/";
constexpr std::size_t max_name_bytes = 128;
constexpr std::streamsize max_zoneinfo_bytes = 1 << 20;

struct RuleError {
  Status status = Status::invalid_argument;
  std::string message;
};

using detail::quoted;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads one POSIX TZ rule from left to right; every failure says what was expected where.
class RuleParser {
 public:
  explicit RuleParser(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c || at_end()) return false;
    ++pos_;
    return true;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw RuleError{Status::invalid_argument, what + " at position " + std::to_string(pos_ + 1)};
  }
  [[noreturn]] void out_of_range(const std::string& what) const {
    throw RuleError{Status::out_of_range, what};
  }

  // "CET" (three or more letters) or "<+0330>" (three or more letters, digits, '+', '-').
  void zone_name(const char* which) {
    const std::size_t start = pos_;
    if (accept('<')) {
      while (!at_end() && (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-')) ++pos_;
      const std::size_t length = pos_ - start - 1;
      if (!accept('>')) fail(std::string("expected '>' closing the quoted ") + which + " name");
      if (length < 3) fail(std::string("the ") + which + " name needs at least 3 characters");
      return;
    }
    while (!at_end() && is_alpha(peek())) ++pos_;
    if (pos_ - start < 3) fail(std::string("expected the ") + which + " name (3 or more letters)");
  }

  std::int32_t number(std::int32_t max_digits) {
    if (!is_digit(peek())) fail("expected a number");
    std::int32_t value = 0;
    std::int32_t count = 0;
    while (is_digit(peek())) {
      if (++count > max_digits) fail("number with too many digits");
      value = value * 10 + (text_[pos_++] - '0');
    }
    return value;
  }

  // [+|-]hh[:mm[:ss]] in seconds, hours at most `max_hours`.
  std::int32_t duration(std::int32_t max_hours, const char* what) {
    std::int32_t sign = 1;
    if (accept('-')) sign = -1;
    else accept('+');
    const std::int32_t hours = number(3);
    std::int32_t minutes = 0;
    std::int32_t seconds = 0;
    if (accept(':')) {
      minutes = number(2);
      if (accept(':')) seconds = number(2);
    }
    if (hours > max_hours)
      out_of_range(std::string(what) + " hours " + std::to_string(hours) + " are more than " + std::to_string(max_hours));
    if (minutes > 59) out_of_range(std::string(what) + " minutes " + std::to_string(minutes) + " are more than 59");
    if (seconds > 59) out_of_range(std::string(what) + " seconds " + std::to_string(seconds) + " are more than 59");
    return sign * (hours * 3600 + minutes * 60 + seconds);
  }

  TimeZone::SwitchRule switch_rule(const char* which) {
    using Kind = TimeZone::SwitchRule::Kind;
    TimeZone::SwitchRule rule;
    if (accept('J')) {
      rule.kind = Kind::julian_no_leap;
      rule.day = number(3);
      if (rule.day < 1 || rule.day > 365)
        out_of_range(std::string(which) + " day J" + std::to_string(rule.day) + " is outside J1..J365");
    } else if (accept('M')) {
      rule.kind = Kind::month_week_day;
      rule.month = number(2);
      if (!accept('.')) fail("expected '.' after the month");
      rule.week = number(1);
      if (!accept('.')) fail("expected '.' after the week");
      rule.day = number(1);
      if (rule.month < 1 || rule.month > 12)
        out_of_range(std::string(which) + " month " + std::to_string(rule.month) + " is outside 1..12");
      if (rule.week < 1 || rule.week > 5)
        out_of_range(std::string(which) + " week " + std::to_string(rule.week) + " is outside 1..5");
      if (rule.day > 6)
        out_of_range(std::string(which) + " weekday " + std::to_string(rule.day) + " is outside 0..6");
    } else if (is_digit(peek())) {
      rule.kind = Kind::day_of_year;
      rule.day = number(3);
      if (rule.day > 365)
        out_of_range(std::string(which) + " day " + std::to_string(rule.day) + " is outside 0..365");
    } else {
      fail(std::string("expected the ") + which + " date (Mm.w.d, Jn or n)");
    }
    if (accept('/')) rule.seconds = duration(167, (std::string(which) + " time").c_str());
    return rule;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// The day (since the epoch) a switch rule names in `year`.
std::int64_t switch_day(const TimeZone::SwitchRule& rule, std::int32_t year) {
  using Kind = TimeZone::SwitchRule::Kind;
  const std::int64_t january_first = days_since_epoch(Date{year, 1, 1});
  switch (rule.kind) {
    case Kind::julian_no_leap:
      // Jn never counts 29 February: J60 is 1 March in every year.
      return january_first + rule.day - 1 + (is_leap_year(year) && rule.day >= 60 ? 1 : 0);
    case Kind::day_of_year: return january_first + rule.day;
    case Kind::month_week_day: break;
  }
  const std::int64_t first = days_since_epoch(Date{year, rule.month, 1});
  // 1970-01-01 was a Thursday (weekday 4, Sunday = 0).
  const std::int64_t first_weekday = ((first % 7) + 7 + 4) % 7;
  std::int64_t day = first + (rule.day - first_weekday + 7) % 7 + 7 * (rule.week - 1);
  // Week 5 means the last such weekday: step back when the month has only four.
  while (day - first >= days_in_month(year, rule.month)) day -= 7;
  return day;
}

bool valid_zone_name(std::string_view name) {
  if (name.empty() || name.size() > max_name_bytes || name.front() == '/') return false;
  if (name.find("..") != std::string_view::npos) return false;
  for (char c : name) {
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '+' && c != '-' && c != '/') return false;
  }
  return true;
}

// The footer of a TZif file (version 2 or later): the POSIX rule between the last two newlines.
// Nothing if there is no such file.
std::optional<std::string> zoneinfo_footer(const std::string& name, const std::string& field) {
  const std::string path = zoneinfo_dir + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data;
  data.resize(static_cast<std::size_t>(max_zoneinfo_bytes));
  in.read(&data[0], max_zoneinfo_bytes);
  data.resize(static_cast<std::size_t>(in.gcount()));
  const bool tzif = data.size() >= 5 && data.compare(0, 4, "TZif") == 0;
  const bool has_footer = tzif && data[4] >= '2' && data.back() == '\n';
  if (!has_footer) throw Error(Status::unknown_value, field, path + " is not a zoneinfo file with a POSIX rule footer");
  const std::size_t start = data.rfind('\n', data.size() - 2);
  std::string footer = data.substr(start + 1, data.size() - start - 2);
  if (footer.empty())
    throw Error(Status::unknown_value, field, path + " has an empty rule footer: the zone has no rule for future dates");
  return footer;
}

}  // namespace

TimeZone::TimeZone() : text_("UTC"), rule_("UTC0") {}

void TimeZone::read_rule() {
  RuleParser p(rule_);
  p.zone_name("standard time");
  std_offset_ = -p.duration(24, "offset");
  if (!p.at_end() && p.peek() != ',') {
    p.zone_name("daylight time");
    has_dst_ = true;
    dst_offset_ = std_offset_ + 3600;  // POSIX default: one hour ahead of standard time
    if (!p.at_end() && p.peek() != ',') dst_offset_ = -p.duration(24, "daylight offset");
    // Without switch dates POSIX leaves the rule to the implementation; guessing would put a
    // zone's switches on another country's dates, so the rule must say them.
    if (!p.accept(',')) p.fail("expected ',' and the daylight time start and end dates");
    dst_start_ = p.switch_rule("start");
    if (!p.accept(',')) p.fail("expected ',' and the daylight time end date");
    dst_end_ = p.switch_rule("end");
  }
  if (!p.at_end()) p.fail("unexpected text");
}

TimeZone TimeZone::parse(std::string_view rule_or_name, const std::string& field) {
  TimeZone zone;
  zone.text_ = std::string(rule_or_name);
  if (rule_or_name == "UTC") return zone;
  // A pasted rule never touches the file system; a name is looked up only when it is no rule.
  RuleError rule_error;
  try {
    zone.rule_ = zone.text_;
    zone.read_rule();
    return zone;
  } catch (const RuleError& e) {
    rule_error = e;
  }
  if (!valid_zone_name(rule_or_name))
    throw Error(rule_error.status, field, quoted(rule_or_name) + " is not a POSIX TZ rule: " + rule_error.message);
  std::optional<std::string> footer = zoneinfo_footer(zone.text_, field);
  if (!footer) {
    // "CET-1CEST" is a rule with a mistake; "Europe/Atlantis" a name nobody knows.
    const bool looks_like_rule = zone.text_.find_first_of("0123456789") != std::string::npos;
    if (looks_like_rule)
      throw Error(rule_error.status, field,
                  quoted(rule_or_name) + " is not a POSIX TZ rule (" + rule_error.message + "), nor a zone in " +
                      zoneinfo_dir);
    throw Error(Status::unknown_value, field,
                "unknown time zone " + quoted(rule_or_name) + ": " + zoneinfo_dir + zone.text_ + " does not exist");
  }
  zone = TimeZone();
  zone.text_ = std::string(rule_or_name);
  zone.rule_ = std::move(*footer);
  try {
    zone.read_rule();
  } catch (const RuleError& e) {
    throw Error(Status::unknown_value, field,
                quoted(rule_or_name) + ": its zoneinfo rule " + quoted(zone.rule_) + " is not understood: " + e.message);
  }
  return zone;
}

std::int64_t TimeZone::offset_at(std::int64_t utc_seconds) const noexcept {
  if (!has_dst_) return std_offset_;
  // The latest switch at or before the instant decides; looking at the year before and after too
  // covers switch times past the year's end (up to 167 hours) and southern-hemisphere rules,
  // where daylight time spans New Year.
  const std::int32_t year = date_from_days(floor_div(utc_seconds + std_offset_, seconds_per_day)).year;
  std::int64_t best = std::numeric_limits<std::int64_t>::min();
  bool in_dst = false;
  for (std::int32_t y = year - 1; y <= year + 1; ++y) {
    // The start is written in standard time, the end in daylight time: the clocks in effect.
    const std::int64_t start = switch_day(dst_start_, y) * seconds_per_day + dst_start_.seconds - std_offset_;
    const std::int64_t end = switch_day(dst_end_, y) * seconds_per_day + dst_end_.seconds - dst_offset_;
    // At a tie the start wins: a rule that ends daylight time when the next year's begins (RFC 8536
    // "DST all year") stays on daylight time.
    if (end <= utc_seconds && (end > best)) {
      best = end;
      in_dst = false;
    }
    if (start <= utc_seconds && start >= best) {
      best = start;
      in_dst = true;
    }
  }
  return in_dst ? dst_offset_ : std_offset_;
}

std::int64_t TimeZone::utc_offset_seconds(Timestamp utc) const noexcept {
  return offset_at(floor_div(utc.micros, micros_per_second));
}

Date TimeZone::local_date(Timestamp utc) const noexcept {
  const std::int64_t seconds = floor_div(utc.micros, micros_per_second);
  return date_from_days(floor_div(seconds + offset_at(seconds), seconds_per_day));
}

}  // namespace rma::domain
