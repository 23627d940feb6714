// The valuation result as JSON (docs/valuation.md): amounts as "12.34 EUR" text, so a reader
// never has to know a currency's minor digits.
#include <string>

#include <nlohmann/json.hpp>

#include "json/parse.hpp"
#include "rma/valuation.hpp"

namespace rma {

std::string valuation_to_json(const Valuation& valuation) {
  using nlohmann::json;
  json breakdown = json::array();
  for (const BreakdownLine& line : valuation.breakdown) {
    breakdown.push_back({{"line_no", line.line_no},
                         {"code", line.code},
                         {"label", line.label},
                         {"base", format_money(line.base)},
                         {"rate_bp", line.rate_bp ? json(*line.rate_bp) : json(nullptr)},
                         {"amount", format_money(line.amount)}});
  }
  json totals = json::array();
  for (const ValuationTotals& t : valuation.totals) {
    totals.push_back({{"currency", t.currency},
                      {"refund", format_money(t.refund)},
                      {"refund_net", format_money(t.refund_net)},
                      {"exchange_difference", format_money(t.exchange_difference)},
                      {"repair_cost", format_money(t.repair_cost)},
                      {"repair_quote", format_money(t.repair_quote)},
                      {"supplier_recovery", format_money(t.supplier_recovery)},
                      {"recovery_value", format_money(t.recovery_value)},
                      {"net_cost", format_money(t.net_cost)},
                      {"claimed_value", format_money(t.claimed_value)}});
  }
  return codec::dump_json(json{{"breakdown", std::move(breakdown)}, {"totals", std::move(totals)}});
}

}  // namespace rma
