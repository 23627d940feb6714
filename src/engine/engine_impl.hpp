// engine/engine_impl.hpp — the engine's private state and its command bodies.
//
// Public Engine methods (engine.cpp) wrap each body in a write or read frame: take the lock,
// catch up with other processes through the event log, run the body (for writes inside one
// store transaction; the index follows each change at once and is restored if the transaction
// rolls back), commit, release the lock, then tell subscribers. Batch runs several bodies inside
// one write frame.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/returnable_units.hpp"
#include "domain/time_zone.hpp"
#include "domain/workflow_rules.hpp"
#include "engine/case_cache.hpp"
#include "events/payloads.hpp"
#include "events/schema.hpp"
#include "index/case_index.hpp"
#include "index/sla_index.hpp"
#include "index/unit_registry.hpp"
#include "rma/engine.hpp"
#include "rma/error.hpp"
#include "rma/valuation.hpp"
#include "rma/workflow.hpp"
#include "store/store.hpp"

namespace rma {

struct Engine::Impl {
  Impl(Options opts, std::unique_ptr<store::Store> s);
  // Fills the index and the unit registry from the store; Engine::open calls it once.
  void load_at_open();

  Options options;
  std::mutex mu;  // serializes commands; guards everything below except the subscribers
  Clock clock;
  std::unique_ptr<store::Store> store;
  index::CaseIndex index;
  std::int64_t applied_seq = 0;  // the newest event reflected in `index`
  bool index_stale = false;      // a rollback could not restore the index: reload it
  CaseCache cache{4096};

  // Warranty: the unit registry and the configuration, reloaded lazily when another process
  // changed them (or a rollback left the registry unsure).
  index::UnitRegistry units;
  bool units_stale = false;
  bool tx_units_touched = false;   // this transaction changed the registry
  bool tx_config_touched = false;  // this transaction changed the warranty configuration
  WarrantyConfig warranty;
  std::optional<domain::TimeZone> time_zone;
  bool warranty_stale = false;
  std::vector<std::pair<std::string, EligibilityValidator>> validators;

  // Workflows: the current configuration (with the stored version of each workflow), reloaded
  // when another process configured them; compiled versions stay cached, as a version never
  // changes once stored. A denial noted during a command is recorded after its rollback.
  WorkflowConfig workflows;
  bool workflows_stored = false;  // the configuration and its versions are in the database
  bool workflows_stale = true;
  bool tx_workflows_touched = false;
  std::map<std::pair<std::string, std::int32_t>, std::shared_ptr<const domain::CompiledWorkflow>> compiled;
  std::vector<std::pair<std::string, WorkflowGuard>> host_guards;
  std::optional<Event> pending_denial;
  // A refusal of someone with no claim on the case: counted in the security log after rollback.
  struct Probe {
    std::string actor;
    std::string reason;
    std::int64_t case_id = 0;
  };
  std::optional<Probe> pending_probe;
  int automatic_depth = 0;

  // SLA: the configuration (reloaded when another process changed it) and the open clocks of
  // every case, built on first use and then kept current after each commit and each sync.
  SlaConfig sla;
  bool sla_stale = true;
  bool tx_sla_touched = false;
  std::unique_ptr<index::SlaIndex> sla_clocks;  // null until first used, or when it must be rebuilt

  // Valuation: the rules (reloaded when another process configured them) and the change of a
  // case's valuation that save() found, recorded by the emit_change that follows it.
  ValuationRules valuation_config;
  bool valuation_stale = true;
  bool tx_valuation_touched = false;
  struct ValuationChange {
    std::int64_t case_id = 0;
    std::int64_t version = 0;
    nlohmann::json data;  // {"changes": {"valuation": {"before", "after"}}} (+ "error")
  };
  std::optional<ValuationChange> pending_valuation;

  // Collected during a write, applied or delivered after its commit.
  std::vector<Event> tx_events;
  std::vector<std::int64_t> tx_touched;  // cases whose index rows this transaction changed
  std::optional<Timestamp> tx_now;  // one instant per command, so its events agree

  // Registered roles of operator ids, to check an actor's claimed role without a query.
  std::unordered_map<std::string, std::optional<Role>> operator_roles;

  std::mutex subscribers_mu;
  struct Subscriber {
    EventHandler handler;
    std::optional<Actor> as;  // none: the host itself, which sees every event whole
  };
  std::map<std::int64_t, std::shared_ptr<Subscriber>> subscribers;
  std::int64_t next_subscription = 1;

  Timestamp now();
  void sync();  // apply other connections' committed events to the index
  void sync_if_due();  // sync() unless it ran less than options.registry_refresh_ms ago
  std::chrono::steady_clock::time_point last_sync;
  void deliver(const std::vector<Event>& events);

  // The frame of every write (engine.cpp wraps command bodies in it): begin the transaction and
  // catch up; commit, update the index and hand back the events to deliver; or roll back.
  void begin_command();
  std::vector<Event> commit_command();
  void abort_command() noexcept;

  // --- command bodies (inside write() or read()) ---
  void authenticate(const Actor& by);
  void require_staff(const Actor& by, const char* what);
  // The same on a case: the refusal is counted in the security log, naming the case when the
  // actor has a claim on it.
  void require_staff(const Actor& by, const char* what, std::int64_t case_id);
  // Whether the actor has a claim on the case: staff, its customer, the supplier it names.
  bool related(const Actor& by, const store::CaseRow& row) const;
  // Notes a refusal to count in the actor's security log once the command has rolled back.
  void note_probe(const Actor& by, const char* reason, std::int64_t case_id);
  // Notes a denial to record in the case's history once the command has rolled back.
  void note_denial(std::int64_t case_id, const std::string& number, const Actor& by, events::Payload payload);
  [[noreturn]] void deny(const Case& c, const Actor& by, Status status, const std::string& field,
                         const std::string& code, const std::string& message);
  // Writes the noted denial and probe in a transaction of its own; the events written (none or one).
  std::vector<Event> record_denial() noexcept;
  // Loads a case the actor may act on; `for_writing` also checks the expected version.
  Case load_for(const Actor& by, std::int64_t case_id, ExpectedVersion expected);
  // Appends the event an encoder of events/payloads.hpp made (the events' own schema).
  void emit(const Case* c, const Actor& by, events::Payload payload);
  // An event that changed the case: it carries the case's new version, so replaying the
  // history knows where each command ended.
  void emit_change(const Case& c, const Actor& by, events::Payload payload);
  // Persists a changed case (version + 1) and records it for the index. Its valuation is
  // recomputed unless the case is decided and the command is not the decision itself
  // (`decides`, domain::keeps_valuation).
  void save(Case& c, bool lines_changed, bool decides = false);
  // Refuses (decision_locked, naming `field`) a command that would change what decided case `c`
  // was decided on (domain/decision_lock.hpp).
  void require_undecided(const Case& c, const Actor& by, const std::string& field, const std::string& what);
  void index_now(const Case& c);

  template <class Record, class Validate, class Find, class Put>
  Record upsert(const Actor& by, const Record& x, const std::string& key, const char* what,
                events::Payload (*encode)(const std::optional<Record>&, const Record&), Validate validate, Find find,
                Put put);
  Customer upsert_customer(const Actor& by, const Customer& x);
  Supplier upsert_supplier(const Actor& by, const Supplier& x);
  Operator upsert_operator(const Actor& by, const Operator& x);
  Product upsert_product(const Actor& by, const Product& x);
  Case create_case(const Actor& by, const CaseDraft& draft, const Case* split_source = nullptr,
                   std::vector<CaseLine> split_lines = {});
  Case update_case(const Actor& by, std::int64_t id, const CasePatch& patch, ExpectedVersion expected);
  Case add_note(const Actor& by, std::int64_t id, const NoteDraft& note, ExpectedVersion expected);
  Case add_attachment(const Actor& by, std::int64_t id, const AttachmentDraft& a, ExpectedVersion expected);
  Case add_action(const Actor& by, std::int64_t id, const ActionDraft& a, ExpectedVersion expected);
  Case complete_action(const Actor& by, std::int64_t id, std::int64_t action_id, ExpectedVersion expected);
  SplitResult split_case(const Actor& by, std::int64_t id, const SplitRequest& request, ExpectedVersion expected);
  Case visible_case(const Actor& by, std::int64_t id);

  // --- warranty (warranty_commands.cpp, import_command.cpp) ---
  static bool changes_units(events::EventType type);
  void load_warranty_config();
  index::UnitRegistry& registry();  // reloads it first if stale
  const WarrantyConfig& warranty_config();
  Date today();
  // Fills the draft's lines from the sold units; returns, per line, whether it names a unit or
  // sales line sold to another customer than the draft's (then nothing of that sale is filled).
  std::vector<bool> fill_from_registry(const Actor& by, CaseDraft& draft);
  void apply_sale_facts(Case& c);
  // The warranty verdict of a line's serial as if it were never sold: for a line that names
  // another customer's unit, whose sale is not this claim's to read.
  WarrantyVerdict verdict_without_sale(const CaseLine& line, Date today, bool proof_of_purchase);
  // Throws out_of_range naming the field when a checked line claims more units of its sales
  // line or serial than were sold minus the claims of earlier cases and of its case's earlier
  // lines (returnable_units.cpp).
  void check_returnable_units(const Case& c, const std::vector<domain::QuantityFields>& checks);
  // What a line's sales line sold and what other lines claimed of it before `line`; of its serial
  // too when the serial is one of the units sold. Empty when the line names no sales line
  // librma knows.
  struct UnitsOfLine {
    domain::SoldUnits on_line;
    std::optional<domain::SoldUnits> of_serial;
  };
  std::optional<UnitsOfLine> units_of_line(const Case& c, const CaseLine& line);
  std::int64_t units_claimed_before(const Case& c, const CaseLine& line);
  // The sale a case line names: its sales line's first unit, else its serial's newest sale; null
  // if none is known.
  const SoldUnit* sale_of(const CaseLine& line);
  // Whether the line names a unit or sales line sold to another customer than the case's: it
  // carries the flag, or the sale it names says so (a line opened before that sale was imported).
  bool names_other_customers_unit(const Case& c, const CaseLine& line);
  WarrantyVerdict verdict_for(const std::string& serial, Date today, const std::vector<std::string>& findings,
                              bool proof_of_purchase, int depth = 0);
  Eligibility eligibility_for(const Case& c, const CaseLine& line, Date today);
  ImportReport import_data(const Actor& by, ImportKind kind, ImportFormat format, std::string_view content,
                           const ImportOptions& options);
  void configure_warranty(const Actor& by, const WarrantyConfig& config);
  void add_extended_warranty(const Actor& by, const ExtendedWarranty& w);
  void register_unit(const Actor& by, const std::string& serial, Date on);
  Case check_case_line(const Actor& by, std::int64_t case_id, std::int32_t line_no, ExpectedVersion expected);
  std::vector<ServiceRecord> service_history(const Actor& by, const std::string& serial);
  void record_replacements(const Actor& by, const Case& before, const Case& after);

  // --- workflows (workflow_commands.cpp) ---
  const WorkflowConfig& workflow_config();
  std::vector<std::string> host_guard_names() const;
  std::shared_ptr<const domain::CompiledWorkflow> compiled_workflow(const std::string& id, std::int32_t version);
  // The case's workflow; a case from before workflows gets the current one for its kind.
  std::shared_ptr<const domain::CompiledWorkflow> workflow_of(Case& c);
  // Chooses the workflow of a new case, puts it in the initial state, assigns it.
  void start_workflow(Case& c, const std::string& customer_tier);
  void store_workflows(const WorkflowConfig& config);
  void configure_workflows(const Actor& by, const WorkflowConfig& config);
  struct Evaluation {
    std::vector<Denial> denials;
    std::vector<GuardResult> guards;
    Status status = Status::ok;  // the code a refusal throws
  };
  Evaluation evaluate(const Case& c, const domain::CompiledWorkflow& wf, const domain::CompiledTransition& t,
                      const Actor& by, const std::vector<domain::CompiledRule>& extra_guards = {});
  GuardResult run_guard(const domain::CompiledRule& guard, const Case& c, const std::string& transition,
                        const Actor& by);
  Case transition_case(const Actor& by, std::int64_t id, const std::string& transition, ExpectedVersion expected);
  void perform_transition(Case& c, const domain::CompiledWorkflow& wf, const domain::CompiledTransition& t,
                          const Actor& by, const Evaluation& ev);
  std::vector<TransitionOption> available_transitions(const Actor& by, std::int64_t id);
  Case reopen_case(const Actor& by, std::int64_t id, const std::string& state, const std::string& reason,
                   ExpectedVersion expected);
  void delete_case(const Actor& by, std::int64_t id, const std::string& reason);
  // Runs the configured automatic actions on a case a command just changed, as system:auto.
  void run_automatic_actions(Case& c);
  Case add_repair(const Actor& by, std::int64_t id, const RepairOperationDraft& draft, ExpectedVersion expected);
  Case set_repair_status(const Actor& by, std::int64_t id, std::int64_t repair_id, RepairStatus status,
                         ExpectedVersion expected);
  Case replay_case(const Actor& by, std::int64_t id);

  // --- valuation (valuation_commands.cpp) ---
  const ValuationRules& valuation_rules();
  void configure_valuation(const Actor& by, const ValuationRules& rules);
  ValuationInput valuation_input(const Case& c);
  // Recomputes the case's valuation into c.valuation; returns the event data of the change, if
  // it changed. A case the rules cannot value (no currency, mixed currencies) has none.
  std::optional<nlohmann::json> revalue(Case& c);
  // Records the case_valued event for a change save() found on this case at its version.
  void record_valuation(const Case& c, const Actor& by);
  void emit_valued(const Case& c, const Actor& by, nlohmann::json data);
  Valuation case_valuation(const Actor& by, std::int64_t id);
  // The payload of an outbox message about the case: from its valuation when it has one.
  nlohmann::json outbox_message_payload(const std::string& topic, const Case& c);
  // The valuation object a decision with resolution `r` settles on (null when the case cannot be
  // valued): the stored one of a decided case keeping its resolution, else `c` valued now with `r`.
  nlohmann::json decision_valuation(const Case& c, Resolution r);
  // The ERP messages a decided case's resolution and valuation call for, except `queued` topics.
  void queue_decision_messages(const Case& c, const Actor& by, const std::vector<std::string>& queued);

  // --- SLA (sla_commands.cpp) ---
  const SlaConfig& sla_config();
  void configure_sla(const Actor& by, const SlaConfig& config);
  SlaFacts sla_facts(const Case& c);
  index::SlaIndex& sla_index();  // builds it first if needed
  void refresh_sla(const std::vector<std::int64_t>& case_ids) noexcept;  // after commits and syncs
  CaseSla case_sla(const Actor& by, std::int64_t id);
  std::vector<SlaEvent> sla_tick(const Actor& by, std::optional<Timestamp> at);
  std::vector<SlaDueItem> sla_due(const Actor& by, std::optional<std::int64_t> horizon_seconds, std::int32_t limit);
  std::vector<ComplianceRow> sla_compliance(const Actor& by, CompliancePeriod period, const std::string& time_zone);
};

}  // namespace rma
