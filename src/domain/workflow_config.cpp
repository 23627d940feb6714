// The workflow configuration document (docs/workflows.md): the names of the workflow enums,
// reading, writing and validation.
//
// Reading uses the JSON API's strict reader, so a configuration gets the same errors as any
// request (unknown keys refused, every error naming its JSON path). Validation works on the C++
// values, so a configuration built in code gets the same checks and the same paths.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "domain/case_rules.hpp"
#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"
#include "rma/workflow.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxWorkflows = 64;
constexpr std::size_t kMaxStates = 128;          // per workflow
constexpr std::size_t kMaxTransitions = 512;     // per workflow
constexpr std::size_t kMaxRules = 32;            // guards or effects of one transition or action
constexpr std::size_t kMaxAssignmentRules = 256;
constexpr std::size_t kMaxAutomaticActions = 256;
constexpr std::size_t kMaxListItems = 64;        // match values, roles, field names, recipients
constexpr std::size_t kMaxName = 64;             // ids and names: [a-z0-9_]{1,64}
constexpr std::int64_t kMaxLabel = 256;          // labels, workflow names, assignees, teams, tiers
constexpr std::int64_t kMaxTemplate = 128;       // notify templates, media type prefixes
constexpr std::int64_t kMaxCustomKey = 128;      // the <key> of "custom_fields.<key>"
constexpr std::int64_t kMaxText = 4 * 1024;      // read limit of any string; the checks above are finer
constexpr std::int64_t kMaxDays = 365;           // set_expected_completion

constexpr std::array<const char*, 6> kStateCategoryNames = {
    "new", "open", "waiting_customer", "waiting_supplier", "resolved", "closed"};
constexpr std::array<const char*, 3> kSlaEffectNames = {"run", "pause", "stop"};

constexpr std::array<const char*, 10> kGuardNames = {
    "required_fields", "warranty_checked", "all_lines_inspected", "all_lines_received", "all_actions_done",
    "all_repairs_done", "resolution_chosen", "attachment_present", "value_below", "value_above"};
constexpr std::array<const char*, 8> kEffectNames = {
    "assign", "set_field", "set_expected_completion", "sla_start", "sla_pause", "sla_stop", "notify", "outbox"};

constexpr char kCustomFieldPrefix[] = "custom_fields.";
// Fields a required_fields guard may name; the last entry stands for any custom field.
constexpr std::array<const char*, 13> kRequiredFieldNames = {
    "priority", "assignee", "team", "expected_completion", "resolution", "root_cause", "lines.serial",
    "lines.condition", "lines.reason_code", "lines.qty_received", "lines.qty_accepted", "lines.replacement_serial",
    "custom_fields.<key>"};
constexpr std::array<const char*, 6> kSettableFieldNames = {
    "priority", "assignee", "team", "resolution", "root_cause", "custom_fields.<key>"};
constexpr std::array<const char*, 6> kChosenResolutionNames = {
    "refund", "replace", "repair", "credit_note", "reject", "goodwill"};
constexpr std::array<const char*, 4> kRecipientNames = {"customer", "assignee", "team", "supplier"};
// What value_below / value_above compare (docs/workflows.md): the list value of the requested
// units, what is claimed from intake on, the goods accepted after receipt, or a total of the
// stored valuation.
constexpr std::array<const char*, 8> kValueMeasureNames = {
    "goods_value",       "claimed_value",  "accepted_value", "refund", "net_cost", "repair_cost",
    "supplier_recovery", "recovery_value"};
constexpr std::array<const char*, 5> kOutboxTopicNames = {
    "credit_note_request", "replacement_order", "supplier_return", "repair_invoice", "debit_note"};

// Enum <-> name through a table in the enum's order.
template <class E, std::size_t N>
const char* name_of(E value, const std::array<const char*, N>& names) noexcept {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : "unknown";
}

template <class E, std::size_t N>
std::optional<E> value_of(std::string_view name, const std::array<const char*, N>& names) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (name == names[i]) return static_cast<E>(i);
  return std::nullopt;
}

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<const char*, N>& names) {
  return std::any_of(names.begin(), names.end(), [&](const char* known) { return name == known; });
}

template <std::size_t N>
[[noreturn]] void unknown(const std::string& field, std::string_view value, const std::array<const char*, N>& names) {
  codec::throw_unknown_value(field, value, names.data(), names.size());
}

std::string at(const std::string& list, std::size_t index) { return codec::element_path(list, index); }

std::string field_of(const std::string& path, const char* key) { return codec::join_path(path, key); }

// Names of states, transitions and clocks in messages.
std::string single_quoted(std::string_view name) { return "'" + codec::shortened(name, 64) + "'"; }

[[noreturn]] void too_many(const std::string& field, std::size_t count, std::size_t limit) {
  throw Error(Status::too_large, field,
              "has " + std::to_string(count) + " items, more than the limit of " + std::to_string(limit));
}

void check_count(const std::string& field, std::size_t count, std::size_t limit) {
  if (count > limit) too_many(field, count, limit);
}

bool is_name(std::string_view text) {
  if (text.empty() || text.size() > kMaxName) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

void check_name(const std::string& field, const std::string& value) {
  if (!is_name(value)) {
    throw Error(Status::invalid_argument, field,
                codec::quote_value(value) + " is not a valid name: use 1 to 64 of a-z, 0-9 and _");
  }
}

// Throws duplicate at the second of two equal items of `items`, a list at `list_path`.
void check_unique(const std::vector<std::string>& items, const std::string& list_path, const char* suffix,
                  const char* what) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (items[i] == items[j]) {
        throw Error(Status::duplicate, at(list_path, i) + suffix,
                    std::string(what) + " " + codec::quote_value(items[i]) + " is already given at " + at(list_path, j) +
                        suffix);
      }
    }
  }
}

// The names of an enum list, refusing values outside the enum (possible in C++).
template <class E>
std::vector<std::string> enum_names(const std::vector<E>& values, const char* (*to_name)(E) noexcept,
                                    const std::string& path) {
  std::vector<std::string> names;
  names.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string name = to_name(values[i]);
    if (name == "unknown") {
      throw Error(Status::unknown_value, at(path, i), "unknown value " + std::to_string(static_cast<int>(values[i])));
    }
    names.push_back(name);
  }
  return names;
}

bool is_custom_field(std::string_view name) {
  const std::string_view prefix = kCustomFieldPrefix;
  if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return false;
  const std::string_view key = name.substr(prefix.size());
  if (key.size() > static_cast<std::size_t>(kMaxCustomKey)) return false;
  return std::none_of(key.begin(), key.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

template <class T>
bool listed(const std::vector<T>& list, const T& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

// Workflows are chosen by what a case is (kind, channel, complaint category), never by tier.
bool applies(const CaseMatch& match, CaseKind kind, Channel channel, ComplaintCategory category) {
  return listed(match.kinds, kind) && listed(match.channels, channel) && listed(match.categories, category);
}

const Workflow* workflow_for(const WorkflowConfig& config, CaseKind kind, Channel channel, ComplaintCategory category) {
  for (const Workflow& w : config.workflows)
    if (applies(w.applies_to, kind, channel, category)) return &w;
  return nullptr;
}

const WorkflowState* find_state(const Workflow& workflow, std::string_view name) {
  for (const WorkflowState& s : workflow.states)
    if (s.name == name) return &s;
  return nullptr;
}

const WorkflowTransition* find_transition(const Workflow& workflow, std::string_view name) {
  for (const WorkflowTransition& t : workflow.transitions)
    if (t.name == name) return &t;
  return nullptr;
}

// ---- Guard and effect parameters ----------------------------------------------------------------

json rule_params(const WorkflowRule& rule, const std::string& path, const char* key) {
  json params = codec::parse_json(rule.params, path, codec::kDefaultJsonDepth);
  if (!params.is_object()) codec::throw_wrong_type(path, "object", params);
  // The key names the rule in the document; a parameter of that name could not be written back.
  if (params.contains(key)) {
    throw Error(Status::invalid_argument, field_of(path, key),
                std::string("the parameters repeat the key \"") + key + "\"");
  }
  return params;
}

// A non-empty list of distinct strings, each one of `names` (or a custom field if `custom`).
template <std::size_t N>
std::vector<std::string> read_choice_list(codec::ObjectReader& r, const char* key, const std::array<const char*, N>& names,
                                          bool custom, const char* empty_message) {
  const std::string path = r.path_of(key);
  std::vector<std::string> items = r.optional_texts(key, kMaxListItems, kMaxText).value_or(std::vector<std::string>{});
  if (items.empty()) throw Error(Status::invalid_argument, path, empty_message);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!(custom && is_custom_field(items[i])) && !is_one_of(items[i], names)) unknown(at(path, i), items[i], names);
  }
  check_unique(items, path, "", "value");
  return items;
}

void validate_guard_params(const std::string& name, codec::ObjectReader& r) {
  if (name == "required_fields") {
    r.need("fields");
    read_choice_list(r, "fields", kRequiredFieldNames, /*custom=*/true, "lists no field");
  } else if (name == "resolution_chosen") {
    if (r.find("allowed") != nullptr) {
      read_choice_list(r, "allowed", kChosenResolutionNames, /*custom=*/false, "allows no resolution");
    }
  } else if (name == "attachment_present") {
    if (auto prefix = r.optional_text("media_type_prefix", kMaxText)) {
      domain::check_text(r.path_of("media_type_prefix"), *prefix, kMaxTemplate);
    }
  } else if (name == "value_below" || name == "value_above") {
    std::string measure = "goods_value";
    if (auto m = r.optional_text("measure", kMaxText)) {
      if (!is_one_of(*m, kValueMeasureNames)) unknown(r.path_of("measure"), *m, kValueMeasureNames);
      measure = *m;
    }
    const std::string field = r.path_of("amount");
    const Money amount = parse_money(r.text("amount", kMaxText), field);
    // Only the net cost can be below zero (recoveries above the costs).
    if (amount.minor < 0 && measure != "net_cost") {
      throw Error(Status::out_of_range, field, format_money(amount) + " is negative");
    }
  }
  // The other built-in guards take no parameters: finish() refuses any.
}

void validate_set_field(codec::ObjectReader& r) {
  const std::string field = r.text("field", kMaxText);
  const std::string field_path = r.path_of("field");
  const std::string value_path = r.path_of("value");
  if (is_custom_field(field)) {
    // Any JSON value, null included: the effect merges {"<key>": value} into the custom fields,
    // and null removes the key.
    if (!r.present("value")) throw Error(Status::missing_field, value_path, "is required");
    return;
  }
  if (!is_one_of(field, kSettableFieldNames)) unknown(field_path, field, kSettableFieldNames);
  const json& value = r.need("value");
  if (!value.is_string()) codec::throw_wrong_type(value_path, "string", value);
  const auto& text = value.get_ref<const std::string&>();
  if (field == "priority") {
    if (!priority_from_name(text)) unknown(value_path, text, codec::kPriorityNames);
  } else if (field == "resolution") {
    if (!resolution_from_name(text)) unknown(value_path, text, codec::kResolutionNames);
  } else {
    domain::check_text(value_path, text, field == "root_cause" ? kMaxText : kMaxLabel);
  }
}

void validate_effect_params(const std::string& name, codec::ObjectReader& r) {
  if (name == "assign") {
    const std::string assignee = r.optional_text("assignee", kMaxText).value_or("");
    const std::string team = r.optional_text("team", kMaxText).value_or("");
    domain::check_text(r.path_of("assignee"), assignee, kMaxLabel);
    domain::check_text(r.path_of("team"), team, kMaxLabel);
    if (assignee.empty() && team.empty()) {
      throw Error(Status::missing_field, r.path(), "assign needs an \"assignee\" or a \"team\"");
    }
  } else if (name == "set_field") {
    validate_set_field(r);
  } else if (name == "set_expected_completion") {
    r.integer("days", 0, kMaxDays);
    r.optional_boolean("business_days");
  } else if (name == "sla_start" || name == "sla_pause" || name == "sla_stop") {
    check_name(r.path_of("clock"), r.text("clock", kMaxText));
  } else if (name == "notify") {
    domain::check_text(r.path_of("template"), r.text("template", kMaxText), kMaxTemplate, /*required=*/true);
    if (r.find("to") != nullptr) read_choice_list(r, "to", kRecipientNames, /*custom=*/false, "names no recipient");
  } else if (name == "outbox") {
    const std::string topic = r.text("topic", kMaxText);
    if (!is_one_of(topic, kOutboxTopicNames)) unknown(r.path_of("topic"), topic, kOutboxTopicNames);
  }
}

void validate_guard(const WorkflowRule& rule, const std::string& path, const std::vector<std::string>& host_guards) {
  const bool builtin = is_one_of(rule.name, kGuardNames);
  if (!builtin && std::find(host_guards.begin(), host_guards.end(), rule.name) == host_guards.end()) {
    std::vector<const char*> names(kGuardNames.begin(), kGuardNames.end());
    for (const std::string& host : host_guards) names.push_back(host.c_str());
    codec::throw_unknown_value(field_of(path, "guard"), rule.name, names.data(), names.size());
  }
  const json params = rule_params(rule, path, "guard");
  if (!builtin) return;  // a host guard's parameters are the host's to check
  codec::ObjectReader r(params, path);
  validate_guard_params(rule.name, r);
  r.finish();
}

void validate_effect(const WorkflowRule& rule, const std::string& path) {
  if (!is_one_of(rule.name, kEffectNames)) unknown(field_of(path, "effect"), rule.name, kEffectNames);
  const json params = rule_params(rule, path, "effect");
  codec::ObjectReader r(params, path);
  validate_effect_params(rule.name, r);
  r.finish();
}

void validate_guards(const std::vector<WorkflowRule>& guards, const std::string& path,
                     const std::vector<std::string>& host_guards) {
  check_count(path, guards.size(), kMaxRules);
  for (std::size_t m = 0; m < guards.size(); ++m) validate_guard(guards[m], at(path, m), host_guards);
}

// ---- Workflows ----------------------------------------------------------------------------------

void validate_match(const CaseMatch& m, const std::string& path) {
  const std::pair<const char*, std::vector<std::string>> lists[] = {
      {"kinds", enum_names(m.kinds, case_kind_name, field_of(path, "kinds"))},
      {"channels", enum_names(m.channels, channel_name, field_of(path, "channels"))},
      {"categories", enum_names(m.categories, complaint_category_name, field_of(path, "categories"))},
      {"customer_tiers", m.customer_tiers}};
  for (const auto& [key, names] : lists) {
    const std::string list_path = field_of(path, key);
    check_count(list_path, names.size(), kMaxListItems);
    check_unique(names, list_path, "", "value");
  }
  for (std::size_t i = 0; i < m.customer_tiers.size(); ++i) {
    domain::check_text(at(field_of(path, "customer_tiers"), i), m.customer_tiers[i], kMaxLabel, /*required=*/true);
  }
}

constexpr ComplaintCategory kComplaintCategories[] = {ComplaintCategory::quality, ComplaintCategory::quantity,
                                                      ComplaintCategory::transport};
constexpr CaseKind kKinds[] = {CaseKind::return_, CaseKind::repair, CaseKind::complaint, CaseKind::customization};
constexpr Channel kChannels[] = {Channel::b2b, Channel::b2c, Channel::retail_chain, Channel::supplier};

// Calls `visit(kind, channel, category)` for every combination a case can have.
template <class Visit>
void for_each_case_shape(Visit visit) {
  for (CaseKind kind : kKinds) {
    for (Channel channel : kChannels) {
      if (kind == CaseKind::complaint) {
        for (ComplaintCategory category : kComplaintCategories) visit(kind, channel, category);
      } else {
        visit(kind, channel, ComplaintCategory::none);
      }
    }
  }
}

void validate_state(const WorkflowState& s, const std::string& path) {
  check_name(field_of(path, "name"), s.name);
  domain::check_text(field_of(path, "label"), s.label, kMaxLabel);
  if (std::string(state_category_name(s.category)) == "unknown") {
    throw Error(Status::unknown_value, field_of(path, "category"),
                "unknown value " + std::to_string(static_cast<int>(s.category)));
  }
  if (std::string(sla_effect_name(s.sla)) == "unknown") {
    throw Error(Status::unknown_value, field_of(path, "sla"), "unknown value " + std::to_string(static_cast<int>(s.sla)));
  }
}

const WorkflowState& known_state(const Workflow& w, const std::string& name, const std::string& field) {
  const WorkflowState* state = find_state(w, name);
  if (state == nullptr) {
    throw Error(Status::unknown_value, field,
                "state " + single_quoted(name) + " is not a state of workflow " + single_quoted(w.id));
  }
  return *state;
}

void validate_transition(const Workflow& w, const WorkflowTransition& t, const std::string& path,
                         const std::vector<std::string>& host_guards) {
  check_name(field_of(path, "name"), t.name);
  domain::check_text(field_of(path, "label"), t.label, kMaxLabel);
  const std::string from_path = field_of(path, "from");
  if (t.from.empty()) {
    throw Error(Status::invalid_argument, from_path, "transition " + single_quoted(t.name) + " starts from no state");
  }
  check_count(from_path, t.from.size(), kMaxStates);
  for (std::size_t m = 0; m < t.from.size(); ++m) {
    const WorkflowState& from = known_state(w, t.from[m], at(from_path, m));
    if (from.final) {
      throw Error(Status::invalid_argument, at(from_path, m),
                  "state " + single_quoted(from.name) + " is final: no transition may leave it");
    }
  }
  check_unique(t.from, from_path, "", "state");
  known_state(w, t.to, field_of(path, "to"));
  const std::string roles_path = field_of(path, "roles");
  const std::vector<std::string> roles = enum_names(t.roles, role_name, roles_path);
  check_count(roles_path, roles.size(), kMaxListItems);
  check_unique(roles, roles_path, "", "role");
  validate_guards(t.guards, field_of(path, "guards"), host_guards);
  const std::string effects_path = field_of(path, "effects");
  check_count(effects_path, t.effects.size(), kMaxRules);
  for (std::size_t m = 0; m < t.effects.size(); ++m) validate_effect(t.effects[m], at(effects_path, m));
}

// Every state is reachable from the initial one, and every state that is not final has a
// transition to another state: a case can neither be lost in nor stuck in a workflow.
void validate_graph(const Workflow& w, const std::string& path) {
  const auto index_of = [&](const std::string& name) {
    return static_cast<std::size_t>(find_state(w, name) - w.states.data());
  };
  std::vector<bool> reached(w.states.size(), false);
  std::vector<std::size_t> pending = {index_of(w.initial)};
  reached[pending.front()] = true;
  while (!pending.empty()) {
    const std::string& state = w.states[pending.back()].name;
    pending.pop_back();
    for (const WorkflowTransition& t : w.transitions) {
      if (std::find(t.from.begin(), t.from.end(), state) == t.from.end()) continue;
      const std::size_t to = index_of(t.to);
      if (!reached[to]) {
        reached[to] = true;
        pending.push_back(to);
      }
    }
  }
  for (std::size_t j = 0; j < w.states.size(); ++j) {
    const WorkflowState& s = w.states[j];
    if (!reached[j]) {
      throw Error(Status::invalid_argument, at(field_of(path, "states"), j),
                  "state " + single_quoted(s.name) + " cannot be reached from " + single_quoted(w.initial));
    }
    if (s.final) continue;
    const bool leaves = std::any_of(w.transitions.begin(), w.transitions.end(), [&](const WorkflowTransition& t) {
      return t.to != s.name && std::find(t.from.begin(), t.from.end(), s.name) != t.from.end();
    });
    if (!leaves) {
      throw Error(Status::invalid_argument, at(field_of(path, "states"), j),
                  "state " + single_quoted(s.name) + " is not final but no transition leads out of it");
    }
  }
}

void validate_workflow(const Workflow& w, const std::string& path, const std::vector<std::string>& host_guards) {
  check_name(field_of(path, "id"), w.id);
  if (w.version < 0) {
    throw Error(Status::out_of_range, field_of(path, "version"), std::to_string(w.version) + " is less than the minimum 0");
  }
  domain::check_text(field_of(path, "name"), w.name, kMaxLabel);
  validate_match(w.applies_to, field_of(path, "applies_to"));
  if (!w.applies_to.customer_tiers.empty()) {
    throw Error(Status::invalid_argument, field_of(path, "applies_to.customer_tiers"),
                "a workflow is chosen by kind, channel and complaint category only; customer tiers select "
                "assignment rules and automatic actions");
  }
  bool takes_some_case = false;
  for_each_case_shape([&](CaseKind kind, Channel channel, ComplaintCategory category) {
    takes_some_case = takes_some_case || applies(w.applies_to, kind, channel, category);
  });
  if (!takes_some_case) {
    throw Error(Status::invalid_argument, field_of(path, "applies_to"),
                "workflow " + single_quoted(w.id) +
                    " applies to no case: complaints have a category (quality, quantity or transport), other kinds "
                    "have none");
  }

  const std::string states_path = field_of(path, "states");
  if (w.states.empty()) {
    throw Error(Status::invalid_argument, states_path, "workflow " + single_quoted(w.id) + " has no state");
  }
  check_count(states_path, w.states.size(), kMaxStates);
  std::vector<std::string> state_names;
  for (std::size_t j = 0; j < w.states.size(); ++j) {
    validate_state(w.states[j], at(states_path, j));
    state_names.push_back(w.states[j].name);
  }
  check_unique(state_names, states_path, ".name", "state");
  known_state(w, w.initial, field_of(path, "initial"));

  const std::string transitions_path = field_of(path, "transitions");
  check_count(transitions_path, w.transitions.size(), kMaxTransitions);
  std::vector<std::string> transition_names;
  for (std::size_t k = 0; k < w.transitions.size(); ++k) {
    validate_transition(w, w.transitions[k], at(transitions_path, k), host_guards);
    transition_names.push_back(w.transitions[k].name);
  }
  check_unique(transition_names, transitions_path, ".name", "transition");
  validate_graph(w, path);
}

void validate_coverage(const WorkflowConfig& c) {
  for_each_case_shape([&](CaseKind kind, Channel channel, ComplaintCategory category) {
    if (workflow_for(c, kind, channel, category) != nullptr) return;
    std::string shape = std::string(case_kind_name(kind)) + " cases";
    if (kind == CaseKind::complaint) shape += std::string(" of category ") + complaint_category_name(category);
    throw Error(Status::invalid_argument, "workflows",
                "no workflow applies to " + shape + " on channel " + channel_name(channel));
  });
}

void validate_assignment(const AssignmentRule& a, const std::string& path) {
  validate_match(a.when, field_of(path, "when"));
  domain::check_text(field_of(path, "assignee"), a.assignee, kMaxLabel);
  domain::check_text(field_of(path, "team"), a.team, kMaxLabel);
  if (a.assignee.empty() && a.team.empty()) {
    throw Error(Status::missing_field, path, "an assignment rule needs an \"assignee\" or a \"team\"");
  }
}

void validate_automatic_action(const WorkflowConfig& c, const AutomaticAction& a, const std::string& path,
                               const std::vector<std::string>& host_guards) {
  check_name(field_of(path, "name"), a.name);
  validate_match(a.when, field_of(path, "when"));
  std::vector<const Workflow*> having;  // the workflows that have the transition
  for (const Workflow& w : c.workflows)
    if (find_transition(w, a.transition) != nullptr) having.push_back(&w);
  if (having.empty()) {
    throw Error(Status::unknown_value, field_of(path, "transition"),
                "no workflow has a transition " + single_quoted(a.transition));
  }
  const std::string states_path = field_of(path, "states");
  check_count(states_path, a.states.size(), kMaxStates);
  for (std::size_t m = 0; m < a.states.size(); ++m) {
    const std::string& state = a.states[m];
    bool exists = false;
    bool starts = false;
    for (const Workflow* w : having) {
      exists = exists || find_state(*w, state) != nullptr;
      const auto& from = find_transition(*w, a.transition)->from;
      starts = starts || std::find(from.begin(), from.end(), state) != from.end();
    }
    if (!exists) {
      throw Error(Status::unknown_value, at(states_path, m),
                  "no workflow with transition " + single_quoted(a.transition) + " has a state " + single_quoted(state));
    }
    if (!starts) {
      throw Error(Status::invalid_argument, at(states_path, m),
                  "transition " + single_quoted(a.transition) + " never starts from state " + single_quoted(state));
    }
  }
  check_unique(a.states, states_path, "", "state");
  validate_guards(a.guards, field_of(path, "guards"), host_guards);
}

// ---- Reading ------------------------------------------------------------------------------------

template <class E, class FromName, class Names>
std::vector<E> read_enum_list(codec::ObjectReader& r, const char* key, FromName from_name, const Names& names) {
  std::vector<E> out;
  const json* list = r.optional_array(key, kMaxListItems);
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string path = at(r.path_of(key), i);
    if (!item.is_string()) codec::throw_wrong_type(path, "string", item);
    const auto& name = item.get_ref<const std::string&>();
    const auto value = from_name(name);
    if (!value) codec::throw_unknown_value(path, name, names.data(), names.size());
    out.push_back(*value);
  }
  return out;
}

std::vector<std::string> read_texts(codec::ObjectReader& r, const char* key, std::size_t max_items) {
  return r.optional_texts(key, static_cast<std::int64_t>(max_items), kMaxText).value_or(std::vector<std::string>{});
}

CaseMatch read_match(codec::ObjectReader& parent, const char* key) {
  CaseMatch m;
  const json* value = parent.find(key);
  if (value == nullptr) return m;
  codec::ObjectReader r(*value, parent.path_of(key));
  m.kinds = read_enum_list<CaseKind>(r, "kinds", case_kind_from_name, codec::kCaseKindNames);
  m.channels = read_enum_list<Channel>(r, "channels", channel_from_name, codec::kChannelNames);
  m.categories = read_enum_list<ComplaintCategory>(r, "categories", complaint_category_from_name, codec::kCategoryNames);
  m.customer_tiers = read_texts(r, "customer_tiers", kMaxListItems);
  r.finish();
  return m;
}

// A guard or effect: the member `key` names it, the other members are its parameters.
std::vector<WorkflowRule> read_rules(codec::ObjectReader& parent, const char* list_key, const char* key) {
  std::vector<WorkflowRule> rules;
  const json* list = parent.optional_array(list_key, kMaxRules);
  if (list == nullptr) return rules;
  for (std::size_t m = 0; m < list->size(); ++m) {
    const std::string path = at(parent.path_of(list_key), m);
    const json& item = (*list)[m];
    WorkflowRule rule;
    rule.name = codec::ObjectReader(item, path).text(key, kMaxText);
    json params = item;
    params.erase(key);
    rule.params = codec::dump_json(params);
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::string label_or_name(codec::ObjectReader& r, const char* key, const std::string& name) {
  return r.optional_text(key, kMaxText).value_or(name);
}

WorkflowState read_state(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  WorkflowState s;
  s.name = r.text("name", kMaxText);
  s.label = label_or_name(r, "label", s.name);
  s.category = r.enumeration("category", state_category_from_name, kStateCategoryNames);
  s.final = r.optional_boolean("final").value_or(false);
  const SlaEffect fallback = s.category == StateCategory::closed ? SlaEffect::stop : SlaEffect::run;
  s.sla = r.optional_enumeration("sla", sla_effect_from_name, kSlaEffectNames).value_or(fallback);
  s.locks_decision = r.optional_boolean("locks_decision").value_or(false);
  r.finish();
  return s;
}

WorkflowTransition read_transition(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  WorkflowTransition t;
  t.name = r.text("name", kMaxText);
  t.label = label_or_name(r, "label", t.name);
  r.need("from");
  t.from = read_texts(r, "from", kMaxStates);
  t.to = r.text("to", kMaxText);
  t.roles = read_enum_list<Role>(r, "roles", role_from_name, codec::kRoleNames);
  t.guards = read_rules(r, "guards", "guard");
  t.effects = read_rules(r, "effects", "effect");
  r.finish();
  return t;
}

Workflow read_workflow(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  Workflow w;
  w.id = r.text("id", kMaxText);
  w.version = static_cast<std::int32_t>(
      r.optional_integer("version", 0, std::numeric_limits<std::int32_t>::max()).value_or(0));
  w.name = label_or_name(r, "name", w.id);
  w.applies_to = read_match(r, "applies_to");
  w.initial = r.text("initial", kMaxText);
  const json& states = r.array("states", kMaxStates);
  for (std::size_t j = 0; j < states.size(); ++j) w.states.push_back(read_state(states[j], at(r.path_of("states"), j)));
  if (const json* list = r.optional_array("transitions", kMaxTransitions)) {
    for (std::size_t k = 0; k < list->size(); ++k)
      w.transitions.push_back(read_transition((*list)[k], at(r.path_of("transitions"), k)));
  }
  r.finish();
  return w;
}

AssignmentRule read_assignment(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  AssignmentRule a;
  a.when = read_match(r, "when");
  r.read_text("assignee", kMaxText, a.assignee);
  r.read_text("team", kMaxText, a.team);
  r.finish();
  return a;
}

AutomaticAction read_automatic_action(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  AutomaticAction a;
  a.name = r.text("name", kMaxText);
  a.when = read_match(r, "when");
  a.states = read_texts(r, "states", kMaxStates);
  a.transition = r.text("transition", kMaxText);
  a.guards = read_rules(r, "guards", "guard");
  r.finish();
  return a;
}

template <class T, class Read>
std::vector<T> read_list(codec::ObjectReader& r, const char* key, std::size_t max_items, Read read) {
  std::vector<T> out;
  const json* list = r.optional_array(key, static_cast<std::int64_t>(max_items));
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) out.push_back(read((*list)[i], at(r.path_of(key), i)));
  return out;
}

// ---- Writing ------------------------------------------------------------------------------------

template <class E>
json names_of(const std::vector<E>& values, const char* (*to_name)(E) noexcept) {
  json out = json::array();
  for (E v : values) out.push_back(to_name(v));
  return out;
}

json match_to_value(const CaseMatch& m) {
  return {{"kinds", names_of(m.kinds, case_kind_name)},
          {"channels", names_of(m.channels, channel_name)},
          {"categories", names_of(m.categories, complaint_category_name)},
          {"customer_tiers", m.customer_tiers}};
}

json rules_to_value(const std::vector<WorkflowRule>& rules, const char* key) {
  json out = json::array();
  for (const WorkflowRule& rule : rules) {
    json item = codec::parse_stored_json(rule.params, key);
    if (!item.is_object()) codec::throw_wrong_type(key, "object", item);
    item[key] = rule.name;
    out.push_back(std::move(item));
  }
  return out;
}

json workflow_to_value(const Workflow& w) {
  json states = json::array();
  for (const WorkflowState& s : w.states) {
    states.push_back({{"name", s.name},
                      {"label", s.label},
                      {"category", state_category_name(s.category)},
                      {"final", s.final},
                      {"sla", sla_effect_name(s.sla)},
                      {"locks_decision", s.locks_decision}});
  }
  json transitions = json::array();
  for (const WorkflowTransition& t : w.transitions) {
    transitions.push_back({{"name", t.name},
                           {"label", t.label},
                           {"from", t.from},
                           {"to", t.to},
                           {"roles", names_of(t.roles, role_name)},
                           {"guards", rules_to_value(t.guards, "guard")},
                           {"effects", rules_to_value(t.effects, "effect")}});
  }
  return {{"id", w.id},
          {"version", w.version},
          {"name", w.name},
          {"applies_to", match_to_value(w.applies_to)},
          {"initial", w.initial},
          {"states", std::move(states)},
          {"transitions", std::move(transitions)}};
}

}  // namespace

// ---- Enum names ---------------------------------------------------------------------------------

const char* state_category_name(StateCategory v) noexcept { return name_of(v, kStateCategoryNames); }

std::optional<StateCategory> state_category_from_name(std::string_view name) noexcept {
  return value_of<StateCategory>(name, kStateCategoryNames);
}

const char* sla_effect_name(SlaEffect v) noexcept { return name_of(v, kSlaEffectNames); }

std::optional<SlaEffect> sla_effect_from_name(std::string_view name) noexcept {
  return value_of<SlaEffect>(name, kSlaEffectNames);
}

const std::vector<std::string>& builtin_guard_names() {
  static const std::vector<std::string> names(kGuardNames.begin(), kGuardNames.end());
  return names;
}

const std::vector<std::string>& builtin_effect_names() {
  static const std::vector<std::string> names(kEffectNames.begin(), kEffectNames.end());
  return names;
}

// ---- The document -------------------------------------------------------------------------------

void validate_workflow_config(const WorkflowConfig& config, const std::vector<std::string>& host_guards) {
  check_count("workflows", config.workflows.size(), kMaxWorkflows);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < config.workflows.size(); ++i) {
    validate_workflow(config.workflows[i], at("workflows", i), host_guards);
    ids.push_back(config.workflows[i].id);
  }
  check_unique(ids, "workflows", ".id", "workflow");
  validate_coverage(config);

  check_count("assignment", config.assignment.size(), kMaxAssignmentRules);
  for (std::size_t i = 0; i < config.assignment.size(); ++i) {
    validate_assignment(config.assignment[i], at("assignment", i));
  }

  check_count("automatic_actions", config.automatic_actions.size(), kMaxAutomaticActions);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < config.automatic_actions.size(); ++i) {
    validate_automatic_action(config, config.automatic_actions[i], at("automatic_actions", i), host_guards);
    names.push_back(config.automatic_actions[i].name);
  }
  check_unique(names, "automatic_actions", ".name", "automatic action");
}

WorkflowConfig workflow_config_from_json(std::string_view text, const std::vector<std::string>& host_guards) {
  const json document = codec::parse_json(text, std::string(), codec::kDefaultJsonDepth);
  codec::ObjectReader r(document, "");
  WorkflowConfig c;
  r.need("workflows");
  c.workflows = read_list<Workflow>(r, "workflows", kMaxWorkflows, read_workflow);
  c.assignment = read_list<AssignmentRule>(r, "assignment", kMaxAssignmentRules, read_assignment);
  c.automatic_actions = read_list<AutomaticAction>(r, "automatic_actions", kMaxAutomaticActions, read_automatic_action);
  r.finish();
  validate_workflow_config(c, host_guards);
  return c;
}

Workflow workflow_from_json(std::string_view text, const std::vector<std::string>& host_guards) {
  const json document = codec::parse_json(text, std::string(), codec::kDefaultJsonDepth);
  Workflow w = read_workflow(document, "");
  validate_workflow(w, "", host_guards);
  return w;
}

std::string workflow_to_json(const Workflow& workflow) { return codec::dump_json(workflow_to_value(workflow)); }

std::string workflow_config_to_json(const WorkflowConfig& config) {
  json workflows = json::array();
  for (const Workflow& w : config.workflows) workflows.push_back(workflow_to_value(w));
  json assignment = json::array();
  for (const AssignmentRule& a : config.assignment) {
    assignment.push_back({{"when", match_to_value(a.when)}, {"assignee", a.assignee}, {"team", a.team}});
  }
  json actions = json::array();
  for (const AutomaticAction& a : config.automatic_actions) {
    actions.push_back({{"name", a.name},
                       {"when", match_to_value(a.when)},
                       {"states", a.states},
                       {"transition", a.transition},
                       {"guards", rules_to_value(a.guards, "guard")}});
  }
  return codec::dump_json({{"workflows", std::move(workflows)},
                         {"assignment", std::move(assignment)},
                         {"automatic_actions", std::move(actions)}});
}

}  // namespace rma
