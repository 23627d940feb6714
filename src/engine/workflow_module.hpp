// engine/workflow_module.hpp — workflows in the engine: the configuration document with the stored
// version of each workflow, compiled versions (cached: a version never changes once stored),
// host guards, moving cases between states, the answers a host needs for its buttons, and the
// automatic actions. The rules are domain's (domain/workflow_rules.hpp, decision_lock.hpp).
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domain/workflow_rules.hpp"
#include "engine/config_kinds.hpp"
#include "rma/engine.hpp"
#include "rma/error.hpp"

namespace rma {

class WorkflowModule {
 public:
  explicit WorkflowModule(Engine::Impl& engine) : e_(engine) {}

  ConfigDocument<WorkflowConfig> document = workflows_document();
  const WorkflowConfig& config();
  void configure(const Actor& by, const WorkflowConfig& config);

  std::vector<std::pair<std::string, WorkflowGuard>> host_guards;
  std::vector<std::string> host_guard_names() const;

  std::shared_ptr<const domain::CompiledWorkflow> compiled(const std::string& id, std::int32_t version);
  // The states of category closed in the configured workflows: what a closed case's status is.
  std::vector<std::string> closed_statuses();
  // The case's workflow; a case from before workflows gets the current one for its kind.
  std::shared_ptr<const domain::CompiledWorkflow> of(Case& c);
  // Chooses the workflow of a new case, puts it in the initial state, assigns it.
  void start(Case& c, const std::string& customer_tier);

  Case transition(const Actor& by, std::int64_t id, const std::string& transition, ExpectedVersion expected);
  // `lang` (canonical) puts the labels in that language; empty keeps the definitions' own.
  std::vector<TransitionOption> available_transitions(const Actor& by, std::int64_t id,
                                                      const std::string& lang = std::string());
  // The label of the case's status in `lang` (canonical); the status name when its workflow
  // has no such state.
  std::string status_label(const Case& c, const std::string& lang);
  // Runs the configured automatic actions on a case a command just changed, as system:auto.
  void run_automatic_actions(Case& c);

 private:
  struct Evaluation {
    std::vector<Denial> denials;
    std::vector<GuardResult> guards;
    Status status = Status::ok;  // the code a refusal throws
  };
  Evaluation evaluate(const Case& c, const domain::CompiledWorkflow& wf, const domain::CompiledTransition& t,
                      const Actor& by, const std::vector<domain::CompiledRule>& extra_guards = {});
  GuardResult run_guard(const domain::CompiledRule& guard, const Case& c, const std::string& transition,
                        const Actor& by);
  void perform(Case& c, const domain::CompiledWorkflow& wf, const domain::CompiledTransition& t, const Actor& by,
               const Evaluation& ev);
  // Stores every workflow version the configuration names that is not stored yet.
  void store_versions(const WorkflowConfig& config);
  // The first case fixes the default definitions as version 1 of each workflow.
  void store_defaults();

  Engine::Impl& e_;
  std::map<std::pair<std::string, std::int32_t>, std::shared_ptr<const domain::CompiledWorkflow>> compiled_;
  int automatic_depth_ = 0;
};

}  // namespace rma
