// domain/valuation_messages.hpp — the ERP messages a decided case sends, from its valuation:
// a credit note request, a replacement order, a repair invoice, a debit note to the supplier
// (docs/valuation.md). Pure: the engine brings the case, its valuation and the product suppliers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/case.hpp"

namespace rma::domain {

// The supplier a SKU is bought from; empty when unknown.
using SupplierOf = std::function<std::string(const std::string& sku)>;

// The topics whose payload valuation_message builds.
bool is_valuation_topic(const std::string& topic);

// Whether a valuation topic's message for `c` would carry something: a credit note request
// something to refund (refund_decision.hpp), a repair invoice a quote above zero, a debit note a
// recovery above zero; a replacement order always names its units. A message that would not is
// never queued. `valuation` is the case's valuation object, or null when it has none.
bool carries_value(const std::string& topic, const Case& c, const nlohmann::json& valuation);

// The messages a case calls for when it reaches a decision-locking state, each only when it
// carries_value: credit_note_request for refund, credit_note and goodwill; replacement_order for
// replace; repair_invoice when the valuation quotes a paid repair; debit_note when it expects a
// supplier recovery. A rejected case calls for none. Without a valuation (no prices known) a
// credit note request lists the case's lines without amounts.
std::vector<std::string> decision_topics(const Case& c, const nlohmann::json& valuation);

// The payload of a valuation topic: the case header (topic, case_id, case_number, kind,
// customer_id, supplier_id, resolution) and the amounts of that topic, in minor units with their
// currency.
nlohmann::json valuation_message(const std::string& topic, const Case& c, const nlohmann::json& valuation,
                                 const SupplierOf& supplier_of);

}  // namespace rma::domain
