// domain/repair_costs.hpp — a repair operation is accepted only if its costs can be added up.
//
// Labour is minutes × the hourly rate of its class / 60, parts are quantity × unit cost, and the
// case's repair cost adds them with every other operation and shipping; the valuation holds each
// in 64 bits of minor units. An operation beyond that would leave its case without a valuation
// (a case the rules cannot value keeps its command), so it is refused at input instead:
// Status::out_of_range naming the operation's field. The hourly rate is bounded in the rules so
// that no accepted time norm can overflow on its own.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rma/valuation.hpp"

namespace rma::domain {

// The longest time norm of one repair operation, in minutes (about 69 days of work).
inline constexpr std::int32_t kMaxRepairMinutes = 100000;

// The largest hourly rate (minor units) whose labour for kMaxRepairMinutes fits in 64 bits.
inline constexpr std::int64_t kMaxHourlyRate = 5534023222112865;  // ⌊(2^63 − 1) × 60 / 100000⌋

// Throws Status::out_of_range when the valuation cannot add up operation `index` of `with` (the
// case's valuation input with the new operation): `minutes` for its labour, `parts[i].unit_cost`
// for a part's quantity × unit cost or the sum reaching it, `parts` (or `minutes` without parts)
// when the case's totals no longer fit. Anything else the valuation refuses (a currency mix, an
// unpriced case, goods out of range before the operation) is not this operation's to answer for.
void check_repair_costs(const ValuationRules& rules, const ValuationInput& with, std::size_t index);

}  // namespace rma::domain
