// rma/case.hpp — the RMA case: one number, its lines, notes, attachments, actions and state.
//
// Cases are values: the engine hands out copies, and a change goes back through an Engine
// command (CasePatch, NoteDraft, ...) that checks `version` for optimistic concurrency.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/action.hpp"
#include "rma/attachment.hpp"
#include "rma/money.hpp"
#include "rma/note.hpp"
#include "rma/repair.hpp"
#include "rma/time.hpp"

namespace rma {

enum class CaseKind { return_, repair, complaint, customization };
enum class ComplaintCategory { none, quality, quantity, transport };  // none unless kind==complaint
enum class Channel { b2b, b2c, retail_chain, supplier };
enum class Priority { low, normal, high, urgent };
enum class Resolution { none, refund, replace, repair, credit_note, reject, goodwill };

const char* case_kind_name(CaseKind v) noexcept;  // "return", "repair", ...
std::optional<CaseKind> case_kind_from_name(std::string_view name) noexcept;
const char* complaint_category_name(ComplaintCategory v) noexcept;  // "none", "quality", ...
std::optional<ComplaintCategory> complaint_category_from_name(std::string_view name) noexcept;
const char* channel_name(Channel v) noexcept;
std::optional<Channel> channel_from_name(std::string_view name) noexcept;
const char* priority_name(Priority v) noexcept;
std::optional<Priority> priority_from_name(std::string_view name) noexcept;
const char* resolution_name(Resolution v) noexcept;
std::optional<Resolution> resolution_from_name(std::string_view name) noexcept;

// The sales document line a returned item came from; empty `document` means none.
struct SalesDocumentRef {
  std::string document;
  std::int32_t line = 0;
};

// One returned item. Quantities move forward through the case: requested ≥ authorized,
// requested ≥ received ≥ accepted, so partial authorization and partial receipt are explicit.
struct CaseLine {
  std::int32_t line_no = 0;  // 1-based, stable for the life of the case
  std::string sku;
  std::string serial;  // the faulty unit's serial number, if serialized
  std::string lot;
  SalesDocumentRef sales_document;
  std::string reason_code;
  std::string defect_description;
  std::string condition;  // inspection result, free text or the host's code
  std::int64_t qty_requested = 0;
  std::int64_t qty_authorized = 0;
  std::int64_t qty_received = 0;
  std::int64_t qty_accepted = 0;
  std::string replacement_serial;  // set when a replacement unit is shipped

  // A line is inspected once its condition is recorded (the all_lines_inspected guard).
  bool inspected() const noexcept { return !condition.empty(); }
  // The units a refund, credit or valuation counts: the accepted ones, else the received. Zero
  // accepted reads as "not yet decided", so a line refused in full is refused by the resolution
  // (reject), not by qty_accepted = 0.
  std::int64_t valued_quantity() const noexcept { return qty_accepted > 0 ? qty_accepted : qty_received; }
  // The units a message to the ERP names: as valued, or the requested ones before any arrived.
  std::int64_t shipped_quantity() const noexcept {
    return qty_accepted > 0 ? qty_accepted : qty_received > 0 ? qty_received : qty_requested;
  }

  // Filled from the sold-unit registry when the line names a serial or a sales document line
  // that librma knows; the operator never types them.
  std::optional<Date> purchase_date;
  std::int64_t unit_price = 0;      // minor units of `currency`, net of VAT
  std::string currency;             // ISO 4217, empty if unknown
  std::int32_t vat_rate_bp = 0;     // basis points: 2200 = 22.00 %
  std::string dispatch_document;
  std::vector<std::string> packers;

  // Inspection findings: warranty void conditions ("physical_damage", "liquid", "tampering",
  // "serial_missing_or_altered") and the return condition checks, unknown until inspected.
  std::vector<std::string> void_conditions;
  std::optional<bool> unused;
  std::optional<bool> original_packaging;
  std::optional<bool> accessories_complete;

  // The latest warranty verdict and return eligibility of this line, as JSON objects
  // (docs/json.md); empty until Engine::check_case_line ran.
  std::string warranty;
  std::string eligibility;

  // Signals for staff, stable names (docs/json.md): "unit_sold_to_other_customer".
  std::vector<std::string> flags;
  // The customer's fraud signals raised now (rma/fraud.hpp), on the lines of an undecided case
  // that staff read; computed on each read, never stored.
  std::vector<std::string> fraud_signals;

  // What the claimant claims for this line, net, when staff set an amount (a transport damage
  // worth less than the goods, say): in the line's currency, or the case's for an unpriced line,
  // >= 0. Unset, a return or complaint claims its requested units at their net sale price
  // (docs/valuation.md, "Claimed value").
  std::optional<Money> claimed_amount;
};

struct Case {
  std::int64_t id = 0;
  std::string number;  // the RMA number, with its check character
  CaseKind kind = CaseKind::return_;
  ComplaintCategory category = ComplaintCategory::none;
  Channel channel = Channel::b2c;
  std::string customer_id;
  std::string supplier_id;           // the supplier a `supplier`-channel case is sent to
  bool purchased_elsewhere = false;  // goods not bought from us: no sales document
  std::vector<CaseLine> lines;
  Priority priority = Priority::normal;
  std::string assignee;
  std::string team;
  // The workflow drives the status: it changes only through Engine::transition_case (and an
  // admin's reopen_case). The case keeps the workflow version it started with.
  std::string status = "new";
  std::string workflow;               // workflow id, e.g. "consumer_return"
  std::int32_t workflow_version = 0;
  Timestamp status_since;             // when the case entered `status`
  bool decision_locked = false;       // it reached a state that locks the resolution
  std::optional<Date> expected_completion;
  Resolution resolution = Resolution::none;
  std::string root_cause;
  std::string custom_fields = "{}";  // a JSON object, the host's own fields
  std::optional<std::int64_t> split_from;  // the case this one was split from
  std::vector<Note> notes;
  std::vector<Attachment> attachments;
  std::vector<Action> actions;
  std::vector<RepairOperation> repairs;
  // What the case is worth and costs (rma/valuation.hpp), as the JSON object of
  // valuation_to_json; the engine recomputes it whenever its inputs change. Empty until valued.
  std::string valuation;
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;  // +1 on every change
};

struct LineDraft {
  std::string sku;
  std::string serial;
  std::string lot;
  SalesDocumentRef sales_document;
  std::string reason_code;
  std::string defect_description;
  std::string condition;
  std::int64_t quantity = 1;  // requested quantity, ≥ 1
  std::optional<Money> claimed_amount;  // CaseLine::claimed_amount; staff only
};

struct CaseDraft {
  CaseKind kind = CaseKind::return_;
  ComplaintCategory category = ComplaintCategory::none;  // required when kind == complaint
  Channel channel = Channel::b2c;
  std::string customer_id;  // must be a known customer
  std::string supplier_id;  // required when channel == supplier
  bool purchased_elsewhere = false;
  std::vector<LineDraft> lines;  // at least one
  Priority priority = Priority::normal;
  std::string assignee;
  std::string team;
  std::optional<Date> expected_completion;
  std::string custom_fields = "{}";
  // Retrying with the same key returns the case the first call created instead of a duplicate.
  std::string idempotency_key;
};

// Changes to one line; unset members stay as they are.
struct LinePatch {
  std::int32_t line_no = 0;
  std::optional<std::int64_t> qty_authorized;
  std::optional<std::int64_t> qty_received;
  std::optional<std::int64_t> qty_accepted;
  std::optional<std::string> reason_code;
  std::optional<std::string> defect_description;
  std::optional<std::string> condition;
  std::optional<std::string> replacement_serial;
  std::optional<std::vector<std::string>> void_conditions;
  std::optional<bool> unused;
  std::optional<bool> original_packaging;
  std::optional<bool> accessories_complete;
  std::optional<std::optional<Money>> claimed_amount;  // set nullopt inside to clear
};

// Changes to a case; unset members stay as they are. The status is not among them: it moves
// only through the workflow (Engine::transition_case).
struct CasePatch {
  std::optional<Priority> priority;
  std::optional<std::string> assignee;
  std::optional<std::string> team;
  std::optional<std::optional<Date>> expected_completion;  // set to nullopt inside to clear
  std::optional<Resolution> resolution;
  std::optional<std::string> root_cause;
  std::optional<std::string> custom_fields;  // a JSON merge patch (RFC 7386) on the object
  std::vector<LinePatch> lines;
};

// Moves `quantity` requested units of line `line_no` to the new case. Moving the whole
// (unreceived) line moves the line itself.
struct SplitLine {
  std::int32_t line_no = 0;
  std::int64_t quantity = 0;
};

struct SplitRequest {
  std::vector<SplitLine> lines;
};

struct SplitResult {
  Case original;
  Case created;  // created.split_from == original.id
};

}  // namespace rma
