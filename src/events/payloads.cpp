#include "events/payloads.hpp"

#include "domain/personal_data.hpp"
#include "events/case_document.hpp"
#include "events/party_document.hpp"
#include "events/stored_reader.hpp"
#include "rma/error.hpp"

namespace rma::events {
namespace {

using json = nlohmann::json;

json before_after(json before, json after) { return {{"before", std::move(before)}, {"after", std::move(after)}}; }

template <class Record, class Encode>
json record_change(const std::optional<Record>& before, const Record& after, Encode encode) {
  return before_after(before ? encode(*before) : json(nullptr), encode(after));
}

json document_or_null(const std::string& text, const char* what) {
  if (text.empty()) return nullptr;
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    throw Error(Status::internal, what, "the stored configuration document does not parse");
  }
}

json lines_document(const std::vector<CaseLine>& lines) {
  json out = json::array();
  for (const CaseLine& l : lines) out.push_back(line_document(l));
  return out;
}

}  // namespace

// The case's id and number are the event's own columns: version 2 does not repeat them, and the
// replay takes them from the event.
Payload case_created(const Case& c, bool with_valuation) {
  json document = case_document(c);
  document.erase("id");
  document.erase("number");
  if (!with_valuation) document.erase("valuation");
  return {EventType::case_created, {{"case", std::move(document)}}, 2};
}

Payload case_updated(json changes) { return {EventType::case_updated, {{"changes", std::move(changes)}}}; }

Payload case_split(const Case& created, const std::vector<CaseLine>& lines_before,
                   const std::vector<CaseLine>& lines_after) {
  return {EventType::case_split,
          {{"created_case_id", created.id},
           {"created_number", created.number},
           {"changes", {{"lines", before_after(lines_document(lines_before), lines_document(lines_after))}}}},
          2};
}

Payload case_transitioned(Transition t) {
  return {EventType::case_transitioned,
          {{"transition", std::move(t.name)},
           {"from", std::move(t.from)},
           {"to", std::move(t.to)},
           {"workflow", std::move(t.workflow)},
           {"workflow_version", t.workflow_version},
           {"guards", std::move(t.guards)},
           {"effects", std::move(t.effects)},
           {"sla", std::move(t.sla)},
           {"changes", std::move(t.changes)}}};
}

Payload case_reopened(const std::string& reason, json changes) {
  return {EventType::case_reopened, {{"reason", reason}, {"changes", std::move(changes)}}};
}

Payload case_deleted(const std::string& reason, std::int64_t version) {
  return {EventType::case_deleted, {{"reason", reason}, {"version", version}}};
}

Payload case_valued(const std::string& valuation_before, const std::string& valuation_after,
                    const std::optional<std::pair<std::string, std::string>>& error_field_message) {
  json data = {{"changes",
                {{"valuation", before_after(document_or_null(valuation_before, "valuation"),
                                            document_or_null(valuation_after, "valuation"))}}}};
  if (error_field_message) {
    data["error"] = {{"field", error_field_message->first}, {"message", error_field_message->second}};
  }
  return {EventType::case_valued, std::move(data)};
}

Payload note_added(const Note& note) { return {EventType::note_added, {{"note", note_document(note)}}, 2}; }

Payload attachment_added(const Attachment& a) {
  return {EventType::attachment_added, {{"attachment", attachment_document(a)}}, 2};
}

Payload action_added(const Action& a) { return {EventType::action_added, {{"action", action_document(a)}}, 2}; }

Payload action_completed(std::int64_t action_id, Timestamp done_at, const std::string& title) {
  return {EventType::action_completed, {{"action_id", action_id}, {"done_at", done_at.to_iso()}, {"title", title}}};
}

Payload repair_added(const RepairOperation& r) {
  return {EventType::repair_added, {{"repair", repair_document(r)}}, 2};
}

Payload repair_updated(const RepairOperation& r) {
  return {EventType::repair_updated, {{"repair", repair_document(r)}}, 2};
}

Payload line_checked(std::int32_t line_no, const std::string& serial, json warranty, json eligibility) {
  return {EventType::line_checked,
          {{"line_no", line_no},
           {"serial", serial},
           {"warranty", std::move(warranty)},
           {"eligibility", std::move(eligibility)}}};
}

Payload unit_replaced(const std::string& serial, const std::string& replaced_serial, Date on, std::int32_t line_no) {
  return {EventType::unit_replaced,
          {{"serial", serial}, {"replaced_serial", replaced_serial}, {"on", on.to_iso()}, {"line_no", line_no}}};
}

Payload notification_requested(json template_name, json to, const std::string& transition,
                               const std::string& status) {
  return {EventType::notification_requested,
          {{"template", std::move(template_name)}, {"to", std::move(to)}, {"transition", transition}, {"status", status}}};
}

Payload outbox_posted(std::int64_t seq, const std::string& topic) {
  return {EventType::outbox_posted, {{"seq", seq}, {"topic", topic}}};
}

Payload access_denied(const std::string& reason, const std::string& field, const std::string& message) {
  return {EventType::access_denied, {{"reason", reason}, {"field", field}, {"message", message}}};
}

Payload transition_refused(bool permission, const std::string& transition, const std::string& status,
                           const std::string& reason, json denials, json guards) {
  return {permission ? EventType::access_denied : EventType::transition_denied,
          {{"transition", transition},
           {"status", status},
           {"reason", reason},
           {"denials", std::move(denials)},
           {"guards", std::move(guards)}}};
}

Payload sla_crossed(bool breached, const std::string& clock, Timestamp at, const std::string& policy,
                    Timestamp started_at, std::int64_t target_seconds) {
  return {breached ? EventType::sla_breached : EventType::sla_warning,
          {{"clock", clock},
           {"at", at.to_iso()},
           {"policy", policy},
           {"started_at", started_at.to_iso()},
           {"target_seconds", target_seconds}}};
}

Payload customer_upserted(const std::optional<Customer>& before, const Customer& after) {
  return {EventType::customer_upserted, record_change(before, after, customer_document)};
}

Payload supplier_upserted(const std::optional<Supplier>& before, const Supplier& after) {
  return {EventType::supplier_upserted, record_change(before, after, supplier_document)};
}

Payload operator_upserted(const std::optional<Operator>& before, const Operator& after) {
  return {EventType::operator_upserted, record_change(before, after, operator_document)};
}

Payload product_upserted(const std::optional<Product>& before, const Product& after) {
  return {EventType::product_upserted, record_change(before, after, product_document)};
}

Payload import_completed(ImportKind kind, ImportFormat format, const ImportReport& report) {
  return {EventType::import_completed,
          {{"kind", import_kind_name(kind)},
           {"format", import_format_name(format)},
           {"rows_read", report.rows_read},
           {"records_written", report.records_written},
           {"records_unchanged", report.records_unchanged},
           {"rows_rejected", report.rows_rejected}}};
}

Payload sla_configured(const std::vector<std::string>& policy_names) {
  return {EventType::sla_configured, {{"policies", policy_names}}};
}

Payload valuation_configured(const std::string& before, const std::string& after) {
  return {EventType::valuation_configured,
          before_after(document_or_null(before, "before"), document_or_null(after, "after"))};
}

Payload warranty_configured(const std::string& before, const std::string& after) {
  return {EventType::warranty_configured,
          before_after(document_or_null(before, "before"), document_or_null(after, "after"))};
}

Payload workflows_configured(const std::vector<std::pair<std::string, std::int32_t>>& id_versions) {
  json workflows = json::array();
  for (const auto& [id, version] : id_versions) workflows.push_back({{"id", id}, {"version", version}});
  return {EventType::workflows_configured, {{"workflows", std::move(workflows)}}};
}

Payload extended_warranty_added(const ExtendedWarranty& contract) {
  return {EventType::extended_warranty_added, extended_warranty_document(contract)};
}

Payload unit_registered(const std::string& serial, Date registered_on) {
  return {EventType::unit_registered, {{"serial", serial}, {"registered_on", registered_on.to_iso()}}};
}

Payload outbox_acknowledged(const std::vector<std::int64_t>& seqs) {
  return {EventType::outbox_acknowledged, {{"seqs", seqs}}};
}

Payload privacy_configured(const std::string& before, const std::string& after) {
  return {EventType::privacy_configured,
          before_after(document_or_null(before, "before"), document_or_null(after, "after"))};
}

Payload languages_configured(const std::string& before, const std::string& after) {
  return {EventType::languages_configured,
          before_after(document_or_null(before, "before"), document_or_null(after, "after"))};
}

Payload case_erased(const RetentionVerdict& v, const std::string& customer_id) {
  json rule = {{"months", v.rule.months}, {"basis", v.rule.basis}};
  if (!v.rule.country.empty()) rule["country"] = v.rule.country;
  if (v.rule.kind) rule["kind"] = case_kind_name(*v.rule.kind);
  json data = {{"subject", customer_id.empty() ? "case" : "customer"},
               {"country", v.country},
               {"rule", std::move(rule)},
               {"ended_on", v.ended_on.to_iso()},
               {"erasable_from", v.erasable_from.to_iso()},
               {"erased", domain::erased_members("case")}};
  if (!customer_id.empty()) data["customer_id"] = customer_id;
  return {EventType::privacy_erased, std::move(data)};
}

Payload customer_erased(const std::string& customer_id, const std::vector<std::int64_t>& cases) {
  return {EventType::privacy_erased,
          {{"subject", "customer"},
           {"customer_id", customer_id},
           {"cases", cases},
           {"erased", domain::erased_members("customer")}}};
}

// ---- decoders -------------------------------------------------------------------------------------

LineChecked line_checked_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  return LineChecked{static_cast<std::int32_t>(r.integer("line_no")), r.text("serial")};
}

UnitReplaced unit_replaced_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  return UnitReplaced{r.text("serial"), r.text("replaced_serial")};
}

Transitioned case_transitioned_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  Transitioned t;
  t.to = r.text("to");
  for (const auto& [item, at] : r.elements("sla")) {
    const StoredReader control(*item, at);
    t.sla.push_back(SlaControl{control.text("clock"), control.text("action")});
  }
  return t;
}

std::string created_status_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  return StoredReader(r.need("case"), r.path_of("case")).text("status", Case().status);
}

std::string reopened_status_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  const StoredReader changes(r.need("changes"), r.path_of("changes"));
  return StoredReader(changes.need("status"), changes.path_of("status")).text("after");
}

Note note_added_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  return note_from_document(r.need("note"), r.path_of("note"));
}

}  // namespace rma::events
