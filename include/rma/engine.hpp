// rma/engine.hpp — the one entry point: commands in, events out.
//
// An Engine owns one store (an SQLite file or ":memory:") and an in-memory index of its cases.
// Every command names its actor, runs in one transaction (new state, audit events and outbox
// messages commit together or not at all) and, after commit, calls the subscribed handlers.
//
// Thread safety: an Engine may be used from several threads at once. Commands are serialized by
// an internal lock; event handlers run after the lock is released, on the calling thread.
// Several Engines (in one or several processes) may open the same file; each one picks up the
// others' changes from the event log before it answers.
//
// Every method throws rma::Error on failure and then has changed nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/actor.hpp"
#include "rma/audit.hpp"
#include "rma/case.hpp"
#include "rma/event.hpp"
#include "rma/import.hpp"
#include "rma/label.hpp"
#include "rma/language.hpp"
#include "rma/store_copy.hpp"
#include "rma/options.hpp"
#include "rma/outbox.hpp"
#include "rma/party.hpp"
#include "rma/privacy.hpp"
#include "rma/product.hpp"
#include "rma/query.hpp"
#include "rma/quality.hpp"
#include "rma/report.hpp"
#include "rma/sales.hpp"
#include "rma/security.hpp"
#include "rma/sla.hpp"
#include "rma/valuation.hpp"
#include "rma/warranty.hpp"
#include "rma/workflow.hpp"

namespace rma {

class Batch;

// Optimistic concurrency: pass the version you read; a newer version on disk is Status::conflict.
using ExpectedVersion = std::optional<std::int64_t>;

struct EngineStats {
  std::int64_t cases = 0;          // live cases in the store
  std::int64_t index_bytes = 0;    // memory held by the engine's case cache (estimate)
  std::int64_t last_event_seq = 0; // the newest event this engine has applied
};

class Engine {
 public:
  // Opens the store at `location`, creating and migrating it if needed. A plain path (or
  // ":memory:") is an SQLite file. A database server location (postgresql://…, or a libpq
  // key/value string) is unknown_value naming "location" until a backend for it is built in.
  // A store that cannot be opened is Status::storage naming "path"; one locked by another
  // process past Options::busy_timeout_ms has reason "busy".
  static Engine open(const std::string& location, const Options& options = Options());

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  // Parties and catalogue: upsert by id (or SKU); get throws not_found.
  Customer upsert_customer(const Actor& by, const Customer& customer);
  Customer get_customer(const Actor& by, const std::string& id);
  Supplier upsert_supplier(const Actor& by, const Supplier& supplier);
  Supplier get_supplier(const Actor& by, const std::string& id);
  Operator upsert_operator(const Actor& by, const Operator& op);
  Operator get_operator(const Actor& by, const std::string& id);
  Product upsert_product(const Actor& by, const Product& product);
  Product get_product(const Actor& by, const std::string& sku);

  // Cases.
  Case create_case(const Actor& by, const CaseDraft& draft);
  Case get_case(const Actor& by, std::int64_t case_id);
  Case get_case_by_number(const Actor& by, std::string_view typed_number);  // forgiving parse
  Case update_case(const Actor& by, std::int64_t case_id, const CasePatch& patch,
                   ExpectedVersion expected = std::nullopt);
  Case add_note(const Actor& by, std::int64_t case_id, const NoteDraft& note,
                ExpectedVersion expected = std::nullopt);
  Case add_attachment(const Actor& by, std::int64_t case_id, const AttachmentDraft& attachment,
                      ExpectedVersion expected = std::nullopt);
  Case add_action(const Actor& by, std::int64_t case_id, const ActionDraft& action,
                  ExpectedVersion expected = std::nullopt);
  Case complete_action(const Actor& by, std::int64_t case_id, std::int64_t action_id,
                       ExpectedVersion expected = std::nullopt);
  SplitResult split_case(const Actor& by, std::int64_t case_id, const SplitRequest& request,
                         ExpectedVersion expected = std::nullopt);

  CasePage query_cases(const Actor& by, const CaseQuery& query);
  std::vector<Event> history(const Actor& by, std::int64_t case_id);
  // The case as its claimant may see it: no internal notes, attachments or fields.
  Case customer_view(const Actor& by, std::int64_t case_id);
  // A return label (rma/label.hpp, docs/labels.md) for the case or one of its lines: staff for
  // any case, a customer for its own (in its view), never a supplier. Writes nothing.
  RenderedLabel render_label(const Actor& by, const LabelRequest& request);

  // The ERP feed: parties, catalogue and documents from JSON Lines or CSV (docs/import.md).
  // Upserts by external id; a batch is atomic unless options.skip_bad_rows. Staff only.
  ImportReport import_run(const Actor& by, ImportKind kind, ImportFormat format, std::string_view content,
                          const ImportOptions& options = ImportOptions());
  // Copies this engine's SQLite database, history included, into the empty PostgreSQL schema at
  // `to` (a location Engine::open accepts) and verifies every table there by row count and
  // content hash before committing (rma/store_copy.hpp, docs/postgresql.md). The copy is of one
  // snapshot: stop the other writers first. Admin only. Errors name "to": invalid_argument when
  // `to` is no PostgreSQL location or this engine's store is not SQLite, conflict when the target
  // holds librma data, storage when it fails or does not verify; nothing is written then.
  StoreCopyReport copy_store(const Actor& by, const std::string& to, const StoreCopyOptions& options = {});

  [[deprecated("use import_run (JSON import.run)")]] ImportReport import_data(
      const Actor& by, ImportKind kind, ImportFormat format, std::string_view content,
      const ImportOptions& options = ImportOptions());
  SalesDocument get_sales_document(const Actor& by, const std::string& id);
  PurchaseDocument get_purchase_document(const Actor& by, const std::string& id);
  // Sold units by serial (several if a serial was sold more than once, newest sale first), by
  // customer and SKU, or by sales document.
  std::vector<SoldUnit> sold_units_by_serial(const Actor& by, const std::string& serial);
  std::vector<SoldUnit> sold_units_by_customer(const Actor& by, const std::string& customer_id,
                                               const std::string& sku);
  std::vector<SoldUnit> sold_units_by_document(const Actor& by, const std::string& document);

  // Warranty rules (docs/warranty.md), stored in the database and shared by every engine on it.
  void configure_warranty(const Actor& by, const WarrantyConfig& config);
  WarrantyConfig warranty_config(const Actor& by);
  void add_extended_warranty(const Actor& by, const ExtendedWarranty& contract);
  // The date the customer registered the unit (warranty policies may start counting there).
  void register_unit(const Actor& by, const std::string& serial, Date registered_on);

  // The warranty verdict on a serial, today in the configured time zone or on `on`. Reads only,
  // from memory: see Options::registry_refresh_ms for how fresh other processes' imports are.
  WarrantyVerdict check_warranty(const Actor& by, const std::string& serial, std::optional<Date> on = std::nullopt);
  // Return eligibility of one case line. Reads only.
  Eligibility check_eligibility(const Actor& by, std::int64_t case_id, std::int32_t line_no);
  // Checks warranty and eligibility of one case line and stores both with the line and in its
  // history.
  Case check_case_line(const Actor& by, std::int64_t case_id, std::int32_t line_no,
                       ExpectedVersion expected = std::nullopt);
  // Host rules run after the built-in validators, in the order added.
  void add_eligibility_validator(const std::string& name, EligibilityValidator validator);
  // Cases, verdicts and replacements of a serial, oldest first.
  std::vector<ServiceRecord> unit_history(const Actor& by, const std::string& serial);
  [[deprecated("use unit_history (JSON unit.history)")]] std::vector<ServiceRecord> service_history(
      const Actor& by, const std::string& serial);

  // Workflows (docs/workflows.md). The configuration is stored in the database and shared by
  // every engine on it; with none, default_workflow_config() applies. Admin (or system) only.
  void configure_workflows(const Actor& by, const WorkflowConfig& config);
  WorkflowConfig workflow_config(const Actor& by);
  // One stored version of a workflow (the one a running case follows, say).
  Workflow workflow(const Actor& by, const std::string& id, std::int32_t version);
  // A host guard, usable in definitions by `name` once added (add it before configuring).
  void add_workflow_guard(const std::string& name, WorkflowGuard guard);
  std::vector<std::string> workflow_guard_names();  // the host guards added so far

  // Runs a transition of the case's workflow: checks the actor's role, the decision lock, the
  // state and the guards; then moves the case, applies the effects, records the transition
  // with its guard results, and runs the automatic actions. A refusal is permission_denied
  // (role, ownership, decision lock) or transition_denied (state, guards), and is recorded in
  // the case history as access.denied or transition.denied.
  Case transition_case(const Actor& by, std::int64_t case_id, const std::string& transition,
                       ExpectedVersion expected = std::nullopt);
  // The transitions leaving the case's status, as `by` would see its buttons: each available or
  // not, and why not.
  std::vector<TransitionOption> case_transitions(const Actor& by, std::int64_t case_id);
  // The same with the labels in language `lang` (a BCP 47 tag; empty: the reader's own,
  // reader_language), the host workflow's own labels first, then the catalogs.
  std::vector<TransitionOption> case_transitions(const Actor& by, std::int64_t case_id, const std::string& lang);
  [[deprecated("use case_transitions (JSON case.transitions)")]] std::vector<TransitionOption>
  available_transitions(const Actor& by, std::int64_t case_id);
  // Admin only: takes a decided or closed case back to a non-final `state`, unlocking its decision.
  Case reopen_case(const Actor& by, std::int64_t case_id, const std::string& state, const std::string& reason,
                   ExpectedVersion expected = std::nullopt);
  // Admin only: hides the case from every look-up and query; its history stays in the database.
  void delete_case(const Actor& by, std::int64_t case_id, const std::string& reason);
  // Repair operations (rma/repair.hpp). Staff add them; staff and the supplier a case was sent
  // to report their status.
  Case add_repair(const Actor& by, std::int64_t case_id, const RepairOperationDraft& repair,
                  ExpectedVersion expected = std::nullopt);
  Case set_repair_status(const Actor& by, std::int64_t case_id, std::int64_t repair_id, RepairStatus status,
                         ExpectedVersion expected = std::nullopt);
  // The case rebuilt from its history alone; equal to get_case for every case (staff only).
  Case replay_case(const Actor& by, std::int64_t case_id);

  // SLA (docs/sla.md). The configuration is stored in the database (admin or system); with none,
  // default_sla_config() applies. Clocks follow the workflow states' SLA effects and the
  // workflow's clock controls, pauses counted in business time.
  void configure_sla(const Actor& by, const SlaConfig& config);
  SlaConfig sla_config(const Actor& by);
  // The case's policy, clocks and expected completion date now (customers: their own cases).
  CaseSla case_sla(const Actor& by, std::int64_t case_id);
  // Records every warning and breach reached by `now` (default: the engine clock) that no engine
  // recorded yet, as events "sla.warning" / "sla.breached", and returns them. Each is recorded
  // once per clock, cycle and target, across restarts and processes. Staff only.
  std::vector<SlaEvent> tick(const Actor& by, std::optional<Timestamp> now = std::nullopt);
  // Open clocks due within `seconds` from now, soonest first; overdue ones, longest overdue first.
  std::vector<SlaDueItem> sla_due(const Actor& by, std::int64_t seconds, std::int32_t limit = 100);
  [[deprecated("use sla_due (JSON sla.due), also in seconds")]] std::vector<SlaDueItem> breaching_within(
      const Actor& by, std::int64_t seconds, std::int32_t limit = 100);
  std::vector<SlaDueItem> overdue(const Actor& by, std::int32_t limit = 100);
  // Met and breached clocks per policy, team, clock and period, by the local date they stopped.
  std::vector<ComplianceRow> sla_compliance(const Actor& by, CompliancePeriod period,
                                            const std::string& time_zone = "UTC");
  // A calendar of the SLA configuration in force, by name, for business-time arithmetic
  // (rma/calendar.hpp). Any actor: opening hours are what a host shows its customers. Throws
  // not_found naming "calendar".
  BusinessCalendar business_calendar(const Actor& by, const std::string& name);
  // Replaces the built-in public holidays (rma/public_holidays.hpp) with a newer document, for
  // the whole process, and returns its version (admin or system only). Not stored: a host loads
  // it again after a restart. Calendars built before keep the rules they were built with.
  std::string load_public_holidays(const Actor& by, std::string_view document);

  // Valuation (docs/valuation.md). The rules are stored in the database (admin or system); with
  // none, the defaults of ValuationRules apply. Each case's valuation is recomputed and stored
  // with it whenever a command changes it (Case::valuation, event "case.valued").
  void configure_valuation(const Actor& by, const ValuationRules& rules);
  ValuationRules valuation_rules(const Actor& by);
  // The case valued now with the rules in force; reads only (staff only).
  Valuation valuation(const Actor& by, std::int64_t case_id);

  // Personal data (docs/privacy.md). The configuration (retention periods per country and case
  // kind, the custom fields that are not personal data) is stored in the database (admin or
  // system); with none, default_privacy_config() applies.
  void configure_privacy(const Actor& by, const PrivacyConfig& config);
  PrivacyConfig privacy_config(const Actor& by);
  // Languages (rma/language.hpp, docs/languages.md). The host's catalog document
  // ({"languages": {"<tag>": {"<key>": "<text>"}}}) adds languages and overrides keys of the
  // built-in catalogs; it is stored in the database (admin or system) and replaced whole by the
  // next one. Checked whole first: a bad document names its path and changes nothing. Records
  // languages.configured.
  void configure_languages(const Actor& by, const std::string& document);
  std::string languages_config(const Actor& by);  // the stored document (staff); {"languages": {}} when none
  Catalogs catalogs(const Actor& by);              // built-in plus the host's, for any actor
  // The language an answer for `by` is in: `requested` (canonical; unknown_value naming "lang"
  // when it is no tag), else a customer's stored language, else "en".
  std::string reader_language(const Actor& by, const std::string& requested = std::string());
  // The label of the case's status in language `lang` (canonical), from its workflow version.
  std::string status_label(const Actor& by, const Case& c, const std::string& lang);

  // Erases the personal data of a case, or of a customer and every case of it, once each case's
  // retention period ended (admin or system only): overwrites it with "[erased]" in the rows
  // and destroys the key it is sealed with in the history, which stays as written. Refused with
  // permission_denied, reason "case_open" or "retention_period" (the message names the first day
  // it may be erased), "admin_only"; conflict "already_erased"; not_found. Records privacy.erased.
  ErasureReport erase_personal_data(const Actor& by, const DataSubject& subject);
  // Everything librma holds about a data subject, as stored (GDPR art. 15 and 20): staff for
  // anyone, a customer for itself (in its view: no internal notes, no deleted cases).
  PersonalDataExport export_personal_data(const Actor& by, const DataSubject& subject);
  // Reports (rma/report.hpp, docs/reports.md): cases, lines, units, money, handling times, SLA
  // and reopen figures, or the return rate, by up to three dimensions with case.query's filters.
  // Staff only, but a customer's own report of its cases. The first report builds columns of
  // every case in memory; later ones read them, after catching up with what changed.
  Report run_report(const Actor& by, const ReportRequest& request);
  // The same report written to options.path as CSV (RFC 4180) or XLSX, row by row with the
  // progress callback; the engine's lock is released while the file is written.
  ReportExportResult export_report(const Actor& by, const ReportRequest& request, const ReportExportOptions& options);
  // Quality alerts (rma/quality.hpp, docs/reports.md): SKUs, lots and suppliers whose return
  // rate or share of one reason rose in the window, by exact tests under a false-discovery-rate
  // bound. Staff only. A new alert is recorded once (quality.alert) unless request.record is
  // false; one raised before comes back with its record.
  QualityScanResult quality_scan(const Actor& by, const QualityScanRequest& request);
  // Records that staff saw an alert (quality.acknowledged); not_found for an id never raised.
  QualityAcknowledgment quality_acknowledge(const Actor& by, const std::string& id, const std::string& note = "");

  // The ERP outbox. outbox_post lets the host (or later rules) queue its own messages.
  OutboxMessage outbox_post(const Actor& by, std::int64_t case_id, const std::string& topic,
                            const std::string& payload_json);
  std::vector<OutboxMessage> outbox_fetch(const Actor& by, std::int32_t limit = 100);
  std::int64_t outbox_ack(const Actor& by, const std::vector<std::int64_t>& seqs);
  [[deprecated("use outbox_post (JSON outbox.post)")]] OutboxMessage post_message(
      const Actor& by, std::int64_t case_id, const std::string& topic, const std::string& payload_json);
  [[deprecated("use outbox_fetch (JSON outbox.fetch)")]] std::vector<OutboxMessage> pending_messages(
      const Actor& by, std::int32_t limit = 100);
  [[deprecated("use outbox_ack (JSON outbox.ack)")]] std::int64_t acknowledge_messages(
      const Actor& by, const std::vector<std::int64_t>& seqs);

  // Runs `body` in one transaction: every command on the Batch commits together or, if one
  // throws, none does. Handlers see the events after the commit. When the database undoes the
  // transaction to resolve a conflict with another server's (PostgreSQL: a serialization failure
  // or a deadlock), the whole batch runs again, `body` included, up to three times in all; so
  // `body` starts its own results afresh and has no effect outside librma that must not repeat.
  void batch(const Actor& by, const std::function<void(Batch&)>& body);

  // Handlers run after each commit with its events, in seq order. The host's own subscription
  // sees every event whole; one made for an actor (a customer's portal session, a supplier's)
  // sees only the events of that actor's cases, of the types and members its view allows
  // (docs/json.md, "What each role sees").
  std::int64_t subscribe(EventHandler handler);
  std::int64_t subscribe(const Actor& as, EventHandler handler);
  void unsubscribe(std::int64_t subscription);

  // The security log (staff only): refusals of actors with no claim on what they asked for,
  // counted per actor and reason, most recent first; only `actor`'s when it is not empty.
  std::vector<SecurityLogEntry> security_log(const Actor& by, const std::string& actor = std::string(),
                                             std::int32_t limit = 100);

  // The tamper-evident history (rma/audit.hpp, docs/audit.md). verify_audit (staff) walks the
  // hash chain from options.from_seq in seq order, one event in memory at a time, and checks
  // every link and every checkpoint; it names the first place where the stored history is not
  // what was chained and signed. Pass the public keys an auditor kept (trusted_keys) to tell a
  // re-signed history from the real one.
  AuditReport verify_audit(const Actor& by, const AuditVerifyOptions& options = {});
  // Signs a checkpoint of the last event now (admin, or the host as system); the one stored at
  // that seq already if there is one. not_found when the history is empty.
  AuditCheckpoint audit_checkpoint(const Actor& by);
  // The public key (hex) checkpoints are signed with (staff): the host's (Options::audit), or the
  // one librma generated and stored — the first call generates it if no checkpoint has yet.
  std::string audit_public_key(const Actor& by);
  // One page of the stored chain from `from_seq`: at most `limit` (1 to 10,000) events, fewer
  // when their JSON would pass Limits::max_response_bytes, with the checkpoints among them (staff).
  AuditExportPage export_audit(const Actor& by, std::int64_t from_seq = 1, std::int32_t limit = 1000);

  // Counts a refusal the host made itself (a front door that turned the actor away before
  // librma ran anything) in the security log, in a transaction of its own.
  void record_refusal(const Actor& by, const std::string& reason);

  void set_clock(Clock clock);  // empty: the system clock
  EngineStats stats();
  const Options& options() const;

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::int64_t subscribe_as(std::optional<Actor> as, EventHandler handler);
  std::unique_ptr<Impl> impl_;
};

// The write commands of an Engine, inside one transaction opened by Engine::batch (the ops the
// JSON API's table marks `batch`). Valid only during that call and on its thread.
class Batch {
 public:
  Customer upsert_customer(const Customer& customer);
  Supplier upsert_supplier(const Supplier& supplier);
  Operator upsert_operator(const Operator& op);
  Product upsert_product(const Product& product);
  Case create_case(const CaseDraft& draft);
  Case update_case(std::int64_t case_id, const CasePatch& patch, ExpectedVersion expected = std::nullopt);
  Case add_note(std::int64_t case_id, const NoteDraft& note, ExpectedVersion expected = std::nullopt);
  Case add_attachment(std::int64_t case_id, const AttachmentDraft& attachment,
                      ExpectedVersion expected = std::nullopt);
  Case add_action(std::int64_t case_id, const ActionDraft& action, ExpectedVersion expected = std::nullopt);
  Case complete_action(std::int64_t case_id, std::int64_t action_id, ExpectedVersion expected = std::nullopt);
  SplitResult split_case(std::int64_t case_id, const SplitRequest& request, ExpectedVersion expected = std::nullopt);
  void add_extended_warranty(const ExtendedWarranty& contract);
  void register_unit(const std::string& serial, Date registered_on);
  Case check_case_line(std::int64_t case_id, std::int32_t line_no, ExpectedVersion expected = std::nullopt);
  Case transition_case(std::int64_t case_id, const std::string& transition, ExpectedVersion expected = std::nullopt);
  Case reopen_case(std::int64_t case_id, const std::string& state, const std::string& reason,
                   ExpectedVersion expected = std::nullopt);
  void delete_case(std::int64_t case_id, const std::string& reason);
  Case add_repair(std::int64_t case_id, const RepairOperationDraft& repair, ExpectedVersion expected = std::nullopt);
  Case set_repair_status(std::int64_t case_id, std::int64_t repair_id, RepairStatus status,
                         ExpectedVersion expected = std::nullopt);

 private:
  friend class Engine;
  Batch(Engine::Impl& impl, const Actor& by) : impl_(impl), by_(by) {}
  Engine::Impl& impl_;
  const Actor& by_;
};

}  // namespace rma
