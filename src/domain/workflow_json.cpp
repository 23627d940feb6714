// domain/workflow_json.cpp — the workflow configuration document (docs/workflows.md) as JSON:
// the names of the workflow enums, reading a document and writing one.
//
// Reading uses the JSON API's strict reader, so a configuration gets the same errors as any
// request (unknown keys refused, every error naming its JSON path); what it reads is then checked
// like a configuration built in code (workflow_validate.cpp).
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/workflow_config_detail.hpp"
#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/language.hpp"
#include "rma/workflow.hpp"

namespace rma {

using namespace domain::workflow_detail;

namespace {

using nlohmann::json;

constexpr std::array<const char*, 6> kStateCategoryNames = {
    "new", "open", "waiting_customer", "waiting_supplier", "resolved", "closed"};
constexpr std::array<const char*, 3> kSlaEffectNames = {"run", "pause", "stop"};

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

// {"it": "Richiesto", "de-AT": "Angefragt"}: tags checked and kept in canonical case.
LanguageLabels read_labels(codec::ObjectReader& r, const char* key) {
  LanguageLabels labels;
  const json* value = r.find(key);
  if (value == nullptr) return labels;
  const std::string path = r.path_of(key);
  if (!value->is_object()) throw Error(Status::wrong_type, path, "must be an object of language tags to labels");
  for (const auto& [tag, label] : value->items()) {
    const std::string field = path + "." + tag;
    if (!label.is_string()) throw Error(Status::wrong_type, field, "must be a string");
    labels[canonical_language(tag, field)] = label.get<std::string>();
  }
  return labels;
}

WorkflowState read_state(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  WorkflowState s;
  s.name = r.text("name", kMaxText);
  s.label = label_or_name(r, "label", s.name);
  s.labels = read_labels(r, "labels");
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
  t.labels = read_labels(r, "labels");
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
    if (!s.labels.empty()) states.back()["labels"] = s.labels;
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
    if (!t.labels.empty()) transitions.back()["labels"] = t.labels;
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

// ---- The document -------------------------------------------------------------------------------

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
