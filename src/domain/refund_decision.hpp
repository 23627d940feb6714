// domain/refund_decision.hpp — a refund needs something to refund.
//
// A decision whose resolution credits the claimant (refund, credit_note, goodwill) sends the ERP
// a credit note request. With nothing to refund — no goods received yet, every unit's refund
// taken by fees, a repair case that refunds no goods — that request would credit 0.00 or list no
// line at all, so the decision is refused (Status::transition_denied, reason
// "nothing_to_refund") and no such message is ever queued (valuation_messages.hpp).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/workflow_rules.hpp"
#include "rma/case.hpp"

namespace rma::domain {

// The reason code of the refusal, and the code of its Denial in case.transitions.
inline constexpr const char* kNothingToRefund = "nothing_to_refund";

// Whether a resolution settles the case by crediting the claimant.
bool credits_claimant(Resolution r);

// The resolution case `c` has after transition `t`: the value of its `set_field resolution`
// effect, else the case's own.
Resolution resolution_after(const CompiledTransition& t, const Case& c);

// Why crediting case `c` would refund nothing, or nullopt when it refunds something. `valuation`
// is the case's valuation object (valuation_to_json), or null when the case cannot be valued:
// - valued: the refund (gross) is above zero in some currency;
// - not valued (no prices known): a return or complaint line has units received or accepted, so
//   the ERP, which knows the prices, can credit them.
std::optional<std::string> nothing_to_refund(const Case& c, const nlohmann::json& valuation);

}  // namespace rma::domain
