// Legal deadlines of the seller as SLA clocks (domain/sla_legal.hpp). They count calendar days,
// not business hours: the law gives the seller until the end of a day, so the clock is due at the
// next local midnight whatever the desk's hours, and a DST switch inside the period changes
// nothing but the UTC offset of that midnight.
#include "domain/sla_legal.hpp"

#include "domain/calendar_date.hpp"
#include "domain/jurisdiction_rules.hpp"

namespace rma::domain {

namespace {

constexpr std::int64_t kMicros = 1000000;
constexpr std::int64_t kDaySeconds = 86400;

}  // namespace

Timestamp local_day_start(const TimeZone& zone, Date date) noexcept {
  const std::int64_t midnight = days_since_epoch(date) * kDaySeconds;  // as if the zone were UTC
  // The offset at local midnight is the offset at the instant it names; two rounds settle it
  // (the first guess may fall on the other side of a switch).
  std::int64_t utc = midnight - zone.utc_offset_seconds(Timestamp{midnight * kMicros});
  utc = midnight - zone.utc_offset_seconds(Timestamp{utc * kMicros});
  return Timestamp{utc * kMicros};
}

Timestamp legal_deadline_due(const TimeZone& zone, const SlaLegalDeadline& deadline) noexcept {
  return local_day_start(zone, add_days(deadline.last_day, 1));
}

std::optional<SlaLegalDeadline> refund_deadline(Timestamp notice_at, const TimeZone& zone, std::string_view country,
                                                const PublicHolidays& holidays, PeriodEnd* period) {
  const JurisdictionRules& law = jurisdiction_rules(country);
  if (law.withdrawal_days <= 0) return std::nullopt;
  const PeriodEnd p = legal_period_end(zone.local_date(notice_at), law.withdrawal_days, PeriodUnit::days, law, country, holidays);
  if (period) *period = p;
  return SlaLegalDeadline{"legal:refund", notice_at, p.end, std::nullopt};
}

}  // namespace rma::domain
