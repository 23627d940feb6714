// engine/engine_impl.hpp — the engine's private state and its command bodies.
//
// Public Engine methods (engine.cpp) wrap each body in a write or read frame: take the lock,
// catch up with other processes through the event log, run the body (for writes inside one
// store transaction; the case cache follows each change at once and forgets it if the
// transaction rolls back), commit, release the lock, then tell subscribers. Batch runs several
// bodies inside one write frame. Cases are looked up and queried in the store itself.
#pragma once

#include <array>
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
#include "engine/audit_module.hpp"
#include "engine/case_cache.hpp"
#include "engine/fraud_memo.hpp"
#include "engine/customer_tiers.hpp"
#include "events/payloads.hpp"
#include "events/schema.hpp"
#include "engine/config_kinds.hpp"
#include "engine/import_module.hpp"
#include "engine/outbox_module.hpp"
#include "engine/parties_module.hpp"
#include "engine/languages_module.hpp"
#include "engine/privacy_module.hpp"
#include "engine/quality_module.hpp"
#include "engine/report_module.hpp"
#include "engine/sla_module.hpp"
#include "engine/valuation_module.hpp"
#include "engine/warranty_module.hpp"
#include "engine/workflow_module.hpp"
#include "index/unit_registry.hpp"
#include "rma/engine.hpp"
#include "rma/error.hpp"
#include "rma/valuation.hpp"
#include "rma/workflow.hpp"
#include "store/store.hpp"

namespace rma {

struct CaseCommand;

struct Engine::Impl {
  Impl(Options opts, std::unique_ptr<store::Store> s);
  // Fills the unit registry from the store and, with Options::index_mode eager, builds the SLA
  // clocks; Engine::open calls it once.
  void load_at_open();

  Options options;
  std::mutex mu;  // serializes commands; guards everything below except the subscribers
  Clock clock;
  std::unique_ptr<store::Store> store;
  std::int64_t applied_seq = 0;  // the newest event this engine has followed
  CaseCache cache{4096};
  // Staff read a customer's fraud signals on every undecided case of it: computed once, kept
  // until an event changes what they were computed from (engine/fraud_memo.hpp).
  FraudMemo fraud_memo{256};

  // The configuration documents (engine/config_kinds.hpp), each read again when another
  // process configured it or a rollback undid what a command stored.
  std::array<ConfigDocumentState*, 6> documents() {
    return {&warranty.document, &workflow.document, &sla.document,
            &valuation.document, &privacy.document, &languages.document};
  }

  // A denial noted during a command is recorded after its rollback.
  std::optional<Event> pending_denial;
  // A refusal of someone with no claim on the case: counted in the security log after rollback.
  struct Probe {
    std::string actor;
    std::string reason;
    std::int64_t case_id = 0;
  };
  std::optional<Probe> pending_probe;

  PartiesModule parties{*this};
  ImportModule imports{*this};
  WorkflowModule workflow{*this};
  SlaModule sla{*this};
  WarrantyModule warranty{*this};
  ValuationModule valuation{*this};
  OutboxModule outbox{*this};
  PrivacyModule privacy{*this};
  LanguagesModule languages{*this};
  ReportModule reports{*this};
  AuditModule audit{*this};
  QualityModule quality{*this};

  // Collected during a write, applied or delivered after its commit.
  std::vector<Event> tx_events;
  // Positions in tx_events of each case's events: a batch of thousands of commands looks up a
  // case's own events without scanning all of them (SlaModule::facts).
  std::unordered_map<std::int64_t, std::vector<std::size_t>> tx_events_by_case;
  // What the SLA clocks read of each of tx_events (same positions), taken from the payloads as
  // they were written: null for events the clocks do not read.
  std::vector<std::unique_ptr<const SlaEventFacts>> tx_sla_facts;
  // This transaction's events of case `case_id`, oldest first.
  std::vector<OwnEvent> own_events(std::int64_t case_id) const;
  void clear_tx_events();
  std::vector<std::int64_t> tx_touched;  // cases this transaction changed (cached or not)
  std::optional<Timestamp> tx_now;  // one instant per command, so its events agree

  // Registered roles of operator ids, to check an actor's claimed role without a query.
  std::unordered_map<std::string, std::optional<Role>> operator_roles;
  // Tiers of customers whose cases' clocks moved (SlaModule::facts); cleared with operator_roles.
  CustomerTiers customer_tiers;

  std::mutex subscribers_mu;
  struct Subscriber {
    EventHandler handler;
    std::optional<Actor> as;  // none: the host itself, which sees every event whole
  };
  std::map<std::int64_t, std::shared_ptr<Subscriber>> subscribers;
  std::int64_t next_subscription = 1;

  Timestamp now();
  void sync();  // follow other connections' committed events: drop what they changed from caches
  void sync_if_due();  // sync() unless it ran less than options.registry_refresh_ms ago
  std::chrono::steady_clock::time_point last_sync;
  void deliver(const std::vector<Event>& stored);

  // The frame of every write (engine.cpp wraps command bodies in it): begin the transaction and
  // catch up; commit and hand back the events to deliver; or roll back.
  void begin_command();
  std::vector<Event> commit_command();
  void abort_command() noexcept;

  // --- command bodies (inside write() or read()) ---
  void authenticate(const Actor& by);
  // An admin, or the host as system: who may change a configuration (`what`).
  void require_admin(const Actor& by, const char* what);
  // Stores a configuration document an admin gave (its JSON `text`, checked) and records it
  // with `recorded`, the encoding of its kind's event.
  template <class T>
  void configure_document(const Actor& by, ConfigDocument<T>& doc, const std::string& text, T value,
                          events::Payload recorded) {
    doc.put(*store, text, std::move(value), now());
    emit(nullptr, by, std::move(recorded));
  }
  void require_staff(const Actor& by, const char* what);
  // The same on a case: the refusal is counted in the security log, naming the case when the
  // actor has a claim on it.
  void require_staff(const Actor& by, const char* what, std::int64_t case_id);
  // Whether the actor has a claim on the case: staff, its customer, the supplier it names.
  bool related(const Actor& by, const std::string& customer_id, const std::string& supplier_id) const;
  // Who a case belongs to, from the case cache or the store; none for a missing or deleted case.
  std::optional<store::CaseRow> case_row(std::int64_t case_id);
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
  // Persists a changed case (version + 1) and keeps it in the case cache. Its valuation is
  // recomputed unless the case is decided and the command is not the decision itself
  // (`decides`, domain::keeps_valuation).
  void save(Case& c, bool lines_changed, bool decides = false);
  // Refuses (decision_locked, naming `field`) a command that would change what decided case `c`
  // was decided on (domain/decision_lock.hpp).
  void require_undecided(const Case& c, const Actor& by, const std::string& field, const std::string& what);
  void cache_now(const Case& c);
  // The frame of a command that changes one case: authorize, load, the command's rule, save,
  // event, automatic actions (engine/case_command.hpp).
  template <class Rule>
  Case run_case_command(const Actor& by, std::int64_t id, ExpectedVersion expected, const CaseCommand& command,
                        Rule&& rule);

  Case create_case(const Actor& by, const CaseDraft& draft, const Case* split_source = nullptr,
                   std::vector<CaseLine> split_lines = {});
  Case update_case(const Actor& by, std::int64_t id, const CasePatch& patch, ExpectedVersion expected);
  Case add_note(const Actor& by, std::int64_t id, const NoteDraft& note, ExpectedVersion expected);
  Case add_attachment(const Actor& by, std::int64_t id, const AttachmentDraft& a, ExpectedVersion expected);
  Case add_action(const Actor& by, std::int64_t id, const ActionDraft& a, ExpectedVersion expected);
  Case complete_action(const Actor& by, std::int64_t id, std::int64_t action_id, ExpectedVersion expected);
  SplitResult split_case(const Actor& by, std::int64_t id, const SplitRequest& request, ExpectedVersion expected);
  Case visible_case(const Actor& by, std::int64_t id);

  // --- an admin's reopen and delete, repair operations (case_admin_commands.cpp) ---
  Case reopen_case(const Actor& by, std::int64_t id, const std::string& state, const std::string& reason,
                   ExpectedVersion expected);
  void delete_case(const Actor& by, std::int64_t id, const std::string& reason);
  Case add_repair(const Actor& by, std::int64_t id, const RepairOperationDraft& draft, ExpectedVersion expected);
  Case set_repair_status(const Actor& by, std::int64_t id, std::int64_t repair_id, RepairStatus status,
                         ExpectedVersion expected);
  Case replay_case(const Actor& by, std::int64_t id);

  // --- fraud signals for staff reads (fraud_signals.cpp, rma/fraud.hpp) ---
  // The customer's signals now, from its latest live cases and the units it bought.
  FraudSignals fraud_signals(const std::string& customer_id);
  // Puts the customer's raised signals on each line of `c` when `by` is staff and `c` undecided.
  void show_fraud_signals(const Actor& by, Case& c);
  // Forgets the remembered signals that the committed events may have changed.
  void forget_fraud_signals(const std::vector<Event>& committed);
};

}  // namespace rma
