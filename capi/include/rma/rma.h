/* rma.h — the C ABI of librma (C99). This header is the specification; docs/c-api.md explains it
 * with examples and docs/json.md gives every JSON shape.
 *
 * Rules
 * - Handles are opaque: an rma_engine is only ever seen through a pointer.
 * - Every call returns rma_status (RMA_OK is 0), except the version, name, last-error and free
 *   helpers, which cannot fail. A failed call has changed nothing.
 * - Failure details: rma_last_error() and rma_last_error_field() describe the last failure on the
 *   calling thread. They are never NULL, and a successful call does not clear them, so detect
 *   failure from the return code and read the text only after a call returned non-zero.
 * - A char** out value belongs to the caller: release it with rma_free(), never with the host's
 *   free(). It is set to NULL before the call does any work, so rma_free may always be called.
 * - A returned const char* is borrowed: do not free it (each function says how long it lives).
 * - Input strings are NUL-terminated UTF-8, copied during the call and never kept.
 * - Structured data goes in and out as JSON text (docs/json.md). Status codes are fixed numbers:
 *   new ones are added at the end, none is ever renumbered.
 * - Threads: one rma_engine may be used from several threads at once; its commands run one at a
 *   time inside it. rma_engine_close must be the handle's last call, made when no other thread is
 *   using it. Several engines, in one or several processes, may open the same database file.
 * - Callbacks receive the void* user_data given with them; the engine does not touch it. Event
 *   callbacks run after the commit, on the thread that ran the command, outside the engine's lock
 *   (they may call the engine). The clock, import progress and eligibility validator callbacks
 *   run inside it (they must not).
 */
#ifndef RMA_RMA_H
#define RMA_RMA_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define RMA_API __attribute__((visibility("default")))
#else
#define RMA_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Versions ---------------------------------------------------------------------------------
 * The macros say what you compiled against, the functions what you run with: a host that loads
 * librma dynamically should check rma_abi_version() == RMA_ABI_VERSION. */
#define RMA_VERSION_MAJOR 0
#define RMA_VERSION_MINOR 1
#define RMA_VERSION_PATCH 0
#define RMA_VERSION_NUMBER (RMA_VERSION_MAJOR * 10000 + RMA_VERSION_MINOR * 100 + RMA_VERSION_PATCH)
/* Changes only when a signature or a documented behaviour changes incompatibly. */
#define RMA_ABI_VERSION 1

RMA_API uint32_t rma_version_number(void); /* RMA_VERSION_NUMBER of the library */
RMA_API const char *rma_version(void);     /* "0.1.0"; static, never freed */
RMA_API uint32_t rma_abi_version(void);    /* RMA_ABI_VERSION of the library */

/* ---- Status codes -------------------------------------------------------------------------- */
typedef int32_t rma_status;
#define RMA_OK 0
#define RMA_E_INVALID_ARGUMENT 1  /* a wrong argument no finer code describes (NULL, bad actor) */
#define RMA_E_NOT_FOUND 2         /* the case, party, action, message or subscription is unknown */
#define RMA_E_CONFLICT 3          /* stale version, or an idempotency key reused differently */
#define RMA_E_TRANSITION_DENIED 4 /* the workflow does not allow this move */
#define RMA_E_PERMISSION_DENIED 5 /* the actor's role or ownership forbids the command */
#define RMA_E_MALFORMED_JSON 6    /* request text is not JSON (or repeats a key) */
#define RMA_E_MISSING_FIELD 7     /* a required field is absent */
#define RMA_E_WRONG_TYPE 8        /* a field (or the request) has the wrong JSON type */
#define RMA_E_UNKNOWN_VALUE 9     /* an unknown enum value, field name or op */
#define RMA_E_OUT_OF_RANGE 10     /* a number or date outside its range (zero quantity) */
#define RMA_E_TOO_LARGE 11        /* a request or string over its limit, or too deeply nested */
#define RMA_E_INVALID_UTF8 12     /* a string is not valid UTF-8 */
#define RMA_E_DUPLICATE 13        /* the thing being created exists already */
#define RMA_E_STORAGE 14          /* the database failed (I/O, corruption, busy past the timeout) */
#define RMA_E_NO_MEMORY 15        /* allocation failed */
#define RMA_E_INTERNAL 16         /* a bug in librma; please report it */

/* Lower-case name of a code ("not_found"), "unknown" for other values. Static, never freed. */
RMA_API const char *rma_status_name(rma_status status);

/* The last failure on this thread: "field: message", or "" if no call has failed on it yet.
 * Borrowed; valid until the next failing call on this thread. Never NULL. */
RMA_API const char *rma_last_error(void);
/* The input field the last failure on this thread blames, as a JSON-like path
 * ("lines[0].quantity", "case_id", or a parameter name such as "out_json"); "" when no single
 * field is to blame. Borrowed; valid until the next failing call on this thread. Never NULL. */
RMA_API const char *rma_last_error_field(void);
/* Why the last failure on this thread was refused, as a stable code that tells refusals of one
 * status apart: for RMA_E_PERMISSION_DENIED "role_not_allowed", "not_own_case",
 * "decision_locked", "admin_only", "internal_only_staff", …; for RMA_E_TRANSITION_DENIED
 * "not_in_state", "nothing_to_refund" or the name of the guard that failed (docs/workflows.md
 * lists them). "" for other failures. Borrowed; valid until the next failing call on this
 * thread. Never NULL. */
RMA_API const char *rma_last_error_reason(void);

/* Releases a string librma returned through a char** out parameter. NULL is a no-op. */
RMA_API void rma_free(void *p);

/* ---- Engine -----------------------------------------------------------------------------------
 * path: an SQLite file (created if missing) or ":memory:". options_json: NULL or a JSON object
 * ("options" in docs/json.md). On success *out_engine is a new handle for rma_engine_close. */
typedef struct rma_engine rma_engine;

RMA_API rma_status rma_engine_open(const char *path, const char *options_json,
                                   rma_engine **out_engine);
/* Closes the database and frees the handle. NULL is a no-op. */
RMA_API void rma_engine_close(rma_engine *engine);

/* Returns the current time in microseconds since 1970-01-01T00:00:00Z (UTC). Called inside the
 * engine's lock: it must not call the engine. */
typedef int64_t (*rma_clock_fn)(void *user_data);
/* Makes the engine read time from fn (tests, replays); fn NULL restores the system clock.
 * user_data must stay valid until the clock is replaced or the engine closed. */
RMA_API rma_status rma_engine_set_clock(rma_engine *engine, rma_clock_fn fn, void *user_data);

/* Receives one committed event as a JSON object of len bytes (event_json is also NUL-terminated;
 * borrowed for the duration of the call). Runs after the commit, on the thread that ran the
 * command, once per event in seq order. Return 0: other values are reserved, and the data is
 * committed whatever the callback returns. */
typedef int32_t (*rma_event_fn)(void *user_data, const char *event_json, size_t len);
/* user_data must stay valid until the subscription ends. Commands that start after
 * rma_engine_unsubscribe returns do not call fn; one already delivering its events on another
 * thread may still do so, so a multi-threaded host frees user_data only once those are done
 * (or after rma_engine_close). Unsubscribing an unknown subscription is RMA_E_NOT_FOUND. */
RMA_API rma_status rma_engine_subscribe(rma_engine *engine, rma_event_fn fn, void *user_data,
                                        int64_t *out_subscription);
/* The same for one actor ("customer:C1", a shop's portal session; "supplier:S1"): fn receives
 * only the events of that actor's own cases, of the types and members its view allows
 * (docs/json.md, "What each role sees"); staff actors receive every event whole. */
RMA_API rma_status rma_engine_subscribe_as(rma_engine *engine, const char *actor, rma_event_fn fn,
                                           void *user_data, int64_t *out_subscription);
RMA_API rma_status rma_engine_unsubscribe(rma_engine *engine, int64_t subscription);

/* ---- Commands ---------------------------------------------------------------------------------
 * actor: "role:id" with role admin|operator|customer|supplier|system ("operator:anna").
 * request_json: a JSON object; NULL is read as "{}" (enough for ops with no required field).
 * On success *out_json (*out_response_json) is the response document, to release with rma_free.
 *
 * The generic door: op is any op of docs/json.md ("case.create", "batch", ...). */
RMA_API rma_status rma_engine_call(rma_engine *engine, const char *actor, const char *op,
                                   const char *request_json, char **out_response_json);

/* One function per op: rma_engine_call with the op named in its comment (shapes: docs/json.md). */

/* "customer.upsert": Customer -> Customer (insert or replace by id) */
RMA_API rma_status rma_customer_upsert(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "customer.get": {"id"} -> Customer */
RMA_API rma_status rma_customer_get(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);
/* "supplier.upsert": Supplier -> Supplier */
RMA_API rma_status rma_supplier_upsert(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "supplier.get": {"id"} -> Supplier */
RMA_API rma_status rma_supplier_get(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);
/* "operator.upsert": Operator -> Operator */
RMA_API rma_status rma_operator_upsert(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "operator.get": {"id"} -> Operator */
RMA_API rma_status rma_operator_get(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);
/* "product.upsert": Product -> Product (by sku) */
RMA_API rma_status rma_product_upsert(rma_engine *engine, const char *actor,
                                      const char *request_json, char **out_json);
/* "product.get": {"sku"} -> Product */
RMA_API rma_status rma_product_get(rma_engine *engine, const char *actor,
                                   const char *request_json, char **out_json);

/* "case.create": CaseDraft (+ "idempotency_key") -> Case */
RMA_API rma_status rma_case_create(rma_engine *engine, const char *actor,
                                   const char *request_json, char **out_json);
/* "case.get": {"case_id"} or {"number": as typed} -> Case */
RMA_API rma_status rma_case_get(rma_engine *engine, const char *actor,
                                const char *request_json, char **out_json);
/* "case.update": {"case_id", "version"?, "changes": CasePatch} -> Case */
RMA_API rma_status rma_case_update(rma_engine *engine, const char *actor,
                                   const char *request_json, char **out_json);
/* "case.add_note": {"case_id", "version"?, "channel", "body"} -> Case */
RMA_API rma_status rma_case_add_note(rma_engine *engine, const char *actor,
                                     const char *request_json, char **out_json);
/* "case.add_attachment": {"case_id", "version"?, "file_name", "media_type",
   "size_bytes", "sha256", "uri", "visibility"} -> Case */
RMA_API rma_status rma_case_add_attachment(rma_engine *engine, const char *actor,
                                           const char *request_json, char **out_json);
/* "case.add_action": {"case_id", "version"?, "title", "assignee", "due_at"} -> Case */
RMA_API rma_status rma_case_add_action(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "case.complete_action": {"case_id", "version"?, "action_id"} -> Case */
RMA_API rma_status rma_case_complete_action(rma_engine *engine, const char *actor,
                                            const char *request_json, char **out_json);
/* "case.split": {"case_id", "version"?, "lines": [{"line_no", "quantity"}]}
   -> {"original": Case, "created": Case} */
RMA_API rma_status rma_case_split(rma_engine *engine, const char *actor,
                                  const char *request_json, char **out_json);
/* "case.query": CaseQuery -> {"items": [CaseSummary], "total"} */
RMA_API rma_status rma_case_query(rma_engine *engine, const char *actor,
                                  const char *request_json, char **out_json);
/* "case.history": {"case_id"} -> {"events": [Event]} */
RMA_API rma_status rma_case_history(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);
/* "case.customer_view": {"case_id"} -> Case without internal notes, attachments, fields */
RMA_API rma_status rma_case_customer_view(rma_engine *engine, const char *actor,
                                          const char *request_json, char **out_json);

/* "outbox.post": {"case_id", "topic", "payload": {...}} -> OutboxMessage */
RMA_API rma_status rma_outbox_post(rma_engine *engine, const char *actor,
                                   const char *request_json, char **out_json);
/* "outbox.fetch": {"limit"?} -> {"messages": [OutboxMessage]} (unacknowledged, in order) */
RMA_API rma_status rma_outbox_fetch(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);
/* "outbox.ack": {"seqs": [seq...]} -> {"acknowledged": n} */
RMA_API rma_status rma_outbox_ack(rma_engine *engine, const char *actor,
                                  const char *request_json, char **out_json);

/* "number.parse": {"number": as typed} -> {"canonical", "year", "sequence"}; an invalid
   number is RMA_E_NOT_FOUND */
RMA_API rma_status rma_number_parse(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);
/* "engine.stats": {} -> {"cases", "index_bytes", "last_event_seq"} */
RMA_API rma_status rma_engine_stats(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);
/* "batch": {"commands": [{"op", "request"}]} -> {"results": [...]}: write ops only, all
   commit in one transaction or none does */
RMA_API rma_status rma_engine_batch(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);

/* ---- Sales documents and sold units ----------------------------------------------------------
 * What the ERP feed brought in (rma_import_run below). Reads only. */

/* "sales_document.get": {"id"} -> SalesDocument */
RMA_API rma_status rma_sales_document_get(rma_engine *engine, const char *actor,
                                          const char *request_json, char **out_json);
/* "purchase_document.get": {"id"} -> PurchaseDocument */
RMA_API rma_status rma_purchase_document_get(rma_engine *engine, const char *actor,
                                             const char *request_json, char **out_json);
/* "sold_units.by_serial": {"serial"} -> {"units": [SoldUnit]} (newest sale first) */
RMA_API rma_status rma_sold_units_by_serial(rma_engine *engine, const char *actor,
                                            const char *request_json, char **out_json);
/* "sold_units.by_customer": {"customer_id", "sku"} -> {"units": [SoldUnit]} */
RMA_API rma_status rma_sold_units_by_customer(rma_engine *engine, const char *actor,
                                              const char *request_json, char **out_json);
/* "sold_units.by_document": {"document"} -> {"units": [SoldUnit]} */
RMA_API rma_status rma_sold_units_by_document(rma_engine *engine, const char *actor,
                                              const char *request_json, char **out_json);

/* ---- Warranty -------------------------------------------------------------------------------- */

/* "warranty.configure": the warranty config document -> the config as stored (admin only) */
RMA_API rma_status rma_warranty_configure(rma_engine *engine, const char *actor,
                                          const char *request_json, char **out_json);
/* "warranty.config": {} -> the warranty config document in force */
RMA_API rma_status rma_warranty_config(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "warranty.add_extended": {"serial", "contract", "start", "end", "coverage"} -> {} */
RMA_API rma_status rma_warranty_add_extended(rma_engine *engine, const char *actor,
                                             const char *request_json, char **out_json);
/* "unit.register": {"serial", "registered_on"} -> {} */
RMA_API rma_status rma_unit_register(rma_engine *engine, const char *actor,
                                     const char *request_json, char **out_json);
/* "warranty.check": {"serial", "on"?: "YYYY-MM-DD"} -> WarrantyVerdict (reads only) */
RMA_API rma_status rma_warranty_check(rma_engine *engine, const char *actor,
                                      const char *request_json, char **out_json);
/* "case.check_eligibility": {"case_id", "line_no"} -> Eligibility (reads only) */
RMA_API rma_status rma_case_check_eligibility(rma_engine *engine, const char *actor,
                                              const char *request_json, char **out_json);
/* "case.check_line": {"case_id", "line_no", "version"?} -> Case, the line carrying its
   "warranty" verdict and "eligibility", both also recorded in the case history */
RMA_API rma_status rma_case_check_line(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "unit.history": {"serial"} -> {"records": [ServiceRecord]} (oldest first) */
RMA_API rma_status rma_unit_history(rma_engine *engine, const char *actor,
                                    const char *request_json, char **out_json);

/* ---- Workflows (docs/workflows.md) -------------------------------------------------------------
 * "workflow.configure": the configuration document itself -> the stored document, each workflow
 * with its "version" (admin or system only) */
RMA_API rma_status rma_workflow_configure(rma_engine *engine, const char *actor,
                                          const char *request_json, char **out_json);
/* "workflow.config": {} -> the configuration in force (the defaults until one is configured) */
RMA_API rma_status rma_workflow_config(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "workflow.get": {"id", "version"} -> one stored workflow version */
RMA_API rma_status rma_workflow_get(rma_engine *engine, const char *actor, const char *request_json,
                                    char **out_json);
/* "case.transition": {"case_id", "transition", "version"?} -> Case. A refusal is
   RMA_E_PERMISSION_DENIED (role, ownership, decided case) or RMA_E_TRANSITION_DENIED (state,
   guards), recorded in the case history as "access.denied" / "transition.denied" */
RMA_API rma_status rma_case_transition(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "case.transitions": {"case_id"} -> {"transitions": [{"name", "label", "to", "available",
   "denials": [{"kind": "permission"|"guard"|"state", "code", "message"}]}]}: the transitions
   leaving the case's status, as this actor would see its buttons */
RMA_API rma_status rma_case_transitions(rma_engine *engine, const char *actor,
                                        const char *request_json, char **out_json);
/* "case.reopen": {"case_id", "state", "reason", "version"?} -> Case (admin only) */
RMA_API rma_status rma_case_reopen(rma_engine *engine, const char *actor, const char *request_json,
                                   char **out_json);
/* "case.delete": {"case_id", "reason"} -> {} (admin only; the history stays) */
RMA_API rma_status rma_case_delete(rma_engine *engine, const char *actor, const char *request_json,
                                   char **out_json);
/* "case.add_repair": {"case_id", "version"?, "line_no"?, "code", "description"?, "labour_class"?,
   "minutes"?, "parts"?: [{"sku", "quantity", "unit_cost", "currency"}], "paid"?} -> Case */
RMA_API rma_status rma_case_add_repair(rma_engine *engine, const char *actor,
                                       const char *request_json, char **out_json);
/* "case.set_repair_status": {"case_id", "repair_id", "status": "planned"|"in_progress"|"done"|
   "cancelled", "version"?} -> Case */
RMA_API rma_status rma_case_set_repair_status(rma_engine *engine, const char *actor,
                                              const char *request_json, char **out_json);
/* "case.replay": {"case_id"} -> the Case rebuilt from its history alone (staff only) */
RMA_API rma_status rma_case_replay(rma_engine *engine, const char *actor, const char *request_json,
                                   char **out_json);

/* ---- SLA (docs/sla.md) ------------------------------------------------------------------------
 * "sla.configure": the SLA document itself (calendars and policies) -> the stored document (admin
 * or system only). "sla.config": {} -> the document in force (the defaults until one is stored). */
RMA_API rma_status rma_sla_configure(rma_engine *engine, const char *actor, const char *request_json,
                                     char **out_json);
RMA_API rma_status rma_sla_config(rma_engine *engine, const char *actor, const char *request_json,
                                  char **out_json);
/* "sla.case": {"case_id"} -> {"policy", "clocks": [ClockStatus], "expected_completion"} */
RMA_API rma_status rma_sla_case(rma_engine *engine, const char *actor, const char *request_json,
                                char **out_json);
/* "sla.tick": {"now"?} -> {"events": [{"case_id", "case_number", "clock", "kind": "warning"|
   "breached", "at", "policy", "started_at", "target_seconds"}]}: the warnings and breaches reached
   by now that no engine recorded yet, each recorded once as event "sla.warning"/"sla.breached".
   Call it periodically (staff or system). */
RMA_API rma_status rma_sla_tick(rma_engine *engine, const char *actor, const char *request_json,
                                char **out_json);
/* "sla.due": {"hours", "limit"?} -> {"items": [{"case_id", "case_number", "clock", "policy",
   "due_at", "warning_at", "paused", "assignee", "team"}]}: open clocks due within the next hours,
   soonest first. "sla.overdue": {"limit"?} -> the same list for clocks already due, longest
   overdue first. */
RMA_API rma_status rma_sla_due(rma_engine *engine, const char *actor, const char *request_json,
                               char **out_json);
RMA_API rma_status rma_sla_overdue(rma_engine *engine, const char *actor, const char *request_json,
                                   char **out_json);
/* "sla.compliance": {"period"?: "day"|"week"|"month", "time_zone"?} -> {"rows": [{"policy",
   "team", "clock", "period", "met", "breached", "percent_met"}]} */
RMA_API rma_status rma_sla_compliance(rma_engine *engine, const char *actor, const char *request_json,
                                      char **out_json);

/* ---- Business-time arithmetic (docs/calendars.md) ---------------------------------------------
 * "calendar" is the name of a calendar in the SLA configuration ("office") or a calendar document
 * itself, whose errors are named "calendar.<path>". Any actor.
 * "calendar.add": {"calendar", "at", "seconds"} -> {"at"}: the instant `seconds` of business time
 *   after "at" ("at" itself for 0).
 * "calendar.between": {"calendar", "from", "to"} -> {"seconds"}: business seconds in [from, to),
 *   negative when to is before from.
 * "calendar.next_open": {"calendar", "at"} -> {"at"}: "at" when open, else the next opening. */
RMA_API rma_status rma_calendar_add(rma_engine *engine, const char *actor, const char *request_json,
                                    char **out_json);
RMA_API rma_status rma_calendar_between(rma_engine *engine, const char *actor, const char *request_json,
                                        char **out_json);
RMA_API rma_status rma_calendar_next_open(rma_engine *engine, const char *actor, const char *request_json,
                                          char **out_json);

/* ---- Public holidays (docs/calendars.md) ------------------------------------------------------
 * "holidays.load": a holiday document in the format of data/holidays.json -> {"version"}: replaces
 *   the built-in public holidays for the whole process (admin or system only; not stored; errors
 *   name the JSON path). Calendars built before keep the rules they were built with.
 * "holidays.list": {"country", "subdivision" (optional), "year"} -> {"version", "country",
 *   "subdivision", "year", "holidays": [{"date", "name", "substitute"}]}; {} -> {"version",
 *   "regions": [{"country", "subdivision", "name"}]}. Any actor; an unknown code is unknown_value
 *   "country" or "subdivision". */
RMA_API rma_status rma_holidays_load(rma_engine *engine, const char *actor, const char *request_json,
                                     char **out_json);
RMA_API rma_status rma_holidays_list(rma_engine *engine, const char *actor, const char *request_json,
                                     char **out_json);

/* ---- Valuation (docs/valuation.md) ------------------------------------------------------------
 * "valuation.configure": the rules document itself -> the stored document (admin or system only;
 * errors name the JSON path). "valuation.rules": {} -> the rules in force (the defaults, {} with
 * every member written out, until some are stored). "case.valuation": {"case_id"} -> {"breakdown":
 * [{"line_no", "code", "label", "base", "rate_bp", "amount"}], "totals": [{"currency", "refund",
 * ...}]}: the case valued now with the rules in force, read only (staff). Each case also carries
 * its stored valuation in the Case member "valuation". */
RMA_API rma_status rma_valuation_configure(rma_engine *engine, const char *actor, const char *request_json,
                                           char **out_json);
RMA_API rma_status rma_valuation_rules(rma_engine *engine, const char *actor, const char *request_json,
                                       char **out_json);
/* security.log (staff): refusals counted per actor and reason. */
RMA_API rma_status rma_security_log(rma_engine *engine, const char *actor, const char *request_json,
                                    char **out_json);
RMA_API rma_status rma_case_valuation(rma_engine *engine, const char *actor, const char *request_json,
                                      char **out_json);

/* ---- Personal data (docs/privacy.md) ----------------------------------------------------------
 * "privacy.configure": the configuration document itself ({"default_retention": {"months" or
 *   "years", "basis"}, "retention": [{"country", "kind", "months" or "years", "basis"}],
 *   "kept_custom_fields": [...]}) -> the stored document (admin or system only; errors name the
 *   JSON path). "privacy.config": {} -> the configuration in force (staff).
 * "privacy.erase": {"case_id"} or {"customer_id"} -> {"subject", "erased_at", "cases": [{"case_id",
 *   "number", "country", "rule", "ended_on", "erasable_from"}], "customer"}: overwrites the
 *   subject's personal data with "[erased]" and destroys the key its history is sealed with (admin
 *   or system only; a customer's erasure takes every case of it). Refused (nothing written):
 *   RMA_E_PERMISSION_DENIED with reason "case_open" or "retention_period" (the message names the
 *   first day it may be erased) or "admin_only"; RMA_E_CONFLICT "already_erased"; RMA_E_NOT_FOUND.
 * "privacy.export": {"case_id"} or {"customer_id"} -> {"subject", "exported_at", "customer",
 *   "customer_erased_at", "customer_history", "cases": [{"case", "history", "deleted_at",
 *   "erased_at"}]}: everything librma holds about the subject (GDPR art. 15 and 20), the customer
 *   record's own history (its customer.upserted events) included. Staff for anyone; a customer for
 *   itself, in its view. */
RMA_API rma_status rma_privacy_configure(rma_engine *engine, const char *actor, const char *request_json,
                                         char **out_json);
RMA_API rma_status rma_privacy_config(rma_engine *engine, const char *actor, const char *request_json,
                                      char **out_json);
RMA_API rma_status rma_privacy_erase(rma_engine *engine, const char *actor, const char *request_json,
                                     char **out_json);
RMA_API rma_status rma_privacy_export(rma_engine *engine, const char *actor, const char *request_json,
                                      char **out_json);

/* A host guard: may the transition run? input_json (len bytes, also NUL-terminated, borrowed for
 * the call) is {"case": Case, "transition", "actor", "params": the guard's parameters}. Return 1
 * to let it pass; return 0 and write why into message (NUL-terminated UTF-8, at most message_cap
 * = 512 bytes with the NUL, zeroed at the start) to refuse. Any other value refuses too. Runs
 * inside the engine's lock: it must not call the engine. */
typedef int32_t (*rma_guard_fn)(void *user_data, const char *input_json, size_t len, char *message,
                                size_t message_cap);
/* Adds a guard that workflow definitions name as {"guard": name}; add it before configuring
 * workflows that use it. Adding a name again replaces the function. user_data must stay valid
 * until the engine is closed. */
RMA_API rma_status rma_engine_add_guard(rma_engine *engine, const char *name, rma_guard_fn fn,
                                        void *user_data);

/* ---- Import (the ERP feed) --------------------------------------------------------------------
 * Reports progress: rows read so far and the total data rows of the input, every
 * "progress_every" rows (10000 by default) and once at the end. Return 0 to go on; any other
 * value cancels the import, which then writes nothing and fails with RMA_E_INVALID_ARGUMENT,
 * field "progress". Runs inside the engine's lock, on the calling thread: it must not call the
 * engine. */
typedef int32_t (*rma_progress_fn)(void *user_data, int64_t rows_done, int64_t rows_total);
/* "import.run": request_json is {"kind": "customers"|"products"|"suppliers"|"sales_documents"|
 * "purchase_documents", "format": "jsonl"|"csv", "content": the file's text, "skip_bad_rows"?:
 * false, "progress_every"?: 10000}. On success *out_report_json is the ImportReport
 * {"rows_read", "records_written", "records_unchanged", "rows_rejected", "committed",
 * "errors": [{"line", "field", "reason", "code"}], "errors_truncated",
 * "error_counts": [{"field", "reason", "count"}]}: at most limits.max_import_errors errors are
 * listed, all are counted. With skip_bad_rows false one bad row rejects the whole batch
 * ("committed": false, nothing written), with true the good rows are written. The call succeeds
 * in both cases: read "committed" and "errors". progress may be NULL; user_data is passed to it
 * untouched. */
RMA_API rma_status rma_import_run(rma_engine *engine, const char *actor, const char *request_json,
                                  rma_progress_fn progress, void *user_data, char **out_report_json);
/* Deprecated: the name of librma 0.x for rma_import_run (the op is "import.run"); the same call. */
RMA_API rma_status rma_import(rma_engine *engine, const char *actor, const char *request_json,
                              rma_progress_fn progress, void *user_data, char **out_report_json);

/* ---- Moving a database to PostgreSQL (docs/postgresql.md) -----------------------------------
 * Reports progress of one table: its name, rows copied so far and its row count, every
 * "progress_every" rows (10000 by default) and once when the table is copied and verified. Return
 * 0 to go on; any other value cancels the copy, which then writes nothing to the target and fails
 * with RMA_E_INVALID_ARGUMENT, field "progress". Runs inside the engine's lock, on the calling
 * thread: it must not call the engine. */
typedef int32_t (*rma_copy_progress_fn)(void *user_data, const char *table, int64_t rows_done,
                                        int64_t rows_total);
/* "store.copy": request_json is {"to": a PostgreSQL location, "progress_every"?: 10000}; the actor
 * must be an admin. Copies every table of the engine's SQLite database, history included, into
 * the empty schema at "to" and verifies each there by row count and content hash before it
 * commits. On success *out_report_json is {"from": "sqlite", "to": "postgresql",
 * "schema_version", "tables": [{"table", "rows", "hash"}], "rows", "seconds"}. Errors name "to":
 * RMA_E_CONFLICT when the target holds librma data, RMA_E_STORAGE when it fails or does not
 * verify, RMA_E_INVALID_ARGUMENT when "to" is no PostgreSQL location; the target is unchanged
 * then. progress may be NULL. */
RMA_API rma_status rma_store_copy(rma_engine *engine, const char *actor, const char *request_json,
                                  rma_copy_progress_fn progress, void *user_data, char **out_report_json);

/* ---- Reports (docs/reports.md) ----------------------------------------------------------------
 * "report.run": request_json is {"subject"?: "cases"|"return_rate", "dimensions"?: up to three of
 * "customer", "sku", "product_category", "brand", "supplier", "lot", "reason_code", "root_cause",
 * "kind", "channel", "complaint_category", "status", "resolution", "assignee", "team", "period",
 * "measures": ["cases", "units_received", "claimed", "handling_time.closing.median", ...],
 * "period"?: "day"|"week"|"month"|"quarter"|"year", "time_zone"?, "filters"?: case.query's
 * filters, "sort"?: a measure column, "descending"?, "limit"?}. *out_json is {"columns": [{"name",
 * "type", "dimension", "currency"?}], "rows": [[cells]], "totals": [cells], "groups", "period",
 * "time_zone"}. Staff only, but a customer's own report (its cases by status, kind, ...). */
RMA_API rma_status rma_report_run(rma_engine *engine, const char *actor, const char *request_json, char **out_json);
/* "report.export": request_json is {"report": a report.run request, "format": "csv"|"xlsx",
 * "path": the file to write, "sheet"?, "title"?, "progress_every"?: 10000}. Writes the report to
 * "path" (CSV: RFC 4180; XLSX: typed cells, a frozen header, an autofilter and a chart); on
 * success *out_result_json is {"path", "format", "rows", "bytes"}. progress (may be NULL) gets
 * rows written and all rows every "progress_every" rows and once at the end; a non-zero return
 * cancels: the file is removed and the call fails with RMA_E_INVALID_ARGUMENT, field "progress".
 * It runs on the calling thread after the engine's lock is released: it may call the engine. A
 * file that cannot be written is RMA_E_STORAGE naming "path". */
RMA_API rma_status rma_report_export(rma_engine *engine, const char *actor, const char *request_json,
                                     rma_progress_fn progress, void *user_data, char **out_result_json);
/* ---- Return labels (docs/labels.md) ------------------------------------------------------------
 * "label.render": request_json is {"case_id", "format": "svg"|"png"|"pdf"|"zpl", "symbology"?:
 * "qr"|"datamatrix", "page"?: "label" (100 x 150 mm)|"a4" (the label inside a cut line),
 * "line_no"?: one line's label, "language"?: a BCP 47 tag (default: the customer's), "dpi"?: 203
 * (100..600, PNG and ZPL)}. On success *out_bytes is the file, *out_len bytes long (a NUL follows
 * them, not counted), to release with rma_free; *out_info_json, unless out_info_json is NULL, is
 * {"format", "media_type", "payload", "language", "bytes"} ("payload": what the barcode encodes,
 * the RMA number with its check character, "/<line_no>" added for a line), also released with
 * rma_free. Staff, or the customer of the case; writes nothing. */
RMA_API rma_status rma_label_render(rma_engine *engine, const char *actor, const char *request_json,
                                    char **out_bytes, size_t *out_len, char **out_info_json);
/* ---- The tamper-evident history (docs/audit.md) ---------------------------------------------
 * "audit.verify" (staff): request_json is {"trusted_keys"?: [64 hex digits], "from_seq"?: 1,
 * "to_seq"?: n, "progress_every"?: 100000}. Walks the hash chain in seq order in bounded memory and
 * checks every link and every signed checkpoint. On success *out_report_json is {"ok",
 * "from_seq", "to_seq", "events_checked", "broken_links", "checkpoints_checked",
 * "last_checkpoint": {"seq", "hash", "at", "public_key"} or null, "unsigned_events",
 * "public_key", "first_break": {"seq", "case_id", "case_number", "type", "problem", "message"} or
 * null}: a history that does not verify is a successful call with "ok": false. progress (the
 * import's rma_progress_fn: events checked, events of the range) runs every "progress_every"
 * events and once at the end; non-zero cancels (RMA_E_INVALID_ARGUMENT, field "progress"). It
 * runs inside the engine's lock: it must not call the engine. progress may be NULL. */
RMA_API rma_status rma_audit_verify(rma_engine *engine, const char *actor, const char *request_json,
                                    rma_progress_fn progress, void *user_data, char **out_report_json);
/* "audit.checkpoint" (admin): {} -> {"seq", "hash", "at", "public_key"}, a checkpoint of the last
 * event signed now (RMA_E_NOT_FOUND when there is no event). "audit.public_key" (staff): {} ->
 * {"public_key"}: the key checkpoints are signed with, the host's (options "audit.signing_seed")
 * or one librma generates and stores on first need; an auditor keeps it apart from the database. */
RMA_API rma_status rma_audit_checkpoint(rma_engine *engine, const char *actor, const char *request_json,
                                        char **out_json);
RMA_API rma_status rma_audit_public_key(rma_engine *engine, const char *actor, const char *request_json,
                                        char **out_json);
/* "audit.export" (staff): {"from_seq"?: 1, "limit"?: 1000 (at most 10000)} -> {"events": [{"seq",
 * "case_id", "case_number", "at_micros", "actor", "type", "data", "hash"}], "checkpoints": [{"seq",
 * "hash", "at_micros", "public_key", "signature"}], "next_seq": n or null}: one page of the chain as
 * stored, each event with exactly what its hash covers ("data" is the JSON text hashed), for an
 * auditor's own check (docs/audit.md). */
RMA_API rma_status rma_audit_export(rma_engine *engine, const char *actor, const char *request_json,
                                    char **out_json);

/* ---- Quality alerts (docs/reports.md) ----------------------------------------------------------
 * "quality.scan": request_json is {"now"?, "window_days"?: 30, "history_days"?: 180, "fdr"?: 0.05,
 * "min_returns"?: 5, "min_sold"?: 50, "min_ratio"?: 1.5, "subjects"?: ["sku", "lot", "supplier"],
 * "record"?: true}. Tests each SKU, lot and supplier's return rate (Poisson) and share of each
 * reason (binomial) in the window against its history and its category, with Benjamini-Hochberg
 * q-values over every test. *out_json is {"window", "history", "tested", "raised", "alerts": [{"id",
 * "signal", "subject", "sku", "lot", "supplier_id", "category", "reason_code", "baseline",
 * "window", "observed", "exposure", "baseline_observed", "baseline_exposure", "rate",
 * "expected_rate", "expected", "p_value", "q_value", "top_reasons", "lots", "cases", "case_count",
 * "raised_now", "raised_at", "acknowledged_at", "acknowledged_by", "acknowledgment_note"}]}. A new
 * alert is recorded once (event quality.alert) unless "record" is false. Staff only. */
RMA_API rma_status rma_quality_scan(rma_engine *engine, const char *actor, const char *request_json, char **out_json);
/* "quality.acknowledge": request_json is {"id": an alert's id, "note"?}. Records quality.acknowledged
 * (once: an alert already acknowledged answers the earlier acknowledgment, "recorded": false);
 * *out_json is {"id", "acknowledged_at", "acknowledged_by", "note", "recorded"}. RMA_E_NOT_FOUND
 * naming "id" for an alert never raised. Staff only. */
RMA_API rma_status rma_quality_acknowledge(rma_engine *engine, const char *actor, const char *request_json,
                                           char **out_json);

/* ---- Languages (docs/languages.md) -------------------------------------------------------------
 * Message catalogs for en, it, pl, ro and de are built in; a host adds languages and overrides
 * keys with its own catalog document, stored in the database. Texts fall back along the reader's
 * chain (de-AT -> de -> en), never showing a key. */

/* "language.configure": request_json is the host's catalog document, {"languages": {"<tag>":
 * {"<key>": "<ICU MessageFormat text>", ...}, ...}}, replacing the stored one (admin or system).
 * Checked whole first: a bad tag, key, text (not UTF-8, over limits.max_text_bytes, not a
 * MessageFormat pattern) fails naming its path ("languages.de-AT.kind.return") and nothing is
 * stored. *out_json is the stored document. Records languages.configured. */
RMA_API rma_status rma_language_configure(rma_engine *engine, const char *actor, const char *request_json,
                                          char **out_json);
/* "language.config": request_json is {}; *out_json is the stored document ({"languages": {}}
 * while none is). Staff only. */
RMA_API rma_status rma_language_config(rma_engine *engine, const char *actor, const char *request_json,
                                       char **out_json);
/* "language.check": request_json is {}; *out_json is {"languages": [tags], "keys": n,
 * "complete": bool, "missing": {"<tag>": [keys it lacks, before falling back to English]}}.
 * Staff only. */
RMA_API rma_status rma_language_check(rma_engine *engine, const char *actor, const char *request_json,
                                      char **out_json);
/* "language.format": request_json is {"lang"?, "values": [{"money": "12.08 EUR"} | {"plural": 5}
 * | {"message": key, "arguments"?: {}} | {"pattern": text, "arguments"?: {}} | {"date":
 * "YYYY-MM-DD", "style"?} | {"time": timestamp, "time_zone"?, "date_style"?, "time_style"?} |
 * {"list": [texts]}]}; *out_json is {"lang", "texts": [...]}, one text per value. Without "lang",
 * the reader's own language (a customer's stored one, else "en"). */
RMA_API rma_status rma_language_format(rma_engine *engine, const char *actor, const char *request_json,
                                       char **out_json);
/* An amount (minor units of an ISO 4217 currency) in the currency format of language tag `lang`,
 * with the currency's digits: (1208, "EUR") in "it" is "12,08 €", (123456, "PLN") in "pl"
 * "1 234,56 zł" (CLDR's no-break spaces). Needs no engine. *out_text is released with rma_free.
 * RMA_E_UNKNOWN_VALUE naming "lang" or "currency". */
RMA_API rma_status rma_format_money(const char *lang, int64_t minor, const char *currency, char **out_text);

/* ---- Host eligibility validators --------------------------------------------------------------
 * What a validator answers about one case line. */
#define RMA_OUTCOME_PASS 0
#define RMA_OUTCOME_MANUAL_REVIEW 1 /* a person must decide */
#define RMA_OUTCOME_FAIL 2          /* the line is not eligible for return */

/* Judges one case line. input_json (len bytes, also NUL-terminated, borrowed for the call) is
 * {"case": Case, "line_no": n, "unit": SoldUnit or null, "today": "YYYY-MM-DD"}. Write a stable
 * reason code ("receipt_missing") into reason_code and a message for people into message, as
 * NUL-terminated UTF-8 of at most reason_code_cap and message_cap bytes with the NUL (64 and 512;
 * both buffers start zeroed), and return an RMA_OUTCOME_* value. Any other return value, or a
 * reason that is not valid UTF-8, counts as RMA_OUTCOME_MANUAL_REVIEW with the code
 * "validator_failed". Runs inside the engine's lock, on the thread that checks the line: it must
 * not call the engine. */
typedef int32_t (*rma_validator_fn)(void *user_data, const char *input_json, size_t len,
                                    char *reason_code, size_t reason_code_cap, char *message,
                                    size_t message_cap);
/* Adds a validator, named `name` in the results, that runs after the built-in ones on every
 * eligibility check of this engine, in the order added. user_data must stay valid until the
 * engine is closed: a validator cannot be removed. */
RMA_API rma_status rma_engine_add_validator(rma_engine *engine, const char *name,
                                            rma_validator_fn fn, void *user_data);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RMA_RMA_H */
