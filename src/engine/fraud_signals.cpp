// engine/fraud_signals.cpp — the facts of a customer's fraud signals, gathered for the domain
// (domain/fraud_signals.hpp), and where staff see them: customer.get and the lines of an
// undecided case (rma/fraud.hpp).
#include <optional>
#include <utility>
#include <vector>

#include "domain/fraud_signals.hpp"
#include "engine/engine_impl.hpp"
#include "rma/error.hpp"

namespace rma {

FraudSignals Engine::Impl::fraud_signals(const std::string& customer_id) {
  // Inside a command the transaction's own writes are not committed yet: computed afresh.
  const bool memo = !tx_now;
  if (memo) {
    if (const FraudSignals* known = fraud_memo.find(customer_id)) return *known;
  }
  const WarrantyConfig& config = warranty.config();
  // Only the columns the rules read, in one query: no whole case is loaded.
  const std::vector<Case> loaded = store->latest_customer_fraud_cases(customer_id, config.fraud.max_cases);
  domain::FraudFacts facts;
  for (const Case& c : loaded) facts.cases.push_back(&c);
  facts.units_bought = store->customer_units_bought(customer_id);
  facts.defect_reasons = config.returns.defect_reasons;
  FraudSignals signals = domain::compute_fraud_signals(config.fraud, facts);
  if (memo) {
    std::vector<std::int64_t> ids;
    ids.reserve(loaded.size());
    for (const Case& c : loaded) ids.push_back(c.id);
    fraud_memo.put(customer_id, signals, std::move(ids));
  }
  return signals;
}

void Engine::Impl::forget_fraud_signals(const std::vector<Event>& committed) {
  if (committed.empty()) {
    fraud_memo.clear();  // a write that recorded nothing: no telling what it changed
    return;
  }
  for (const Event& e : committed) {
    if (e.case_id == 0) {
      // Sales (units bought, other buyers' units), configuration, parties, a customer's erasure.
      fraud_memo.clear();
      return;
    }
    // The customers that read the case (its customer before the change among them) ...
    fraud_memo.forget_case(e.case_id);
    // ... and its customer now, which may count it for the first time (a new or moved case).
    if (const Case* c = cache.find(e.case_id)) {
      fraud_memo.forget_customer(c->customer_id);
    } else {
      fraud_memo.clear();
      return;
    }
  }
}

void Engine::Impl::show_fraud_signals(const Actor& by, Case& c) {
  if (!by.is_staff() || c.decision_locked || c.customer_id.empty() || !warranty.config().fraud.enabled) return;
  const FraudSignals signals = fraud_signals(c.customer_id);
  for (CaseLine& line : c.lines) line.fraud_signals = signals.raised;
}

}  // namespace rma
