// rma/workflow.hpp — workflows: the states a case moves through, the transitions between them,
// who may run each one, what must hold first (guards) and what happens then (effects).
//
// A workflow is configured as JSON (docs/workflows.md) and chosen per case by kind, channel and
// complaint category. Definitions are versioned: storing a changed workflow makes a new version,
// and a running case keeps the version it started with. With no configuration the engine uses
// default_workflow_config(), which covers consumer returns, warranty repairs, complaints and
// customization requests.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/actor.hpp"
#include "rma/case.hpp"

namespace rma {

// What a state means to the rest of librma (queries, SLA, reports), whatever it is called.
enum class StateCategory { new_, open, waiting_customer, waiting_supplier, resolved, closed };
const char* state_category_name(StateCategory v) noexcept;  // "new", "open", ...
std::optional<StateCategory> state_category_from_name(std::string_view name) noexcept;

// What the case's SLA clocks do while it is in a state: keep running, pause (waiting for the
// customer or the supplier) or stop (the work is done).
enum class SlaEffect { run, pause, stop };
const char* sla_effect_name(SlaEffect v) noexcept;  // "run", "pause", "stop"
std::optional<SlaEffect> sla_effect_from_name(std::string_view name) noexcept;

// A host workflow's own labels in other languages: language tag ("it", "de-AT") -> label. The
// `label` member is the base-language (English) one; readers of other languages get these, then
// the catalogs' "workflow.<id>.state.<name>" / ".transition.<name>" (docs/languages.md).
using LanguageLabels = std::map<std::string, std::string>;

struct WorkflowState {
  std::string name;  // [a-z0-9_], unique in its workflow
  std::string label;
  LanguageLabels labels;
  StateCategory category = StateCategory::open;
  bool final = false;           // no transition leaves it
  SlaEffect sla = SlaEffect::run;
  bool locks_decision = false;  // reaching it fixes the resolution: only an admin may change it
};

// A guard or an effect as written in a definition: its name and its parameters, a JSON object
// (the definition's member without the "guard" / "effect" key), e.g. value_below {"amount":
// "100.00 EUR"}.
struct WorkflowRule {
  std::string name;
  std::string params = "{}";
};

struct WorkflowTransition {
  std::string name;  // [a-z0-9_], unique in its workflow
  std::string label;
  LanguageLabels labels;
  std::vector<std::string> from;  // states it may start from
  std::string to;
  std::vector<Role> roles;        // who may run it; admin and system may always
  std::vector<WorkflowRule> guards;
  std::vector<WorkflowRule> effects;
};

// Which cases a workflow, an assignment rule or an automatic action applies to. An empty list
// matches any value.
struct CaseMatch {
  std::vector<CaseKind> kinds;
  std::vector<Channel> channels;
  std::vector<ComplaintCategory> categories;
  std::vector<std::string> customer_tiers;
};

struct Workflow {
  std::string id;               // [a-z0-9_], e.g. "consumer_return"
  std::int32_t version = 0;     // set by the engine when stored (1, 2, ...); 0 in a new definition
  std::string name;
  CaseMatch applies_to;         // customer_tiers is not used here
  std::string initial;          // the state a new case starts in
  std::vector<WorkflowState> states;
  std::vector<WorkflowTransition> transitions;
};

// Automatic assignment: the first rule matching a new case sets its assignee and/or team
// (unless the case names them already).
struct AssignmentRule {
  CaseMatch when;
  std::string assignee;
  std::string team;
};

// A transition the engine runs by itself, as `system:auto`, whenever a case in one of `states`
// matches `when` and the transition's guards and the action's own guards pass (for example:
// accept quality complaints of gold customers under 50 EUR).
struct AutomaticAction {
  std::string name;
  CaseMatch when;
  std::vector<std::string> states;  // empty: any state the transition may start from
  std::string transition;
  std::vector<WorkflowRule> guards;
};

struct WorkflowConfig {
  std::vector<Workflow> workflows;  // the first one whose applies_to matches a new case is used
  std::vector<AssignmentRule> assignment;
  std::vector<AutomaticAction> automatic_actions;
};

// The definitions librma ships: consumer_return, warranty_repair, complaint, customization.
const WorkflowConfig& default_workflow_config();

// Names of the built-in guards and effects (docs/workflows.md lists their parameters).
const std::vector<std::string>& builtin_guard_names();
const std::vector<std::string>& builtin_effect_names();

// Parses and validates a configuration document. `host_guards` are the names of guards the host
// registered, accepted besides the built-in ones. Throws Error naming the JSON path: transitions
// to unknown states, unreachable states, final states with exits, unknown guards or effects,
// bad parameters, duplicate names.
WorkflowConfig workflow_config_from_json(std::string_view text, const std::vector<std::string>& host_guards = {});
std::string workflow_config_to_json(const WorkflowConfig& config);
// One workflow on its own (the form a stored version keeps): the same checks except that the
// configuration as a whole gives every case a workflow.
Workflow workflow_from_json(std::string_view text, const std::vector<std::string>& host_guards = {});
std::string workflow_to_json(const Workflow& workflow);
// The same checks on a configuration built in C++.
void validate_workflow_config(const WorkflowConfig& config, const std::vector<std::string>& host_guards = {});

// --- labels for people (docs/languages.md) ---

class Catalogs;

// A state's or a transition's label for a reader of `tag` (canonical): along the fallback chain,
// the workflow's own label in each language, then the catalogs' "workflow.<id>.state.<name>"
// ("...transition.<name>"); at English, the definition's `label`. Never a key.
std::string state_label(const Catalogs& catalogs, const Workflow& workflow, const WorkflowState& state,
                        std::string_view tag);
std::string transition_label(const Catalogs& catalogs, const Workflow& workflow,
                             const WorkflowTransition& transition, std::string_view tag);

// --- what the engine answers about transitions ---

// Why a transition is not available now.
struct Denial {
  std::string kind;     // "permission", "guard" or "state"
  std::string code;     // the guard's name ("nothing_to_refund" for a decision crediting the
                        // claimant with nothing to refund), or a permission reason:
                        // "role_not_allowed", "decision_locked", "not_own_case", "not_in_state"
  std::string message;
};

struct GuardResult {
  std::string guard;
  bool passed = false;
  std::string message;  // why it failed; empty when it passed
};

// One transition of the case's workflow as seen by one actor.
struct TransitionOption {
  std::string name;
  std::string label;
  std::string to;
  bool available = false;
  std::vector<Denial> denials;  // empty when available
};

// What a host guard sees: the case, the transition, who asks, and the guard's parameters.
struct GuardInput {
  const Case& case_;
  const std::string& transition;
  const Actor& actor;
  const std::string& params;  // JSON object
};

struct GuardOutcome {
  bool passed = false;
  std::string message;
};

// A guard written by the host. It runs inside the engine's command (hold no engine call in it)
// and may throw rma::Error to refuse with its own message.
using WorkflowGuard = std::function<GuardOutcome(const GuardInput&)>;

}  // namespace rma
