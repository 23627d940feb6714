// Repair costs: labour (time norm in minutes × the hourly rate of its class), parts (cost ×
// quantity), shipping both ways, and the quote for the part the customer pays. All in the case
// currency; an amount of the rules in another currency is an error naming the rule.
#include <algorithm>
#include <string>

#include "domain/valuation_steps.hpp"
#include "rma/error.hpp"

namespace rma::domain {

namespace {

constexpr std::int64_t kMinutesPerHour = 60;

// `field()` names the amount, for the error only.
template <class Field>
void require_case_currency(const Money& amount, const std::string& currency, const Field& field) {
  if (amount.currency != currency) throw_mixed(field(), amount, currency);
}

Money labour(const ValuationRun& run, const RepairOperationInput& op, const std::string& path) {
  const auto& classes = run.rules.labour_classes;
  const auto it = std::find_if(classes.begin(), classes.end(), [&](const LabourClass& c) { return c.name == op.labour_class; });
  if (it == classes.end())
    throw Error(Status::unknown_value, path + ".labour_class", "no labour class is named \"" + op.labour_class + "\"");
  require_case_currency(it->hourly_rate, run.input.currency, [&] {
    return indexed("labour_classes", static_cast<std::size_t>(it - classes.begin())) + ".hourly_rate";
  });
  const Money amount = multiply(it->hourly_rate, op.minutes, kMinutesPerHour, run.rules.rounding, path + ".minutes");
  run.emit(op.line_no, Entry::repair_labour,
           "Labour " + op.code + ": " + std::to_string(op.minutes) + " min of " + op.labour_class + " at " +
               format_money(it->hourly_rate) + " an hour",
           it->hourly_rate, std::nullopt, amount);
  return amount;
}

Money parts(const ValuationRun& run, const RepairOperationInput& op, const std::string& path) {
  Money total{0, run.input.currency};
  for (std::size_t p = 0; p < op.parts.size(); ++p) {
    const PartInput& part = op.parts[p];
    const std::string field = path + "." + indexed("parts", p);
    require_case_currency(part.unit_cost, run.input.currency, [&] { return field + ".unit_cost"; });
    if (part.unit_cost.minor < 0)
      throw Error(Status::out_of_range, field + ".unit_cost", format_money(part.unit_cost) + " is negative");
    if (part.quantity < 0)
      throw Error(Status::out_of_range, field + ".quantity", std::to_string(part.quantity) + " is negative");
    // The quantity is bounded at input (1..1000000): a product out of range is the cost's.
    const Money amount = multiply(part.unit_cost, part.quantity, 1, run.rules.rounding, field + ".unit_cost");
    run.emit(op.line_no, Entry::repair_parts, "Part " + part.sku + ": " + std::to_string(part.quantity) + " × " +
                                              format_money(part.unit_cost),
             part.unit_cost, std::nullopt, amount);
    total = add(total, amount, path + ".parts");
  }
  return total;
}

const ShippingRule* shipping_rule(const ValuationRules& rules, Channel channel) {
  const ShippingRule* fallback = nullptr;
  for (const ShippingRule& s : rules.shipping) {
    if (s.channel == channel) return &s;
    if (!s.channel) fallback = &s;
  }
  return fallback;
}

bool ships_inbound(const ValuationInput& input) {
  if (input.ship_inbound) return *input.ship_inbound;
  return input.kind == CaseKind::repair ||
         std::any_of(input.lines.begin(), input.lines.end(), [](const ValuationLineInput& l) { return l.qty_returned > 0; });
}

bool ships_outbound(const ValuationInput& input) {
  if (input.ship_outbound) return *input.ship_outbound;
  return input.kind == CaseKind::repair || input.kind == CaseKind::customization ||
         input.resolution == Resolution::replace || input.resolution == Resolution::repair ||
         input.resolution == Resolution::reject;
}

Money shipping(const ValuationRun& run) {
  Money total{0, run.input.currency};
  const ShippingRule* rule = shipping_rule(run.rules, run.input.channel);
  if (rule == nullptr) return total;
  const auto field = [&] { return indexed("shipping", static_cast<std::size_t>(rule - run.rules.shipping.data())); };
  if (rule->inbound && ships_inbound(run.input)) {
    require_case_currency(*rule->inbound, run.input.currency, [&] { return field() + ".inbound"; });
    run.emit(0, Entry::shipping_in, "Shipping to us", *rule->inbound, std::nullopt, *rule->inbound);
    total = add(total, *rule->inbound, "shipping");
  }
  if (rule->outbound && ships_outbound(run.input)) {
    require_case_currency(*rule->outbound, run.input.currency, [&] { return field() + ".outbound"; });
    run.emit(0, Entry::shipping_out, "Shipping back", *rule->outbound, std::nullopt, *rule->outbound);
    total = add(total, *rule->outbound, "shipping");
  }
  return total;
}

}  // namespace

RepairSums value_operations(const ValuationRun& run, std::int32_t line_no) {
  RepairSums sums{Money{0, run.input.currency}, Money{0, run.input.currency}, false};
  const auto& ops = run.input.operations;
  for (std::size_t k = 0; k < ops.size(); ++k) {
    const RepairOperationInput& op = ops[k];
    if (op.line_no != line_no) continue;
    const std::string path = indexed("operations", k);
    if (op.minutes < 0) throw Error(Status::out_of_range, path + ".minutes", std::to_string(op.minutes) + " is negative");
    if (op.labour_class.empty() && op.minutes > 0)
      throw Error(Status::missing_field, path + ".labour_class", "is required for " + std::to_string(op.minutes) + " minutes");
    Money cost{0, run.input.currency};
    if (!op.labour_class.empty()) cost = labour(run, op, path);
    cost = add(cost, parts(run, op, path), path);
    sums.any = true;
    sums.cost = add(sums.cost, cost, "operations");
    if (op.paid) sums.paid = add(sums.paid, cost, "operations");
  }
  return sums;
}

void value_case(const ValuationRun& run, const RepairSums& on_lines) {
  const ValuationInput& input = run.input;
  const RepairSums own = value_operations(run, 0);
  const Money shipped = shipping(run);
  const Money work = add(own.cost, on_lines.cost, "operations");
  if (own.any || on_lines.any || input.kind == CaseKind::repair) {
    run.emit(0, Entry::repair_cost, "Repair cost: labour, parts and shipping", work, std::nullopt,
             add(work, shipped, "operations"));
  }
  const Money paid = add(own.paid, on_lines.paid, "operations");
  if (paid.minor != 0) {
    run.emit(0, Entry::repair_quote, "Quote for the paid repair", paid, input.repair_vat_rate_bp,
             gross_from_net(paid, input.repair_vat_rate_bp, run.rules.rounding, "repair_vat_rate_bp"));
  }
}

}  // namespace rma::domain
