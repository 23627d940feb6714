// domain/sla_legal.hpp — the seller's deadlines set by law, as SLA clocks counted in calendar days
// (docs/sla.md, "Legal deadlines"): when one is due, and the refund deadline after a withdrawal.
#pragma once

#include <optional>
#include <string_view>

#include "domain/legal_period.hpp"
#include "domain/time_zone.hpp"
#include "rma/sla.hpp"

namespace rma::domain {

// The instant `date` begins in `zone`: its local midnight, found from the offset in force then.
Timestamp local_day_start(const TimeZone& zone, Date date) noexcept;

// When a legal deadline is due: the end of its last day in `zone`, i.e. the start of the next one.
Timestamp legal_deadline_due(const TimeZone& zone, const SlaLegalDeadline& deadline) noexcept;

// The seller's refund deadline after a consumer in `country` withdrew at `notice_at`: the
// jurisdiction's withdrawal days (14 in the EU, Directive 2011/83/EU art. 13(1)) from the local
// date of the notice in `zone`, the last day moved off a weekend or public holiday. None where the
// country gives no right of withdrawal. `period` receives the period for the evidence.
std::optional<SlaLegalDeadline> refund_deadline(Timestamp notice_at, const TimeZone& zone, std::string_view country,
                                                const PublicHolidays& holidays, PeriodEnd* period = nullptr);

}  // namespace rma::domain
