// engine/fraud_signals.cpp — the facts of a customer's fraud signals, gathered for the domain
// (domain/fraud_signals.hpp), and where staff see them: customer.get and the lines of an
// undecided case (rma/fraud.hpp).
#include <optional>

#include "domain/fraud_signals.hpp"
#include "engine/engine_impl.hpp"
#include "rma/error.hpp"

namespace rma {

FraudSignals Engine::Impl::fraud_signals(const std::string& customer_id) {
  const WarrantyConfig& config = warranty.config();
  std::vector<Case> loaded;
  for (std::int64_t id : store->latest_customer_case_ids(customer_id, config.fraud.max_cases)) {
    if (const Case* cached = cache.find(id)) {
      loaded.push_back(*cached);
      continue;
    }
    try {
      if (std::optional<Case> c = store->load_case(id)) loaded.push_back(std::move(*c));
    } catch (const Error& e) {
      // A damaged stored value of another case must not make an intact case or customer
      // unreadable: that case is left out of the signals (reading it reports the damage).
      if (e.status() != Status::storage || e.reason() == "connection") throw;
    }
  }
  domain::FraudFacts facts;
  for (const Case& c : loaded) facts.cases.push_back(&c);
  facts.units_bought = store->customer_units_bought(customer_id);
  facts.defect_reasons = config.returns.defect_reasons;
  return domain::compute_fraud_signals(config.fraud, facts);
}

void Engine::Impl::show_fraud_signals(const Actor& by, Case& c) {
  if (!by.is_staff() || c.decision_locked || c.customer_id.empty() || !warranty.config().fraud.enabled) return;
  const FraudSignals signals = fraud_signals(c.customer_id);
  for (CaseLine& line : c.lines) line.fraud_signals = signals.raised;
}

}  // namespace rma
