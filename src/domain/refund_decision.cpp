#include "domain/refund_decision.hpp"

#include <algorithm>

#include "rma/money.hpp"

namespace rma::domain {

bool credits_claimant(Resolution r) {
  return r == Resolution::refund || r == Resolution::credit_note || r == Resolution::goodwill;
}

Resolution resolution_after(const CompiledTransition& t, const Case& c) {
  Resolution r = c.resolution;
  for (const CompiledRule& e : t.effects) {
    if (e.name != "set_field" || e.params.value("field", std::string()) != "resolution") continue;
    if (auto named = resolution_from_name(e.params.at("value").get<std::string>())) r = *named;
  }
  return r;
}

std::optional<std::string> nothing_to_refund(const Case& c, const nlohmann::json& valuation) {
  if (valuation.is_object()) {
    for (const nlohmann::json& t : valuation.at("totals")) {
      if (parse_money(t.at("refund").get<std::string>(), "refund").minor > 0) return std::nullopt;
    }
    return std::string("the case refunds nothing: its valuation's refund is 0 in every currency (") +
           resolution_name(c.resolution) + " of a " + case_kind_name(c.kind) +
           " case refunds the goods received or accepted, less what the rules take off)";
  }
  const bool goods = c.kind == CaseKind::return_ || c.kind == CaseKind::complaint;
  if (goods && std::any_of(c.lines.begin(), c.lines.end(), [](const CaseLine& l) { return l.valued_quantity() > 0; })) {
    return std::nullopt;
  }
  return goods ? std::string("the case refunds nothing: no unit was received or accepted")
               : std::string("the case refunds nothing: a ") + case_kind_name(c.kind) + " case returns no goods";
}

}  // namespace rma::domain
