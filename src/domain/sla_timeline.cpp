#include "domain/sla_timeline.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "domain/calendar_date.hpp"

namespace rma {

namespace {

constexpr std::int64_t kMicros = 1000000;
constexpr std::int64_t kDay = 86400 * kMicros;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Span {
  std::int64_t start = 0;   // UTC micros, inclusive
  std::int64_t end = 0;     // exclusive
  std::int64_t before = 0;  // open micros of the decade before `start`
};

// A stretch of UTC time with one offset from UTC.
struct Piece {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::int64_t offset = 0;  // micros
};

}  // namespace

struct SlaTimeline::Decade {
  std::int64_t from = 0;  // UTC micros of January 1st, 00:00 UTC, of its first year
  std::int64_t to = 0;
  std::vector<Span> spans;
  std::int64_t total = 0;

  // Open micros in [from, t), for from <= t <= to.
  std::int64_t before(std::int64_t t) const {
    const auto it = std::upper_bound(spans.begin(), spans.end(), t, [](std::int64_t x, const Span& s) { return x < s.end; });
    if (it == spans.end()) return total;
    return it->before + std::max<std::int64_t>(0, t - it->start);
  }

  // The earliest instant with `open` micros in [from, instant); 0 < open <= total.
  std::int64_t instant_after(std::int64_t open) const {
    const auto it = std::lower_bound(spans.begin(), spans.end(), open,
                                     [](const Span& s, std::int64_t x) { return s.before + (s.end - s.start) < x; });
    return it->start + (open - it->before);
  }
};

SlaTimeline::SlaTimeline(BusinessCalendar calendar)
    : calendar_(std::move(calendar)), zone_(domain::TimeZone::parse(calendar_.config().time_zone, "time_zone")) {}

SlaTimeline::~SlaTimeline() = default;

std::unique_ptr<SlaTimeline::Decade> SlaTimeline::build(std::size_t index) const {
  auto d = std::make_unique<Decade>();
  const std::int32_t year = kFirstYear + static_cast<std::int32_t>(index) * 10;
  d->from = domain::days_since_epoch(Date{year, 1, 1}) * kDay;
  d->to = domain::days_since_epoch(Date{year + 10, 1, 1}) * kDay;
  const auto offset = [&](std::int64_t micros) { return zone_.utc_offset_seconds(Timestamp{micros}) * kMicros; };

  // The zone's offset changes at most once a day: find each change to the second.
  std::vector<Piece> pieces;
  const std::int64_t margin = 3 * kDay;
  std::int64_t piece_from = d->from - margin;
  for (std::int64_t day = d->from - margin; day < d->to + margin; day += kDay) {
    const std::int64_t here = offset(day);
    if (offset(day + kDay) == here) continue;
    std::int64_t same = day / kMicros;
    std::int64_t changed = (day + kDay) / kMicros;
    while (changed - same > 1) {
      const std::int64_t mid = same + (changed - same) / 2;
      (offset(mid * kMicros) == here ? same : changed) = mid;
    }
    pieces.push_back({piece_from, changed * kMicros, here});
    piece_from = changed * kMicros;
  }
  pieces.push_back({piece_from, d->to + margin, offset(piece_from)});

  // Within a piece the wall clock is UTC plus the offset, so each local date's intervals are a
  // subtraction away; the part of them inside the piece is open.
  for (const Piece& p : pieces) {
    const std::int64_t first_date = floor_div(std::max(p.from, d->from) + p.offset, kDay);
    const std::int64_t last_date = floor_div(std::min(p.to, d->to) - 1 + p.offset, kDay);
    for (std::int64_t date = first_date; date <= last_date; ++date) {
      const std::int64_t midnight = date * kDay - p.offset;
      for (const TimeInterval& h : calendar_.hours_on(domain::date_from_days(date))) {
        const std::int64_t start = std::max({midnight + h.start * kMicros, p.from, d->from});
        const std::int64_t end = std::min({midnight + h.end * kMicros, p.to, d->to});
        if (start >= end) continue;
        if (!d->spans.empty() && d->spans.back().end == start) {
          d->spans.back().end = end;
        } else {
          d->spans.push_back({start, end, 0});
        }
      }
    }
  }
  for (Span& s : d->spans) {
    s.before = d->total;
    d->total += s.end - s.start;
  }
  return d;
}

const SlaTimeline::Decade* SlaTimeline::decade(std::size_t index) const {
  if (const Decade* d = decades_[index].load(std::memory_order_acquire)) return d;
  std::lock_guard<std::mutex> lock(build_mutex_);
  if (const Decade* d = decades_[index].load(std::memory_order_acquire)) return d;
  owned_.push_back(build(index));
  decades_[index].store(owned_.back().get(), std::memory_order_release);
  return owned_.back().get();
}

namespace {

// The decade of an instant, or kDecades outside 1900..9999.
std::size_t decade_of(std::int64_t micros, std::int32_t first_year, std::size_t decades) {
  static const std::int64_t start = domain::days_since_epoch(Date{1900, 1, 1}) * kDay;
  static const std::int64_t end = domain::days_since_epoch(Date{10000, 1, 1}) * kDay;
  if (micros < start || micros >= end) return decades;
  const std::int32_t year = domain::date_from_days(floor_div(micros, kDay)).year;
  return static_cast<std::size_t>((year - first_year) / 10);
}

}  // namespace

Timestamp SlaTimeline::add_business(Timestamp start, std::int64_t seconds) const {
  std::size_t index = decade_of(start.micros, kFirstYear, kDecades);
  // Zero is `start` itself; negative and huge durations get the calendar's errors.
  if (seconds <= 0 || index == kDecades || seconds > 400LL * 366 * 86400) return rma::add_business(calendar_, start, seconds);
  const Decade* d = decade(index);
  std::int64_t open = d->before(start.micros) + seconds * kMicros;
  for (int empty = 0; open > d->total; ) {
    open -= d->total;
    empty = d->total == 0 ? empty + 1 : 0;
    // Past 9999, or a calendar that stopped opening: the calendar's own answer (an error).
    if (++index == kDecades || empty > 2) return rma::add_business(calendar_, start, seconds);
    d = decade(index);
  }
  return Timestamp{d->instant_after(open)};
}

std::int64_t SlaTimeline::open_micros_between(std::int64_t a, std::int64_t b) const {
  const std::size_t first = decade_of(a, kFirstYear, kDecades);
  const std::size_t last = decade_of(b, kFirstYear, kDecades);
  if (first == last) {
    const Decade* d = decade(first);
    return d->before(b) - d->before(a);
  }
  const Decade* d = decade(first);
  std::int64_t total = d->total - d->before(a);
  for (std::size_t i = first + 1; i < last; ++i) total += decade(i)->total;
  return total + decade(last)->before(b);
}

std::int64_t SlaTimeline::business_seconds_between(Timestamp a, Timestamp b) const {
  if (b < a) return -business_seconds_between(b, a);
  if (decade_of(a.micros, kFirstYear, kDecades) == kDecades || decade_of(b.micros, kFirstYear, kDecades) == kDecades)
    return rma::business_seconds_between(calendar_, a, b);
  return open_micros_between(a.micros, b.micros) / kMicros;
}

}  // namespace rma
