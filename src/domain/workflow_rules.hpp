// domain/workflow_rules.hpp — what a workflow does to a case: which workflow applies, which
// guards hold, what the case-changing effects change. Pure: the engine brings the case, the
// date and the host's guards, and does the writing.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/calendar.hpp"
#include "rma/money.hpp"
#include "rma/options.hpp"
#include "rma/workflow.hpp"

namespace rma::domain {

// A guard or effect with its parameters parsed once, when the workflow is compiled.
struct CompiledRule {
  std::string name;
  nlohmann::json params;
};

struct CompiledTransition {
  const WorkflowTransition* definition = nullptr;
  std::vector<CompiledRule> guards;
  std::vector<CompiledRule> effects;
};

// One workflow version with its look-ups. Immutable once built; shared by the engine's cases.
class CompiledWorkflow {
 public:
  explicit CompiledWorkflow(Workflow workflow);

  const Workflow& definition() const { return workflow_; }
  const WorkflowState* state(std::string_view name) const;
  const CompiledTransition* transition(std::string_view name) const;
  const std::vector<CompiledTransition>& transitions() const { return transitions_; }

 private:
  Workflow workflow_;
  std::vector<CompiledTransition> transitions_;
  std::unordered_map<std::string, std::size_t> state_at_;
  std::unordered_map<std::string, std::size_t> transition_at_;
};

bool case_matches(const CaseMatch& match, const Case& c, const std::string& customer_tier);

// The first workflow of `config` whose applies_to matches the case, or nullptr.
const Workflow* select_workflow(const WorkflowConfig& config, const Case& c);
// The first assignment rule matching the case, or nullptr.
const AssignmentRule* select_assignment(const WorkflowConfig& config, const Case& c, const std::string& customer_tier);

bool is_builtin_guard(std::string_view name);

// The goods value of a case: Σ unit price × requested quantity over lines with a known price.
// Status::invalid_argument if its lines are priced in different currencies.
std::optional<Money> goods_value(const Case& c);

// Evaluates one built-in guard (is_builtin_guard(name) must hold).
GuardResult evaluate_builtin_guard(const CompiledRule& guard, const Case& c);

// Applies a case-changing effect (assign, set_field, set_expected_completion) and adds what it
// changed to `changes` ({"field": {"before", "after"}}). `today` is the local date the
// expected completion counts from, on `calendar` (the case's SLA calendar; null: Monday to
// Friday). Other effects change nothing here.
void apply_case_effect(const CompiledRule& effect, Case& c, Date today, const Limits& limits,
                       nlohmann::json& changes, const BusinessCalendar* calendar = nullptr);

// `days` after `today`. With `business_days`, only days the calendar opens count (Monday to
// Friday without a calendar); otherwise every day.
Date completion_date(Date today, std::int32_t days, bool business_days, const BusinessCalendar* calendar = nullptr);

// The ERP message an `outbox` effect queues: the case, its lines with net, VAT and gross
// amounts (of the accepted, else received, else requested quantity) and totals.
nlohmann::json outbox_payload(const std::string& topic, const Case& c);

// Who a `notify` effect addresses: "customer:<id>", "operator:<assignee>", "team:<team>",
// "supplier:<id>"; recipients the case has none of are left out.
std::vector<std::string> notification_recipients(const nlohmann::json& to, const Case& c);

}  // namespace rma::domain
