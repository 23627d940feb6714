// domain/workflow_validate.cpp — the checks of a workflow configuration (docs/workflows.md):
// each workflow's states, transitions and graph, that every case has a workflow, the assignment
// rules and the automatic actions. The guards and effects are workflow_rule_params.cpp's.
//
// Validation works on the C++ values, so a configuration built in code gets the same checks and
// the same paths as one read from JSON (workflow_json.cpp).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/case_rules.hpp"
#include "domain/workflow_config_detail.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/language.hpp"
#include "rma/workflow.hpp"

namespace rma {

using namespace domain::workflow_detail;

namespace {

[[noreturn]] void too_many(const std::string& field, std::size_t count, std::size_t limit) {
  throw Error(Status::too_large, field,
              "has " + std::to_string(count) + " items, more than the limit of " + std::to_string(limit));
}

bool is_name(std::string_view text) {
  if (text.empty() || text.size() > kMaxName) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

namespace domain::workflow_detail {

void check_count(const std::string& field, std::size_t count, std::size_t limit) {
  if (count > limit) too_many(field, count, limit);
}

void check_name(const std::string& field, const std::string& value) {
  if (!is_name(value)) {
    throw Error(Status::invalid_argument, field,
                codec::quote_value(value) + " is not a valid name: use 1 to 64 of a-z, 0-9 and _");
  }
}

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

}  // namespace domain::workflow_detail

namespace {

// Names of states, transitions and clocks in messages.
std::string single_quoted(std::string_view name) { return "'" + codec::shortened(name, 64) + "'"; }

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

void validate_labels(const LanguageLabels& labels, const std::string& path) {
  for (const auto& [tag, label] : labels) {
    const std::string field = field_of(path, "labels") + "." + tag;
    if (canonical_language(tag, field) != tag)
      throw Error(Status::unknown_value, field, "language tags are written in canonical case (\"de-AT\")");
    domain::check_text(field, label, kMaxLabel, /*required=*/true);
  }
}

void validate_state(const WorkflowState& s, const std::string& path) {
  check_name(field_of(path, "name"), s.name);
  domain::check_text(field_of(path, "label"), s.label, kMaxLabel);
  validate_labels(s.labels, path);
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
  validate_labels(t.labels, path);
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

}  // namespace

namespace domain::workflow_detail {

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

}  // namespace domain::workflow_detail

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

}  // namespace rma
