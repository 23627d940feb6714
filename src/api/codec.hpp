// api/codec.hpp — JSON text <-> the C++ types of include/rma/*.hpp (formats: docs/json.md).
//
// Decoding is strict: a request names only fields librma knows, every field has the JSON type
// docs/json.md gives it, and every failure is an rma::Error whose field is the JSON path of the
// culprit ("lines[1].quantity"). Encoding never fails on text that is not UTF-8: such bytes come
// out as U+FFFD. Private to librma: nlohmann::json stays out of the public headers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/engine.hpp"
#include "rma/error.hpp"
#include "api/codec_reader.hpp"

namespace rma::api {

// ---- Text <-> document ----------------------------------------------------------------------

// Every parse below is bounded in depth: a container nested deeper than `max_depth` (`{}` and
// `[]` are one level) is too_large, naming the path where the limit was crossed, and is refused
// while parsing, so nothing recursive ever runs on a deeper document.

// The bound of JSON that C++ callers give without an engine (configuration and options text).
constexpr std::int32_t kDefaultJsonDepth = Limits{}.max_json_depth;
// The bound of JSON text librma wrote itself (stored custom fields, event data, configuration
// read back): what it holds was bounded on the way in (at most kMaxJsonDepth), and librma's own
// wrappers (an event's before and after, a workflow around its rules' parameters) add a few levels.
constexpr std::int32_t kStoredJsonDepth = kMaxJsonDepth + 16;

// Parses one request: over limits.max_request_bytes is too_large (checked before parsing), so is
// nesting deeper than limits.max_json_depth; bytes that are not UTF-8 are invalid_utf8 naming the
// path of the string that holds them; text that is not JSON, or an object with a key twice, is
// malformed_json. Does not check the top-level type.
nlohmann::json parse_request(std::string_view text, const Limits& limits);

// The same checks without a size limit, for JSON given by C++ callers (custom fields, payloads)
// and text librma stored. Error fields are prefixed with `field` ("custom_fields" ->
// "custom_fields.a.b").
nlohmann::json parse_json(std::string_view text, const std::string& field, std::int32_t max_depth);

// parse_json bounded by kStoredJsonDepth: text librma wrote itself.
nlohmann::json parse_stored_json(std::string_view text, const std::string& field = std::string());

// Only the depth bound (too_large, paths relative to the text), for parsers that report syntax
// errors their own way (JSON Lines import rows): nlohmann::json::exception on text that is not JSON.
nlohmann::json parse_json_within_depth(std::string_view text, std::int32_t max_depth);

// `object_text` parsed and written back compactly with sorted keys. Throws malformed_json /
// invalid_utf8 / too_large like parse_json, or wrong_type if it is not an object; errors name
// `field`. Empty text is the empty object.
std::string canonical_json(std::string_view object_text, const std::string& field, std::int32_t max_depth);

// Compact text of a document; never throws on bad UTF-8 (replaced by U+FFFD).
std::string dump_json(const nlohmann::json& value);

// ---- Encoding: value -> JSON ------------------------------------------------------------------

nlohmann::json to_json_value(const Case& c);
nlohmann::json to_json_value(const CaseLine& line);
nlohmann::json to_json_value(const Note& note);
nlohmann::json to_json_value(const Attachment& attachment);
nlohmann::json to_json_value(const Action& action);
nlohmann::json to_json_value(const RepairOperation& repair);
nlohmann::json to_json_value(const SplitResult& result);  // {"original", "created"}
nlohmann::json to_json_value(const CaseSummary& summary);
nlohmann::json to_json_value(const CasePage& page);  // {"items", "total"}
nlohmann::json to_json_value(const Event& event);
nlohmann::json to_json_value(const OutboxMessage& message);
nlohmann::json to_json_value(const Address& address);
nlohmann::json to_json_value(const Customer& customer);
nlohmann::json to_json_value(const Supplier& supplier);
nlohmann::json to_json_value(const Operator& op);
nlohmann::json to_json_value(const Product& product);
nlohmann::json to_json_value(const ParsedNumber& number);  // {"canonical", "year", "sequence"}
nlohmann::json to_json_value(const EngineStats& stats);
// Sales data and warranty results (codec_warranty.cpp).
nlohmann::json to_json_value(const SalesDocument& document);
nlohmann::json to_json_value(const PurchaseDocument& document);
nlohmann::json to_json_value(const SoldUnit& unit);
nlohmann::json to_json_value(const ExtendedWarranty& contract);
nlohmann::json to_json_value(const WarrantyVerdict& verdict);
nlohmann::json to_json_value(const Eligibility& eligibility);
nlohmann::json to_json_value(const ServiceRecord& record);
nlohmann::json to_json_value(const ImportReport& report);
// {"case", "line_no", "unit" (or null), "today"}: what a host validator outside C++ receives.
nlohmann::json to_json_value(const EligibilityInput& input);
nlohmann::json to_json_value(const Options& options);  // the options document (no clock)

// Every member of the draft, custom_fields as an object: equal drafts give equal text, so the
// engine can fingerprint an idempotent request. Includes idempotency_key.
nlohmann::json case_draft_to_json_value(const CaseDraft& draft);
std::string case_draft_to_json(const CaseDraft& draft);

std::string case_to_json(const Case& c);
std::string customer_to_json(const Customer& customer);
std::string supplier_to_json(const Supplier& supplier);
std::string operator_to_json(const Operator& op);
std::string product_to_json(const Product& product);
std::string outbox_message_to_json(const OutboxMessage& message);
// event_to_json(const Event&) is public: rma/json_api.hpp.

// ---- Decoding: JSON -> value ------------------------------------------------------------------
// Each takes the JSON value of the object itself; errors name paths relative to it.

CaseDraft case_draft_from_json(const nlohmann::json& value, const Limits& limits);
CasePatch case_patch_from_json(const nlohmann::json& value, const Limits& limits);
NoteDraft note_draft_from_json(const nlohmann::json& value, const Limits& limits);
AttachmentDraft attachment_draft_from_json(const nlohmann::json& value, const Limits& limits);
ActionDraft action_draft_from_json(const nlohmann::json& value, const Limits& limits);
SplitRequest split_request_from_json(const nlohmann::json& value, const Limits& limits);
CaseQuery case_query_from_json(const nlohmann::json& value, const Limits& limits);
Customer customer_from_json(const nlohmann::json& value, const Limits& limits);
Supplier supplier_from_json(const nlohmann::json& value, const Limits& limits);
Operator operator_from_json(const nlohmann::json& value, const Limits& limits);
Product product_from_json(const nlohmann::json& value, const Limits& limits);
Options options_from_json_value(const nlohmann::json& value);

// The Case document as to_json_value writes it (missing members keep their defaults; unknown
// members are rejected). No size limits: this reads what librma itself wrote.
Case case_from_json(const nlohmann::json& value);
// The members of a repair operation draft, read from `r` (the caller finishes the reader).
RepairOperationDraft read_repair_draft(ObjectReader& r, const Limits& limits);

// ---- Requests of the JSON API (docs/json.md) ----------------------------------------------------

// The case a command acts on, with the version the caller read (absent: no check).
struct CaseRef {
  std::int64_t case_id = 0;
  ExpectedVersion version;
};

struct CaseUpdateRequest {
  CaseRef target;
  CasePatch changes;
};
struct NoteRequest {
  CaseRef target;
  NoteDraft note;
};
struct AttachmentRequest {
  CaseRef target;
  AttachmentDraft attachment;
};
struct ActionRequest {
  CaseRef target;
  ActionDraft action;
};
struct CompleteActionRequest {
  CaseRef target;
  std::int64_t action_id = 0;
};
struct SplitCaseRequest {
  CaseRef target;
  SplitRequest split;
};
// case.get: exactly one of the two.
struct CaseLookup {
  std::int64_t case_id = 0;  // 0 when looked up by number
  std::string number;
};
struct OutboxPostRequest {
  std::int64_t case_id = 0;
  std::string topic;
  std::string payload;  // canonical JSON object text
};

CaseUpdateRequest case_update_request_from_json(const nlohmann::json& value, const Limits& limits);
NoteRequest note_request_from_json(const nlohmann::json& value, const Limits& limits);
AttachmentRequest attachment_request_from_json(const nlohmann::json& value, const Limits& limits);
ActionRequest action_request_from_json(const nlohmann::json& value, const Limits& limits);
CompleteActionRequest complete_action_request_from_json(const nlohmann::json& value, const Limits& limits);
SplitCaseRequest split_case_request_from_json(const nlohmann::json& value, const Limits& limits);
CaseLookup case_lookup_from_json(const nlohmann::json& value, const Limits& limits);
// {"case_id"} alone (case.history, case.customer_view).
std::int64_t case_id_request_from_json(const nlohmann::json& value);
// {"<key>": "text"} alone (customer.get "id", product.get "sku", number.parse "number").
std::string key_request_from_json(const nlohmann::json& value, const char* key, const Limits& limits);
OutboxPostRequest outbox_post_request_from_json(const nlohmann::json& value, const Limits& limits);
std::int32_t outbox_fetch_request_from_json(const nlohmann::json& value);  // the limit, default 100
std::vector<std::int64_t> outbox_ack_request_from_json(const nlohmann::json& value);
void empty_request_from_json(const nlohmann::json& value);  // {} only (engine.stats)

// security.log: {"actor"?: "customer:c-1", "limit"?: 1..10000 (100)}.
struct SecurityLogRequest {
  std::string actor;
  std::int32_t limit = 100;
};
SecurityLogRequest security_log_request_from_json(const nlohmann::json& value, const Limits& limits);
nlohmann::json to_json_value(const SecurityLogEntry& entry);

// ---- Requests of the import and warranty ops (codec_warranty_requests.cpp) ------------------------

struct ImportRequest {
  ImportKind kind = ImportKind::customers;
  ImportFormat format = ImportFormat::jsonl;
  // Points into the request document, which must outlive it: an import's text may be hundreds
  // of megabytes, so it is not copied out of the document.
  std::string_view content;
  ImportOptions options;  // `progress` left empty: JsonApi::call_import supplies it
};
struct SoldUnitsByCustomerRequest {
  std::string customer_id;
  std::string sku;
};
struct UnitRegistrationRequest {
  std::string serial;
  Date registered_on;
};
struct WarrantyCheckRequest {
  std::string serial;
  std::optional<Date> on;
};
// case.check_eligibility and case.check_line: one line of one case.
struct CaseLineRequest {
  CaseRef target;
  std::int32_t line_no = 0;
};

ImportRequest import_request_from_json(const nlohmann::json& value);
SoldUnitsByCustomerRequest sold_units_by_customer_request_from_json(const nlohmann::json& value, const Limits& limits);
ExtendedWarranty extended_warranty_from_json(const nlohmann::json& value, const Limits& limits);
UnitRegistrationRequest unit_registration_request_from_json(const nlohmann::json& value, const Limits& limits);
WarrantyCheckRequest warranty_check_request_from_json(const nlohmann::json& value, const Limits& limits);
// `versioned`: the request may carry "version" (a write); a read rejects it as an unknown member.
CaseLineRequest case_line_request_from_json(const nlohmann::json& value, bool versioned);

// ---- Workflows (codec_workflow.cpp) ----

nlohmann::json to_json_value(const TransitionOption& option);

struct TransitionRequest {
  CaseRef target;
  std::string transition;
};
struct ReopenRequest {
  CaseRef target;
  std::string state;
  std::string reason;
};
struct DeleteRequest {
  std::int64_t case_id = 0;
  std::string reason;
};
struct RepairRequest {
  CaseRef target;
  RepairOperationDraft repair;
};
struct RepairStatusRequest {
  CaseRef target;
  std::int64_t repair_id = 0;
  RepairStatus status = RepairStatus::planned;
};
struct WorkflowVersionRequest {
  std::string id;
  std::int32_t version = 0;
};

TransitionRequest transition_request_from_json(const nlohmann::json& value, const Limits& limits);
ReopenRequest reopen_request_from_json(const nlohmann::json& value, const Limits& limits);
DeleteRequest delete_request_from_json(const nlohmann::json& value, const Limits& limits);
RepairRequest repair_request_from_json(const nlohmann::json& value, const Limits& limits);
RepairStatusRequest repair_status_request_from_json(const nlohmann::json& value);
WorkflowVersionRequest workflow_version_request_from_json(const nlohmann::json& value, const Limits& limits);

// ---- SLA (codec_sla.cpp) ----

nlohmann::json to_json_value(const CaseSla& sla);
nlohmann::json to_json_value(const SlaEvent& event);
nlohmann::json to_json_value(const SlaDueItem& item);
nlohmann::json to_json_value(const ComplianceRow& row);

struct SlaTickRequest {
  std::optional<Timestamp> now;
};
struct SlaDueRequest {
  std::optional<std::int64_t> horizon_seconds;  // "hours" × 3600; none for the overdue list
  std::int32_t limit = 100;
};
struct SlaComplianceRequest {
  CompliancePeriod period = CompliancePeriod::month;
  std::string time_zone = "UTC";
};

// Business-time arithmetic. "calendar" is a calendar's name in the SLA configuration or a
// calendar document itself (docs/calendars.md), whose errors are named "calendar.<path>".
struct CalendarRef {
  std::string name;
  std::optional<BusinessCalendar> document;
};
struct CalendarAddRequest {  // calendar.add
  CalendarRef calendar;
  Timestamp at;
  std::int64_t seconds = 0;
};
struct CalendarBetweenRequest {  // calendar.between
  CalendarRef calendar;
  Timestamp from;
  Timestamp to;
};
struct CalendarNextOpenRequest {  // calendar.next_open
  CalendarRef calendar;
  Timestamp at;
};
CalendarAddRequest calendar_add_request_from_json(const nlohmann::json& value, const Limits& limits);
CalendarBetweenRequest calendar_between_request_from_json(const nlohmann::json& value, const Limits& limits);
CalendarNextOpenRequest calendar_next_open_request_from_json(const nlohmann::json& value, const Limits& limits);

SlaTickRequest sla_tick_request_from_json(const nlohmann::json& value);
SlaDueRequest sla_due_request_from_json(const nlohmann::json& value, bool with_horizon);
SlaComplianceRequest sla_compliance_request_from_json(const nlohmann::json& value, const Limits& limits);

// ---- Errors -------------------------------------------------------------------------------------

// "prefix.field", "prefix[2]" or whichever side is not empty.
std::string join_path(const std::string& prefix, const std::string& field);

// The error's message without the "field: " that what() starts with.
std::string error_message(const Error& error);

// The same error with `prefix` joined in front of its field.
[[noreturn]] void rethrow_with_prefix(const Error& error, const std::string& prefix);

}  // namespace rma::api
