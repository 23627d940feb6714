// store/store.hpp — the durable layer's interface. Only store/ speaks SQL.
//
// The engine drives one transaction per command: begin() … commit() or rollback(). Everything
// written between them (case rows, audit events, outbox messages) commits together or not at
// all. SQLite is the embedded default (sqlite/sqlite_store.hpp); other backends implement the
// same interface in a folder of their own and are chosen by store::open (open.hpp), so nothing
// above store/ may assume SQLite. A backend reports its own failures as rma::Error
// (failure_of below), so nothing above store/ catches a driver's exception type either.
//
// Not thread-safe: the engine serializes calls.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/report_facts.hpp"
#include "rma/store_copy.hpp"
#include "rma/case.hpp"
#include "rma/error.hpp"
#include "rma/event.hpp"
#include "rma/outbox.hpp"
#include "rma/party.hpp"
#include "rma/product.hpp"
#include "rma/query.hpp"
#include "rma/sales.hpp"
#include "rma/security.hpp"
#include "store/audit_chain.hpp"

namespace rma::store {

// A case's list-screen summary plus what permissions need: the supplier it was sent to.
struct CaseRow : CaseSummary {
  std::string supplier_id;
};

// Whose cases a query may return: the confinement of the actor who asks. It is part of the
// query itself (the WHERE clause), so no filter, sort or cursor can reach past it.
struct CaseScope {
  std::string customer_id;  // non-empty: only this customer's cases
  std::string supplier_id;  // non-empty: only the cases sent to this supplier
};

struct IdempotentCase {
  std::int64_t case_id = 0;
  std::string fingerprint;  // of the request that created it
};

class Store {
 public:
  virtual ~Store() = default;

  // The librma error a failure of this backend's driver stands for (Status::storage, reason
  // "busy" when the database stayed locked past Options::busy_timeout_ms), or nullopt when
  // `failure` is not the driver's. The engine asks when a command fails.
  // A failure that undid the whole transaction to resolve a conflict with a concurrent one
  // (PostgreSQL: serialization failure 40001, deadlock 40P01) is Status::conflict with reason
  // kRetryReason: the command may succeed when run again from begin(), and the engine runs it
  // again a bounded number of times before answering with it.
  virtual std::optional<Error> failure_of(const std::exception& failure) const noexcept = 0;
  static constexpr const char* kRetryReason = "serialization";

  // Transactions. begin() takes the write lock at once, so a command sees no other writer.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  // Copies every table, history included, into the empty store at `target` (another backend's
  // location) and verifies it there (rma/store_copy.hpp). Outside any transaction of this store.
  // A backend that cannot be the source of such a copy answers Status::invalid_argument naming
  // "to" and writes nothing.
  virtual StoreCopyReport copy_to(const std::string& target, const StoreCopyOptions& options) = 0;

  // A file beside the store where the engine may keep a cache named `name` (the report columns,
  // engine/report_module.cpp), or "" when the store has no such place (in memory, on a server).
  virtual std::string cache_path(const std::string& name) const = 0;

  // True if another connection committed since the last call (cheap; no table read).
  virtual bool changed_by_others() = 0;
  virtual std::int64_t last_event_seq() = 0;
  // Events after `seq`, oldest first, without their data.
  struct EventRef {
    std::int64_t seq = 0;
    std::int64_t case_id = 0;
    std::string type;
  };
  virtual std::vector<EventRef> events_after(std::int64_t seq) = 0;

  // Parties and catalogue.
  // put_customer stores `privacy_key` with the row when the row has none (a new customer, one
  // stored before keys existed, or one erased), and returns the key the row holds then ("" when
  // it has none: `privacy_key` empty).
  virtual std::string put_customer(const Customer& c, Timestamp now, const std::string& privacy_key) = 0;
  virtual std::optional<Customer> find_customer(const std::string& id) = 0;
  virtual void put_supplier(const Supplier& s, Timestamp now) = 0;
  virtual std::optional<Supplier> find_supplier(const std::string& id) = 0;
  virtual void put_operator(const Operator& o, Timestamp now) = 0;
  virtual std::optional<Operator> find_operator(const std::string& id) = 0;
  virtual void put_product(const Product& p, Timestamp now) = 0;
  virtual std::optional<Product> find_product(const std::string& sku) = 0;

  // Sales and purchase documents; put_* replaces the document and its lines.
  virtual std::optional<SalesDocument> find_sales_document(const std::string& id) = 0;
  // `replaces`: a document of this id is stored, whose lines and serials the new ones replace; a
  // new one (false) has nothing to remove first.
  virtual void put_sales_document(const SalesDocument& d, Timestamp now, bool replaces) = 0;
  virtual std::optional<PurchaseDocument> find_purchase_document(const std::string& id) = 0;
  virtual void put_purchase_document(const PurchaseDocument& d, Timestamp now) = 0;
  // Every stored sales and purchase document, for the in-memory registries.
  virtual void for_each_sales_document(const std::function<void(SalesDocument&&)>& visit) = 0;
  virtual void for_each_purchase_document(const std::function<void(PurchaseDocument&&)>& visit) = 0;
  virtual std::vector<Product> all_products() = 0;

  // Warranty facts about single serials.
  virtual void put_extended_warranty(const ExtendedWarranty& w) = 0;
  virtual std::vector<ExtendedWarranty> all_extended_warranties() = 0;
  virtual void put_replacement(const std::string& serial, const std::string& replaced_serial, Date on,
                               std::int64_t case_id) = 0;
  struct Replacement {
    std::string serial;
    std::string replaced_serial;
    Date on;
    std::int64_t case_id = 0;
  };
  virtual std::vector<Replacement> all_replacements() = 0;
  virtual void put_registration(const std::string& serial, Date on) = 0;
  virtual std::vector<std::pair<std::string, Date>> all_registrations() = 0;

  // The unit registry's look-ups by key (engine/index_loading.hpp), each a B-tree look-up on an
  // index, so that a warranty check reads its serial's rows and never a whole table.
  // The sales documents listing `serial`, each with (at least) the lines that list it.
  virtual std::vector<SalesDocument> sales_lines_by_serial(const std::string& serial) = 0;
  // The sales documents of `customer_id`, each with its lines of `sku` only.
  virtual std::vector<SalesDocument> sales_lines_by_customer(const std::string& customer_id,
                                                             const std::string& sku) = 0;
  // One line under its document; nullopt when the document or the line is unknown.
  virtual std::optional<SalesDocument> find_sales_line(const std::string& document, std::int32_t line_no) = 0;
  // The purchase documents listing `serial`, each with (at least) the lines that list it.
  virtual std::vector<PurchaseDocument> purchase_lines_by_serial(const std::string& serial) = 0;
  virtual std::vector<ExtendedWarranty> extended_warranties_of(const std::string& serial) = 0;
  virtual std::optional<Replacement> find_replacement(const std::string& serial) = 0;  // serial: the new unit
  virtual std::optional<Date> find_registration(const std::string& serial) = 0;

  // Partial returns: the lines on one sales line of the cases opened before `before_case`, with
  // the quantity each values (accepted, else received), the units it claims
  // (domain::claimed_units: the largest of its quantities), its serial and its case's stored
  // valuation. Rejected and deleted cases gave nothing back and are left out. Cases opened
  // earlier own the first units of a sales line: the valuation slices by them and the quantity
  // bound counts them.
  struct EarlierReturn {
    std::int64_t case_id = 0;
    std::int32_t line_no = 0;
    std::int64_t quantity = 0;
    std::string valuation;
    std::int64_t claimed = 0;
    std::string serial;
  };
  virtual std::vector<EarlierReturn> earlier_returns(const std::string& document, std::int32_t line_no,
                                                     std::int64_t before_case) = 0;

  // Configuration documents by key ("warranty").
  virtual std::optional<std::string> get_setting(const std::string& key) = 0;
  virtual void put_setting(const std::string& key, const std::string& value, Timestamp now) = 0;

  // RMA number sequences: the next sequence number for `year`, reserved in this transaction.
  virtual std::int64_t next_sequence(std::int32_t year) = 0;

  // Cases. insert_case assigns c.id and inserts its lines. update_case writes the case row,
  // its valuation if `valuation_changed` (store/valued_event.hpp: otherwise the stored one stays
  // as it is, text or pointer) and, if `lines_changed`, its lines; it returns false and writes
  // nothing if the stored version is not `stored_version`. A backend that sends writes without
  // waiting for them may return true and fail the command later in the same transaction (at
  // the latest in commit()) with Status::conflict naming "version" instead; the command then
  // rolls back as a whole, so the outcome is the same.
  // `privacy_key`: the key the case's personal values are sealed with (events/sealed_values.hpp).
  virtual void insert_case(Case& c, const std::string& idempotency_key, const std::string& fingerprint,
                           const std::string& privacy_key) = 0;
  // `columns`: the case row's columns the command changed (store/case_columns.hpp; kAllCaseColumns
  // when unknown); a backend may write only those.
  virtual bool update_case(const Case& c, std::int64_t stored_version, bool lines_changed, bool valuation_changed,
                           std::uint32_t columns) = 0;
  virtual std::optional<Case> load_case(std::int64_t id) = 0;
  virtual std::optional<std::int64_t> find_case_id(const std::string& number) = 0;
  virtual std::optional<IdempotentCase> find_idempotent_case(const std::string& key) = 0;
  virtual std::optional<CaseRow> load_case_row(std::int64_t id) = 0;
  // Every case that is not deleted, by id.
  virtual std::vector<std::int64_t> case_ids() = 0;
  virtual std::int64_t count_cases() = 0;
  // The cases of `scope` that match `query` (checked by domain/case_query_rules), one page in the
  // query's order with ties broken by id, the cursor of the next page (store/case_cursor.hpp; a
  // cursor that does not fit the query is invalid_argument "cursor") and how many match:
  // exactly, or counted up to Limits::max_counted_total (total_exact false beyond it; the
  // backend says when it reads an exact total instead of counting). `closed_statuses`: the
  // states of category closed, for closed_from / closed_to.
  // `now`: the engine's clock, from which sla_due_within counts.
  virtual CasePage query_cases(const CaseQuery& query, const CaseScope& scope,
                               const std::vector<std::string>& closed_statuses, Timestamp now) = 0;

  // The ids of the live cases of `scope` that match `query`'s filters (its order and paging are
  // not read), ascending: a report's filters that only the store answers (serial, number_prefix,
  // custom_fields, sla_due_within).
  virtual std::vector<std::int64_t> matching_case_ids(const CaseQuery& query, const CaseScope& scope,
                                                      const std::vector<std::string>& closed_statuses,
                                                      Timestamp now) = 0;

  // Reports: what their columns are built from (index/report_index.hpp), each a pass over a
  // table in one read snapshot, in id (or seq) order.
  // Every live case with the report facts of its lines.
  virtual void for_each_case_fact(const std::function<void(const domain::CaseFact&)>& visit) = 0;
  // The valuation text of every live case that has one (valuation_to_json).
  virtual void for_each_case_valuation(const std::function<void(std::int64_t, std::string&&)>& visit) = 0;
  // The custom fields (a JSON object's text) of every live case.
  virtual void for_each_case_custom_fields(const std::function<void(std::int64_t, std::string&&)>& visit) = 0;
  // The events of live cases whose type is one of `types`, data decoded, in seq order.
  virtual void for_each_case_event(const std::vector<std::string>& types,
                                   const std::function<void(Event&&)>& visit) = 0;
  // The external notes of live cases: case, time and author (an actor id), by case.
  virtual void for_each_external_note(
      const std::function<void(std::int64_t, Timestamp, std::string&&)>& visit) = 0;
  // Every line of every sales document, with its document's date and customer.
  virtual void for_each_sold_line(const std::function<void(domain::SoldFact&&)>& visit) = 0;

  // Children of a case; each assigns the id of what it inserts.
  virtual void insert_note(std::int64_t case_id, Note& note) = 0;
  virtual void insert_attachment(std::int64_t case_id, Attachment& attachment) = 0;
  virtual void insert_action(std::int64_t case_id, Action& action) = 0;
  virtual void update_action(std::int64_t case_id, const Action& action) = 0;
  virtual void insert_repair(std::int64_t case_id, RepairOperation& repair) = 0;
  virtual void update_repair(std::int64_t case_id, const RepairOperation& repair) = 0;
  // Hides a case from every look-up and query; its rows and history stay.
  virtual void delete_case(std::int64_t case_id, Timestamp now) = 0;

  // SLA crossings: a clock's warning or breach, once per (case, clock, start, target, kind).
  struct SlaCrossingRow {
    std::int64_t case_id = 0;
    std::string clock;
    Timestamp started_at;
    std::int64_t target_seconds = 0;
    std::string kind;  // "warning" or "breached"
    Timestamp at;
  };
  // False (and nothing written) when the crossing is recorded already, by any engine.
  virtual bool insert_sla_crossing(const SlaCrossingRow& crossing) = 0;
  // Every recorded crossing (case_id 0) or those of one case.
  virtual std::vector<SlaCrossingRow> sla_crossings(std::int64_t case_id) = 0;

  // SLA due times: per case, the clocks the due-time lists show (a running clock, or a paused
  // one that breached before it paused) with their due times, as the engine computed them in
  // the transaction of the command that last changed the case. case.query's sla_due_within and
  // the due lists read them; the store never computes a clock.
  struct SlaDueRow {
    std::int64_t case_id = 0;
    std::string clock;
    Timestamp due_at;
  };
  // Replaces the rows of `case_id` with `rows` (their case_id is ignored); none removes them.
  virtual void put_sla_due(std::int64_t case_id, const std::vector<SlaDueRow>& rows) = 0;
  // Removes every case's rows, before the engine writes them all again (an SLA configuration
  // change), and marks the rows complete.
  virtual void clear_sla_due() = 0;
  // True while the rows must still be computed for every case: a database that had cases before
  // the store kept them, until clear_sla_due() and the engine's rewrite.
  virtual bool sla_due_incomplete() = 0;
  // Rows due after `now` and at most `within_seconds` after it, or, without `within_seconds`,
  // due at or before `now` (overdue); soonest first (ties by case, then clock), at most `limit`.
  virtual std::vector<SlaDueRow> sla_due_rows(Timestamp now, std::optional<std::int64_t> within_seconds,
                                              std::int32_t limit) = 0;

  // Workflow definitions: every stored version, by id; a version never changes once stored.
  virtual void put_workflow(const std::string& id, std::int32_t version, const std::string& definition,
                            Timestamp now) = 0;
  virtual std::optional<std::string> find_workflow(const std::string& id, std::int32_t version) = 0;

  // The security log: one row per actor and reason, its count raised by each refusal.
  virtual void count_refusal(const std::string& actor, const std::string& reason, std::int64_t case_id,
                             Timestamp at) = 0;
  // Rows of one actor (empty: every actor), most recent first.
  virtual std::vector<SecurityLogEntry> security_log(const std::string& actor, std::int32_t limit) = 0;

  // Personal data (docs/privacy.md). A data subject's key ("" when it has none: erased, or a row
  // stored before keys existed) and when its personal data was erased.
  struct PrivacyState {
    std::string key;
    std::optional<Timestamp> erased_at;
  };
  // Of a case, deleted or not; nullopt when there is none.
  virtual std::optional<PrivacyState> case_privacy(std::int64_t case_id) = 0;
  virtual std::optional<PrivacyState> customer_privacy(const std::string& customer_id) = 0;
  // Gives a case that has no key one.
  virtual void put_case_key(std::int64_t case_id, const std::string& key) = 0;
  // Every case of the customer, deleted ones too, by id.
  virtual std::vector<std::int64_t> customer_case_ids(const std::string& customer_id) = 0;
  // The fraud signals' facts (rma/fraud.hpp): the customer's latest `limit` live cases, newest
  // first (an index range), and the units on all its sales lines.
  virtual std::vector<std::int64_t> latest_customer_case_ids(const std::string& customer_id, std::int64_t limit) = 0;
  // The same cases holding only what the signals read, in one query rather than a whole case
  // each: id, customer_id, created_at, and each line's line_no, sku, serial, qty_requested,
  // purchase_date, reason_code and flags (by line_no). Everything else is left empty.
  virtual std::vector<Case> latest_customer_fraud_cases(const std::string& customer_id, std::int64_t limit) = 0;
  virtual std::int64_t customer_units_bought(const std::string& customer_id) = 0;
  // A case as load_case reads it, deleted or not, with when it was deleted.
  struct AnyCase {
    Case c;
    std::optional<Timestamp> deleted_at;
  };
  virtual std::optional<AnyCase> load_any_case(std::int64_t id) = 0;
  // The case's outbox messages, acknowledged or not, by seq.
  virtual std::vector<OutboxMessage> case_messages(std::int64_t case_id) = 0;
  // Overwrites the personal columns of the case (custom fields), its lines (defect
  // descriptions), notes (bodies), attachments (file names, URIs) and outbox messages (payloads)
  // with those of `erased` and `messages` (matched by line number, id, seq), drops its key and
  // sets erased_at. Its version and every other column stay as they are.
  virtual void erase_case(const Case& erased, const std::vector<OutboxMessage>& messages, Timestamp at) = 0;
  // The same for a customer's record.
  virtual void erase_customer(const Customer& erased, Timestamp at) = 0;

  // The audit log. append_event assigns e.seq and chains the event to the one before it
  // (store/audit_chain.hpp); the transaction that brings Options::audit.checkpoint_every events
  // past the last checkpoint writes a signed one when it commits.
  virtual void append_event(Event& e) = 0;
  virtual std::vector<Event> case_events(std::int64_t case_id) = 0;
  // A case's number, deleted cases too; none for an unknown case.
  virtual std::optional<std::string> case_number_of(std::int64_t case_id) = 0;

  // The hash chain as stored (store/audit_chain.hpp, docs/audit.md): what verification reads
  // and what the audit commands sign.
  virtual AuditChain& audit_chain() = 0;
  // The events about no case (case_id 0) whose type is one of `types`, data decoded, by seq.
  virtual std::vector<Event> events_about_no_case(const std::vector<std::string>& types) = 0;
  // A customer record's history: keys the customer.upserted event `seq` (appended in this
  // transaction) by the customer it is about, and reads those of one customer, data decoded, by
  // seq. Keyed apart because the event's data may be a compressed frame that SQL cannot read.
  virtual void key_customer_event(const std::string& customer_id, std::int64_t seq) = 0;
  virtual std::vector<Event> customer_events(const std::string& customer_id) = 0;

  // The ERP outbox.
  virtual void append_message(OutboxMessage& m) = 0;
  virtual std::vector<OutboxMessage> pending_messages(std::int32_t limit) = 0;
  // Marks the given messages acknowledged; returns how many were pending. Unknown seqs are
  // reported by `missing`.
  virtual std::int64_t acknowledge(const std::vector<std::int64_t>& seqs, Timestamp now,
                                   std::vector<std::int64_t>& missing) = 0;
};

}  // namespace rma::store
