// domain/legal_period.hpp — where a period set by law ends: counted in days or months from an
// event (Regulation (EEC, Euratom) No 1182/71, art. 3(1) and 3(2)), then moved off a Saturday,
// Sunday or public holiday to the end of the following working day (art. 3(4)).
//
// The withdrawal window, the seller's refund deadline and the presumption of non-conformity all
// end here (docs/warranty.md, "Legal periods"). Pure: the public holidays come in through a
// PublicHolidays function, so the rule does not depend on where holiday data lives.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "rma/time.hpp"

namespace rma::domain {

struct JurisdictionRules;

// Whether `date` is a public holiday in `country` (ISO 3166-1 alpha-2, national level).
using PublicHolidays = std::function<bool(std::string_view country, Date date)>;

// The holidays librma applies when the caller gives none: the built-in national public holidays
// (rma::is_public_holiday, data/holidays.json, or the document a host loaded) of the countries of
// the jurisdiction table; none for other codes. A test or a host with holidays of its own passes
// them explicitly (EligibilityFacts::holidays, UnitFacts::holidays).
const PublicHolidays& default_public_holidays();

// 0 = Monday .. 6 = Sunday.
std::int32_t weekday_of(Date date) noexcept;
const char* weekday_name(Date date) noexcept;  // "Monday" .. "Sunday"

enum class PeriodUnit { days, months };

// A legal period and where it ended.
struct PeriodEnd {
  Date start;        // the event; not counted (art. 3(1))
  std::int32_t length = 0;
  PeriodUnit unit = PeriodUnit::days;
  Date nominal_end;  // the last day by counting (art. 3(2)(b), (c))
  Date end;          // the last day after art. 3(4); nominal_end when it is a working day

  bool rolled() const noexcept { return !(nominal_end == end); }
};

// The last day of `length` days or months from `start`, moved to the next working day in
// `country` when `rules` say weekends and holidays roll. `holidays` is asked only for days that
// are not already Saturdays or Sundays; a source that never answers "working day" stops the roll
// after a year rather than looping.
PeriodEnd legal_period_end(Date start, std::int32_t length, PeriodUnit unit, const JurisdictionRules& rules,
                           std::string_view country, const PublicHolidays& holidays);

// One line of evidence: "withdrawal window: 14 days from 2026-03-08 ends Sunday 2026-03-22,
// rolled to Monday 2026-03-23 by Reg. 1182/71 art. 3(4)".
std::string describe_period(std::string_view what, const PeriodEnd& period);

}  // namespace rma::domain
