// api/codec.hpp — the JSON API's requests (decoding op parameters) and the answers that are not a
// value type's own document (formats: docs/json.md).
//
// Decoding is strict: a request names only fields librma knows, every field has the JSON type
// docs/json.md gives it, and every failure is an rma::Error whose field is the JSON path of the
// culprit ("lines[1].quantity"). Reading, parsing and the documents of librma's value types live
// in json/ (namespace rma::codec); the api layer uses them under the same names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/case.hpp"
#include "json/enums.hpp"
#include "json/event.hpp"
#include "json/import_report.hpp"
#include "json/audit_report.hpp"
#include "json/store_copy_report.hpp"
#include "json/money.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "rma/engine.hpp"
#include "rma/error.hpp"

namespace rma::api {

// ---- What the api layer takes from json/ under its own names --------------------------------

using codec::canonical_json;
using codec::case_draft_to_json;
using codec::case_draft_to_json_value;
using codec::case_from_json;
using codec::case_to_json;
using codec::customer_from_json;
using codec::customer_to_json;
using codec::dump_json;
using codec::element_path;
using codec::embedded_object;
using codec::error_message;
using codec::integer_value;
using codec::is_integer_beyond_64_bits;
using codec::join_path;
using codec::json_type_name;
using codec::kCaseKindNames;
using codec::kCategoryNames;
using codec::kChannelNames;
using codec::kDefaultJsonDepth;
using codec::kImportFormatNames;
using codec::kImportKindNames;
using codec::kNoLimit;
using codec::kPriorityNames;
using codec::kRepairStatusNames;
using codec::kResolutionNames;
using codec::kRoleNames;
using codec::kSortNames;
using codec::kStoredJsonDepth;
using codec::kVisibilityNames;
using codec::kVoidConditionNames;
using codec::ObjectReader;
using codec::operator_from_json;
using codec::operator_to_json;
using codec::parse_json;
using codec::parse_json_within_depth;
using codec::parse_request;
using codec::parse_stored_json;
using codec::product_from_json;
using codec::product_to_json;
using codec::quote_value;
using codec::read_elements;
using codec::read_money;
using codec::read_part;
using codec::read_sales_document;
using codec::read_void_conditions;
using codec::rethrow_with_prefix;
using codec::shortened;
using codec::supplier_from_json;
using codec::supplier_to_json;
using codec::throw_unknown_value;
using codec::throw_wrong_type;
using codec::to_json_value;

// ---- Answers: value -> JSON -------------------------------------------------------------------

nlohmann::json to_json_value(const CaseSummary& summary);
nlohmann::json to_json_value(const CasePage& page);  // {"items", "total"}
nlohmann::json to_json_value(const OutboxMessage& message);
nlohmann::json to_json_value(const ParsedNumber& number);  // {"canonical", "year", "sequence"}
nlohmann::json to_json_value(const EngineStats& stats);
nlohmann::json to_json_value(const Options& options);  // the options document (no clock)

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
// The filter members of case.query (also a report's "filters"), read from `r`.
void read_case_filters(ObjectReader& r, CaseQuery& query, const Limits& limits);
Options options_from_json_value(const nlohmann::json& value);

// Drafts read from a reader another decoder owns: a request such as case.add_note carries the
// case reference and the draft's members in one object. The caller calls finish().
NoteDraft read_note_draft(ObjectReader& r, const Limits& limits);
AttachmentDraft read_attachment_draft(ObjectReader& r, const Limits& limits);
ActionDraft read_action_draft(ObjectReader& r, const Limits& limits);
SplitRequest read_split_request(ObjectReader& r, const Limits& limits);
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

// ---- Personal data (codec_privacy.cpp) ----

// privacy.erase, privacy.export: {"case_id"} or {"customer_id"}, exactly one.
DataSubject data_subject_from_json(const nlohmann::json& value, const Limits& limits);
nlohmann::json to_json_value(const RetentionVerdict& verdict);
nlohmann::json to_json_value(const ErasureReport& report);
nlohmann::json to_json_value(const PersonalDataExport& exported);

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

// store.copy: {"to": location, "progress_every"?: 1..10,000,000 (10000)}.
struct StoreCopyRequest {
  std::string to;
  StoreCopyOptions options;  // `progress` left empty: JsonApi::call_store_copy supplies it
};
StoreCopyRequest store_copy_request_from_json(const nlohmann::json& value, const Limits& limits);

// audit.verify: {"trusted_keys"?: [hex], "from_seq"?: 1.., "to_seq"?: 1.., "progress_every"?:
// 1..100,000,000 (100000)}; `progress` is left empty (JsonApi::call_audit_verify supplies it).
AuditVerifyOptions audit_verify_request_from_json(const nlohmann::json& value);
// audit.export: {"from_seq"?: 1.. (1), "limit"?: 1..10,000 (1000)}.
struct AuditExportRequest {
  std::int64_t from_seq = 1;
  std::int32_t limit = 1000;
};
AuditExportRequest audit_export_request_from_json(const nlohmann::json& value);
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
// holidays.list: {"country", "subdivision", "year"} for a year's holidays, {} for the regions known.
struct HolidaysListRequest {
  std::optional<std::string> country;
  std::string subdivision;
  std::optional<std::int32_t> year;
};
HolidaysListRequest holidays_list_request_from_json(const nlohmann::json& value, const Limits& limits);
nlohmann::json holidays_list_answer(const HolidaysListRequest& request);

CalendarAddRequest calendar_add_request_from_json(const nlohmann::json& value, const Limits& limits);
CalendarBetweenRequest calendar_between_request_from_json(const nlohmann::json& value, const Limits& limits);
CalendarNextOpenRequest calendar_next_open_request_from_json(const nlohmann::json& value, const Limits& limits);

SlaTickRequest sla_tick_request_from_json(const nlohmann::json& value);
SlaDueRequest sla_due_request_from_json(const nlohmann::json& value, bool with_horizon);
SlaComplianceRequest sla_compliance_request_from_json(const nlohmann::json& value, const Limits& limits);

// Reports (api/codec_reports.cpp). report.export: {"report": a report.run request, "format",
// "path", "sheet"?, "title"?, "progress_every"?}.
struct ReportExportRequest {
  ReportRequest report;
  ReportExportOptions options;
};
ReportRequest report_request_from_json(const nlohmann::json& value, const Limits& limits);
ReportExportRequest report_export_request_from_json(const nlohmann::json& value, const Limits& limits);
nlohmann::json to_json_value(const Report& report);
nlohmann::json to_json_value(const ReportExportResult& result);

// Quality alerts (api/codec_quality.cpp). quality.acknowledge: {"id", "note"?}.
struct QualityAcknowledgeRequest {
  std::string id;
  std::string note;
};
QualityScanRequest quality_scan_request_from_json(const nlohmann::json& value);
QualityAcknowledgeRequest quality_acknowledge_request_from_json(const nlohmann::json& value, const Limits& limits);
nlohmann::json to_json_value(const QualityScanResult& result);
nlohmann::json to_json_value(const QualityAcknowledgment& ack);

// Labels (api/codec_labels.cpp). label.render: {"case_id", "format", "symbology"?, "page"?,
// "line_no"?, "language"?, "dpi"?}; the answer {"format", "media_type", "payload", "language",
// "bytes", "content_base64"} (without content_base64 when the bytes leave some other way).
LabelRequest label_request_from_json(const nlohmann::json& value);
nlohmann::json to_json_value(const RenderedLabel& label, LabelFormat format, bool with_content);

}  // namespace rma::api
