// engine/sla_module.hpp — service levels in the engine: the SLA configuration document, each
// case's clocks from its history, the index of open clocks kept current after every commit and
// sync, tick, the due-time queries and compliance. The rules are domain's (domain/sla_rules.hpp).
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/config_kinds.hpp"
#include "engine/sla_history.hpp"
#include "index/sla_index.hpp"
#include "rma/engine.hpp"

namespace rma {

class SlaModule {
 public:
  explicit SlaModule(Engine::Impl& engine);

  // The configuration; reading it again drops the open clocks, which depend on it.
  ConfigDocument<SlaConfig> document = sla_document();
  const SlaConfig& config();
  void configure(const Actor& by, const SlaConfig& config);

  // What the clocks need, gathered from the case and its history.
  SlaFacts facts(const Case& c);
  // Committed events of this engine enter the kept histories of their cases; other processes'
  // changes drop them (sla_history.hpp).
  void follow_commit(const std::vector<Event>& committed);
  void forget_history(const std::set<std::int64_t>& case_ids);
  // The running transaction's folded histories (facts() staged them) are dropped: it rolled back.
  void drop_staged_history() noexcept { history_.drop_staged(); }
  // Whether an event may change what facts() gathers for its case, so that its clocks may move:
  // an internal note, a valuation, an attachment, a check, a crossing … cannot.
  // `sla_facts`: what the engine took from the event's payload when it wrote it, or null (then
  // the stored text is parsed when needed).
  bool moves_clocks(const Event& e, const SlaEventFacts* sla_facts);

  // The store's due times (Store::put_sla_due) of these cases, computed at the command's instant
  // in the command's transaction; a deleted case's are removed. The write frame calls it with
  // the cases whose events may move clocks, just before the commit.
  void store_due(const std::vector<std::int64_t>& case_ids);
  // Every case's due times written again: after an SLA configuration change, and once on a
  // database that had cases before the store kept them (Store::sla_due_incomplete).
  void store_all_due();
  // At open, inside its transaction: completes the due times of a migrated database.
  void complete_stored_due();
  // After commits and syncs: the clocks of these cases follow their changes.
  void refresh(const std::vector<std::int64_t>& case_ids) noexcept;
  // Builds the open clocks now rather than on first use (Options::index_mode eager).
  void warm() { clocks(); }

  CaseSla case_sla(const Actor& by, std::int64_t id);
  std::vector<SlaEvent> tick(const Actor& by, std::optional<Timestamp> at);
  std::vector<SlaDueItem> due(const Actor& by, std::optional<std::int64_t> horizon_seconds, std::int32_t limit);
  std::vector<ComplianceRow> compliance(const Actor& by, CompliancePeriod period, const std::string& time_zone);

 private:
  index::SlaIndex& clocks();  // builds the index first if needed
  // The case's history as far as it is committed: kept, or read from the store and kept.
  // `own`: the running transaction's events of the case (Engine::Impl::own_events).
  SlaHistory committed_history(const Case& c, const std::vector<OwnEvent>& own,
                               const domain::CompiledWorkflow* wf);
  Timestamp clock_now();      // the engine's clock, outside a command's instant
  // The due times the store keeps for case `c`: the clocks the due lists show.
  std::vector<store::Store::SlaDueRow> due_rows(const Case& c, Timestamp at);
  // A case as it is now, from the case cache or else the store (into `loaded`); null once deleted.
  const Case* find_case(std::int64_t id, std::optional<Case>& loaded);
  // An item of the due lists, with the case's number, assignee and team.
  SlaDueItem due_item(std::int64_t case_id, const std::string& clock, const std::string& policy, Timestamp due_at,
                      Timestamp warning_at, bool paused);
  // sla.due / sla.overdue from the store's due times, without building every clock.
  std::vector<SlaDueItem> stored_due(std::optional<std::int64_t> horizon_seconds, std::int32_t limit, Timestamp at);

  Engine::Impl& e_;
  std::unique_ptr<index::SlaIndex> clocks_;
  SlaHistoryCache history_;  // null until first used, or when it must be rebuilt
};

}  // namespace rma
