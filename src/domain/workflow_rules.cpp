#include "domain/workflow_rules.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"
#include "domain/case_rules.hpp"
#include "rma/error.hpp"

namespace rma::domain {
namespace {

using nlohmann::json;

template <class T>
bool listed(const std::vector<T>& allowed, const T& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::vector<CompiledRule> compile(const std::vector<WorkflowRule>& rules) {
  std::vector<CompiledRule> out;
  out.reserve(rules.size());
  for (const WorkflowRule& r : rules) out.push_back(CompiledRule{r.name, json::parse(r.params)});
  return out;
}

std::string param_text(const json& params, const char* key) {
  auto it = params.find(key);
  return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

GuardResult result(const CompiledRule& guard, bool passed, std::string message) {
  return GuardResult{guard.name, passed, passed ? std::string() : std::move(message)};
}

// Appends "lines[n]" of every line failing `ok` to `missing`.
template <class Ok>
void missing_on_lines(const Case& c, const char* member, Ok ok, std::vector<std::string>& missing) {
  for (const CaseLine& l : c.lines) {
    if (!ok(l)) missing.push_back("lines[" + std::to_string(l.line_no) + "]." + member);
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void missing_field(const Case& c, const std::string& field, std::vector<std::string>& missing) {
  auto need = [&](bool present) {
    if (!present) missing.push_back(field);
  };
  if (field == "priority") return;  // always set
  if (field == "assignee") return need(!c.assignee.empty());
  if (field == "team") return need(!c.team.empty());
  if (field == "expected_completion") return need(c.expected_completion.has_value());
  if (field == "resolution") return need(c.resolution != Resolution::none);
  if (field == "root_cause") return need(!c.root_cause.empty());
  if (field == "lines.serial") return missing_on_lines(c, "serial", [](const CaseLine& l) { return !l.serial.empty(); }, missing);
  if (field == "lines.condition") {
    return missing_on_lines(c, "condition", [](const CaseLine& l) { return l.inspected(); }, missing);
  }
  if (field == "lines.reason_code") {
    return missing_on_lines(c, "reason_code", [](const CaseLine& l) { return !l.reason_code.empty(); }, missing);
  }
  if (field == "lines.qty_received") {
    return missing_on_lines(c, "qty_received", [](const CaseLine& l) { return l.qty_received > 0; }, missing);
  }
  if (field == "lines.qty_accepted") {
    return missing_on_lines(c, "qty_accepted", [](const CaseLine& l) { return l.qty_accepted > 0; }, missing);
  }
  if (field == "lines.replacement_serial") {
    return missing_on_lines(c, "replacement_serial",
                            [](const CaseLine& l) { return !l.replacement_serial.empty(); }, missing);
  }
  const std::string prefix = "custom_fields.";
  if (field.compare(0, prefix.size(), prefix) == 0) {
    const json fields = json::parse(c.custom_fields);
    auto it = fields.find(field.substr(prefix.size()));
    return need(it != fields.end() && !it->is_null() && *it != json(""));
  }
  missing.push_back(field);  // a name validation let through is never satisfied
}

// A total of the case's stored valuation ("refund", "net_cost", ...) in `currency`; a message
// saying why there is none otherwise.
std::optional<Money> valuation_total(const Case& c, const std::string& measure, const std::string& currency,
                                     std::string& why) {
  if (c.valuation.empty()) {
    why = "the case has no valuation, so its " + measure + " is unknown";
    return std::nullopt;
  }
  const json valuation = json::parse(c.valuation);
  const json* totals = nullptr;
  for (const json& t : valuation.at("totals")) {
    if (t.at("currency") == currency) totals = &t;
  }
  if (totals == nullptr) {
    why = "the case's valuation has no amounts in " + currency;
    return std::nullopt;
  }
  if (measure != "accepted_value") return parse_money(totals->at(measure).get<std::string>(), measure);
  // The goods received, or accepted once inspected, at their net value: Σ goods_net.
  Money sum{0, currency};
  for (const json& e : valuation.at("breakdown")) {
    if (e.at("code") != "goods_net") continue;
    const Money amount = parse_money(e.at("amount").get<std::string>(), measure);
    if (amount.currency == currency) sum = add(sum, amount, measure);
  }
  return sum;
}

GuardResult value_guard(const CompiledRule& guard, const Case& c, bool below) {
  const Money threshold = parse_money(param_text(guard.params, "amount"), "amount");
  std::string measure = param_text(guard.params, "measure");
  std::optional<Money> value;
  if (measure.empty() || measure == "goods_value") {
    measure = "goods_value";  // the message names the measure the guard read
    try {
      value = goods_value(c);
    } catch (const Error& e) {
      return result(guard, false, e.what());
    }
    if (!value) return result(guard, false, "the case has no priced lines, so its value is unknown");
    if (value->currency != threshold.currency) {
      return result(guard, false,
                    "the case goods_value is in " + value->currency + ", the threshold in " + threshold.currency);
    }
  } else {
    std::string why;
    value = valuation_total(c, measure, threshold.currency, why);
    if (!value) return result(guard, false, why);
  }
  const bool passed = below ? value->minor < threshold.minor : value->minor > threshold.minor;
  return result(guard, passed,
                "the case " + measure + " " + format_money(*value) + " is not " + (below ? "below " : "above ") +
                    format_money(threshold));
}

Money line_amount(const CaseLine& l, std::int64_t quantity) {
  return multiply(Money{l.unit_price, l.currency}, quantity, 1, Rounding::half_even, "lines.unit_price");
}

}  // namespace

CompiledWorkflow::CompiledWorkflow(Workflow workflow) : workflow_(std::move(workflow)) {
  for (std::size_t i = 0; i < workflow_.states.size(); ++i) state_at_.emplace(workflow_.states[i].name, i);
  transitions_.reserve(workflow_.transitions.size());
  for (std::size_t i = 0; i < workflow_.transitions.size(); ++i) {
    const WorkflowTransition& t = workflow_.transitions[i];
    transitions_.push_back(CompiledTransition{&t, compile(t.guards), compile(t.effects)});
    transition_at_.emplace(t.name, i);
  }
}

const WorkflowState* CompiledWorkflow::state(std::string_view name) const {
  auto it = state_at_.find(std::string(name));
  return it == state_at_.end() ? nullptr : &workflow_.states[it->second];
}

const CompiledTransition* CompiledWorkflow::transition(std::string_view name) const {
  auto it = transition_at_.find(std::string(name));
  return it == transition_at_.end() ? nullptr : &transitions_[it->second];
}

bool case_matches(const CaseMatch& m, const Case& c, const std::string& customer_tier) {
  return listed(m.kinds, c.kind) && listed(m.channels, c.channel) && listed(m.categories, c.category) &&
         listed(m.customer_tiers, customer_tier);
}

const Workflow* select_workflow(const WorkflowConfig& config, const Case& c) {
  for (const Workflow& w : config.workflows) {
    CaseMatch match = w.applies_to;
    match.customer_tiers.clear();  // workflows are chosen by what the case is, not who asks
    if (case_matches(match, c, std::string())) return &w;
  }
  return nullptr;
}

const AssignmentRule* select_assignment(const WorkflowConfig& config, const Case& c, const std::string& tier) {
  for (const AssignmentRule& rule : config.assignment) {
    if (case_matches(rule.when, c, tier)) return &rule;
  }
  return nullptr;
}

bool is_builtin_guard(std::string_view name) {
  const auto& names = builtin_guard_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<Money> goods_value(const Case& c) {
  std::optional<Money> total;
  for (const CaseLine& l : c.lines) {
    if (l.currency.empty()) continue;
    const Money amount = line_amount(l, l.qty_requested);
    total = total ? add(*total, amount, "lines[" + std::to_string(l.line_no) + "].currency") : amount;
  }
  return total;
}

GuardResult evaluate_builtin_guard(const CompiledRule& g, const Case& c) {
  const std::string& name = g.name;
  if (name == "required_fields") {
    std::vector<std::string> missing;
    for (const json& field : g.params.at("fields")) missing_field(c, field.get<std::string>(), missing);
    return result(g, missing.empty(), "missing: " + joined(missing));
  }
  if (name == "warranty_checked") {
    std::vector<std::string> missing;
    missing_on_lines(c, "warranty", [](const CaseLine& l) { return !l.warranty.empty(); }, missing);
    return result(g, missing.empty(), "warranty not checked on " + joined(missing));
  }
  if (name == "all_lines_inspected") {
    std::vector<std::string> missing;
    missing_on_lines(c, "condition", [](const CaseLine& l) { return l.inspected(); }, missing);
    return result(g, missing.empty(), "not inspected: " + joined(missing));
  }
  if (name == "all_lines_received") {
    std::vector<std::string> missing;
    missing_on_lines(c, "qty_received", [](const CaseLine& l) { return l.qty_received > 0; }, missing);
    return result(g, missing.empty(), "nothing received on " + joined(missing));
  }
  if (name == "all_actions_done") {
    std::vector<std::string> open;
    for (const Action& a : c.actions) {
      if (!a.done_at) open.push_back("'" + a.title + "'");
    }
    return result(g, open.empty(), "open actions: " + joined(open));
  }
  if (name == "all_repairs_done") {
    std::vector<std::string> open;
    bool any_done = false;
    for (const RepairOperation& r : c.repairs) {
      if (r.status == RepairStatus::planned || r.status == RepairStatus::in_progress) open.push_back(r.code);
      any_done = any_done || r.status == RepairStatus::done;
    }
    if (!open.empty()) return result(g, false, "repair operations not done: " + joined(open));
    return result(g, any_done, "no repair operation is done");
  }
  if (name == "resolution_chosen") {
    if (c.resolution == Resolution::none) return result(g, false, "no resolution chosen");
    auto allowed = g.params.find("allowed");
    if (allowed == g.params.end()) return result(g, true, "");
    for (const json& r : *allowed) {
      if (r.get<std::string>() == resolution_name(c.resolution)) return result(g, true, "");
    }
    return result(g, false, std::string("resolution '") + resolution_name(c.resolution) + "' is not one of " +
                                allowed->dump());
  }
  if (name == "attachment_present") {
    const std::string prefix = param_text(g.params, "media_type_prefix");
    const bool found = std::any_of(c.attachments.begin(), c.attachments.end(), [&](const Attachment& a) {
      return a.media_type.compare(0, prefix.size(), prefix) == 0;
    });
    return result(g, found, prefix.empty() ? "no attachment" : "no attachment of type " + prefix + "*");
  }
  if (name == "value_below") return value_guard(g, c, true);
  if (name == "value_above") return value_guard(g, c, false);
  throw Error(Status::internal, "guard", "'" + name + "' is not a built-in guard");
}

Date completion_date(Date today, std::int32_t days, bool business_days, const BusinessCalendar* calendar) {
  if (!business_days) return add_days(today, days);
  Date d = today;
  // A calendar that never opens would loop forever: after ten years of closed days, stop.
  for (int closed_in_a_row = 0; days > 0 && closed_in_a_row < 3660;) {
    d = add_days(d, 1);
    const std::int64_t weekday = (days_since_epoch(d) + 3) % 7;  // 1970-01-01 was a Thursday: 0 = Monday
    const bool open = calendar ? !calendar->hours_on(d).empty() : weekday < 5;
    if (open) {
      --days;
      closed_in_a_row = 0;
    } else {
      ++closed_in_a_row;
    }
  }
  return d;
}

void apply_case_effect(const CompiledRule& e, Case& c, Date today, const Limits& limits, json& changes,
                       const BusinessCalendar* calendar) {
  CasePatch patch;
  if (e.name == "assign") {
    if (e.params.contains("assignee")) patch.assignee = e.params["assignee"].get<std::string>();
    if (e.params.contains("team")) patch.team = e.params["team"].get<std::string>();
  } else if (e.name == "set_field") {
    const std::string field = e.params.at("field").get<std::string>();
    const json& value = e.params.at("value");
    if (field == "priority") {
      patch.priority = priority_from_name(value.get<std::string>());
    } else if (field == "assignee") {
      patch.assignee = value.get<std::string>();
    } else if (field == "team") {
      patch.team = value.get<std::string>();
    } else if (field == "resolution") {
      patch.resolution = resolution_from_name(value.get<std::string>());
    } else if (field == "root_cause") {
      patch.root_cause = value.get<std::string>();
    } else {
      patch.custom_fields = json{{field.substr(std::string("custom_fields.").size()), value}}.dump();
    }
  } else if (e.name == "set_expected_completion") {
    const auto days = e.params.value("days", 0);
    const bool business = e.params.value("business_days", true);
    patch.expected_completion = std::optional<Date>(completion_date(today, days, business, calendar));
  } else {
    return;
  }
  const json changed = apply_patch(c, patch, limits);
  for (const auto& [field, change] : changed.items()) changes[field] = change;
}

json outbox_payload(const std::string& topic, const Case& c) {
  json lines = json::array();
  std::optional<Money> net_total, vat_total;
  for (const CaseLine& l : c.lines) {
    const std::int64_t qty = l.shipped_quantity();
    json line = {{"line_no", l.line_no}, {"sku", l.sku}, {"serial", l.serial}, {"quantity", qty},
                 {"sales_document", {{"document", l.sales_document.document}, {"line", l.sales_document.line}}},
                 {"replacement_serial", l.replacement_serial}};
    if (!l.currency.empty()) {
      const Money net = line_amount(l, qty);
      const Money gross = gross_from_net(net, l.vat_rate_bp);
      const Money vat = subtract(gross, net);
      line["currency"] = l.currency;
      line["unit_price"] = l.unit_price;
      line["vat_rate_bp"] = l.vat_rate_bp;
      line["net"] = net.minor;
      line["vat"] = vat.minor;
      line["gross"] = gross.minor;
      const std::string at = "lines[" + std::to_string(l.line_no) + "].currency";
      net_total = net_total ? add(*net_total, net, at) : net;
      vat_total = vat_total ? add(*vat_total, vat, at) : vat;
    }
    lines.push_back(std::move(line));
  }
  json payload = {{"topic", topic},
                  {"case_id", c.id},
                  {"case_number", c.number},
                  {"kind", case_kind_name(c.kind)},
                  {"customer_id", c.customer_id},
                  {"supplier_id", c.supplier_id},
                  {"resolution", resolution_name(c.resolution)},
                  {"lines", std::move(lines)}};
  if (net_total) {
    payload["totals"] = {{"currency", net_total->currency},
                         {"net", net_total->minor},
                         {"vat", vat_total->minor},
                         {"gross", add(*net_total, *vat_total).minor}};
  }
  return payload;
}

std::vector<std::string> notification_recipients(const json& to, const Case& c) {
  std::vector<std::string> out;
  for (const json& who : to) {
    const std::string role = who.get<std::string>();
    if (role == "customer" && !c.customer_id.empty()) out.push_back("customer:" + c.customer_id);
    if (role == "assignee" && !c.assignee.empty()) out.push_back("operator:" + c.assignee);
    if (role == "team" && !c.team.empty()) out.push_back("team:" + c.team);
    if (role == "supplier" && !c.supplier_id.empty()) out.push_back("supplier:" + c.supplier_id);
  }
  return out;
}

}  // namespace rma::domain
