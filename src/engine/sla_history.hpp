// engine/sla_history.hpp — the part of a case's SLA facts that comes from its history (states
// entered, the workflow's clock controls, external notes), kept per case so that a command does
// not read and parse the whole history again to move the case's clocks.
//
// An entry holds committed events only, up to `last_seq`: a command adds its own events to a copy
// (SlaModule::facts), and they enter the entry once committed (follow). The copy is staged, so
// that the commit adopts it instead of folding the same events again; a rollback drops it (the
// staged copies hold uncommitted events, one per case the transaction moved, and never outlive
// it). Other processes' events erase an entry (the engine's sync), as a rolled-back command never
// reaches it. An entry is valid for the workflow version it was folded with; the set of entries
// is bounded. Used under the engine's lock, like the rest of Engine::Impl.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "domain/workflow_rules.hpp"
#include "events/event_type.hpp"
#include "events/payloads.hpp"
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

// What the clocks read of one event: the state the case entered with the workflow's clock
// controls (case.created, case.transitioned, case.reopened), or who wrote an external note
// (note.added). The engine takes them from the payload of each event it writes, so that its own
// events are not parsed back from their text (Engine::Impl::emit).
struct SlaEventFacts {
  bool enters_state = false;
  std::string state;
  std::vector<events::SlaControl> controls;
  bool external_note = false;
  bool by_claimant = false;  // the note's author is the customer or the supplier
  // case.updated: whether it changed members a policy's conditions may read, or does not say
  // what it changed.
  bool changed_priority = false;
  bool changed_custom_fields = false;
  bool changes_unknown = false;
};

// An event the running transaction wrote, with what the clocks read of it.
struct OwnEvent {
  const Event* event;
  const SlaEventFacts* sla;  // null: the clocks read nothing of it
};

// Whether the clocks read anything of events of `type` (folded into the history).
bool reads_sla_facts(std::optional<events::EventType> type);
// Whether SlaEventFacts says something of events of `type`: those the clocks read, and
// case.updated (whether it moves them).
bool has_sla_facts(std::optional<events::EventType> type);
// The facts of an event of `type` (has_sla_facts) with payload `data`; errors name `where`.
SlaEventFacts sla_event_facts(events::EventType type, const nlohmann::json& data, const std::string& where);

// Folds the facts of event `seq` at `at` into `h`; null facts (an event the clocks do not read)
// move only last_seq. `wf` is the case's compiled workflow, or null.
void fold_sla_facts(SlaHistory& h, std::int64_t seq, Timestamp at, const SlaEventFacts* facts,
                    const domain::CompiledWorkflow* wf);
// The same for a stored event, its payload parsed from its text.
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
  // Staged copies are adopted first; events past a copy's last_seq are folded into it.
  void follow(const std::vector<Event>& committed, const CompiledOf& compiled_of);
  // The history of a case with the running transaction's events folded in, for follow().
  void stage(std::int64_t case_id, SlaHistory history) { staged_[case_id] = std::move(history); }
  void drop_staged() noexcept { staged_.clear(); }
  void erase(std::int64_t case_id) {
    entries_.erase(case_id);
    staged_.erase(case_id);
  }
  void clear() {
    entries_.clear();
    staged_.clear();
  }

 private:
  std::unordered_map<std::int64_t, SlaHistory> entries_;
  std::unordered_map<std::int64_t, SlaHistory> staged_;
};

}  // namespace rma
