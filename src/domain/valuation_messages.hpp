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

// The messages a case calls for when it reaches a decision-locking state: credit_note_request
// for refund, credit_note and goodwill; replacement_order for replace; repair_invoice when the
// valuation quotes a paid repair; debit_note when it expects a supplier recovery. A rejected case
// calls for none. `valuation` is the case's valuation object, or null when it has none (then only
// the resolution's message, without amounts).
std::vector<std::string> decision_topics(const Case& c, const nlohmann::json& valuation);

// The payload of a valuation topic: the case header (topic, case_id, case_number, kind,
// customer_id, supplier_id, resolution) and the amounts of that topic, in minor units with their
// currency.
nlohmann::json valuation_message(const std::string& topic, const Case& c, const nlohmann::json& valuation,
                                 const SupplierOf& supplier_of);

}  // namespace rma::domain
