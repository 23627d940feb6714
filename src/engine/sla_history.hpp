// engine/sla_history.hpp — the part of a case's SLA facts that comes from its history (states
// entered, the workflow's clock controls, external notes), kept per case so that a command does
// not read and parse the whole history again to move the case's clocks.
//
// An entry holds committed events only, up to `last_seq`: a command adds its own events to a copy
// (SlaModule::facts), and they enter the entry once committed (follow). Other processes' events
// erase it (the engine's sync), as a rolled-back command never reaches it. An entry is valid for
// the workflow version it was folded with; the set is bounded.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/workflow_rules.hpp"
#include "rma/event.hpp"
#include "rma/sla.hpp"

namespace rma {

struct SlaHistory {
  std::string workflow;  // the case's workflow and version: what each state's SLA effect came from
  std::int32_t workflow_version = 0;
  std::int64_t last_seq = 0;  // the newest event folded in
  std::vector<SlaStateChange> timeline;
  std::vector<SlaClockControl> controls;
  std::vector<Timestamp> claimant_messages;
  std::vector<Timestamp> staff_replies;
};

// Folds one event of the case into `h` (events of kinds the clocks do not read change nothing but
// last_seq). `wf` is the case's compiled workflow, or null.
void fold_sla_event(SlaHistory& h, const Event& e, const domain::CompiledWorkflow* wf);

class SlaHistoryCache {
 public:
  static constexpr std::size_t kCapacity = 4096;

  // The entry of the case, when it was folded with this workflow version.
  const SlaHistory* find(std::int64_t case_id, const std::string& workflow, std::int32_t version) const;
  void put(std::int64_t case_id, SlaHistory history);
  // Committed events folded into the entries of their cases; a deleted case's entry is dropped.
  using CompiledOf =
      std::function<std::shared_ptr<const domain::CompiledWorkflow>(const std::string& id, std::int32_t version)>;
  void follow(const std::vector<Event>& committed, const CompiledOf& compiled_of);
  void erase(std::int64_t case_id) { entries_.erase(case_id); }
  void clear() { entries_.clear(); }

 private:
  std::unordered_map<std::int64_t, SlaHistory> entries_;
};

}  // namespace rma
