// domain/valuation_rules.hpp — the valuation rules document as JSON values (for callers that
// embed it in a larger document) and the limits its validation applies.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "rma/valuation.hpp"

namespace rma::domain {

constexpr std::int64_t kFullPercentBp = 10000;    // 100.00 %
constexpr std::int64_t kMaxAgeMonths = 1200;      // 100 years
constexpr std::int64_t kMaxValuationItems = 10000;  // entries of any list in the rules
constexpr std::int64_t kMaxValuationText = 4 * 1024;

// Errors name paths below `path` ("valuation.restocking_fees[0]" with path "valuation").
ValuationRules valuation_rules_from_value(const nlohmann::json& value, const std::string& path = std::string());
nlohmann::json valuation_rules_to_value(const ValuationRules& rules);

}  // namespace rma::domain
