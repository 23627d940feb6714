// domain/fraud_signals.hpp — the four fraud signals of a customer (rma/fraud.hpp), computed from
// its live cases and the units it bought; and the fraud section of the warranty configuration.
// Pure: the engine gathers the facts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/case.hpp"
#include "rma/fraud.hpp"


namespace rma::domain {

// What the signals are computed from. Pointers are borrowed for the call.
struct FraudFacts {
  std::vector<const Case*> cases;          // the customer's cases, deleted ones left out
  std::int64_t units_bought = 0;           // units on its sales lines
  std::vector<std::string> defect_reasons; // ReturnRules::defect_reasons: not heavy use
};

// The days from a line's purchase date to its case's creation (UTC day); -1 when undated.
std::int64_t days_since_sale(const Case& c, const CaseLine& line) noexcept;

// Every signal with its evidence; `raised` lists those whose rule holds.
FraudSignals compute_fraud_signals(const FraudRules& rules, const FraudFacts& facts);

// The fraud section: errors name the path ("fraud.repeat_serial_returns.threshold").
FraudRules read_fraud_rules(const nlohmann::json& value, const std::string& path);
void validate_fraud_rules(const FraudRules& rules);
nlohmann::json fraud_rules_value(const FraudRules& rules);

}  // namespace rma::domain
