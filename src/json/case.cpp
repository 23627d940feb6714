// json/case.cpp — the Case document and its parts, both ways (formats: docs/json.md).
#include "json/case.hpp"

#include <algorithm>
#include <limits>

#include "json/enums.hpp"
#include "json/money.hpp"
#include "json/parse.hpp"
#include "json/time.hpp"

namespace rma::codec {

namespace {

constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// Custom fields are kept as object text; the document embeds them as an object. Stored text, or a
// draft's that validate_draft bounds by the engine's limit: within kStoredJsonDepth either way.
nlohmann::json object_value(const std::string& object_text, const char* field) {
  return embedded_object(object_text, field);
}

nlohmann::json bool_value(const std::optional<bool>& b) { return b ? nlohmann::json(*b) : nlohmann::json(nullptr); }

// The verdict and eligibility a line keeps as object text; null until the line was checked.
nlohmann::json object_or_null(const std::string& object_text, const std::string& field) {
  if (object_text.empty()) return nullptr;
  return parse_stored_json(object_text, field);
}

nlohmann::json sales_document_value(const SalesDocumentRef& ref) {
  if (ref.document.empty()) return nullptr;
  return {{"document", ref.document}, {"line", ref.line}};
}

CaseLine read_case_line(const nlohmann::json& value, const std::string& path) {
  ObjectReader r(value, path);
  CaseLine line;
  line.line_no = static_cast<std::int32_t>(r.optional_integer("line_no", 0, kInt32Max).value_or(0));
  r.read_text("sku", kNoLimit, line.sku);
  r.read_text("serial", kNoLimit, line.serial);
  r.read_text("lot", kNoLimit, line.lot);
  Limits unlimited;
  unlimited.max_text_bytes = kNoLimit;
  line.sales_document = read_sales_document(r, unlimited);
  r.read_text("reason_code", kNoLimit, line.reason_code);
  r.read_text("defect_description", kNoLimit, line.defect_description);
  r.read_text("condition", kNoLimit, line.condition);
  line.qty_requested = r.optional_integer("qty_requested", 0, kInt64Max).value_or(0);
  line.qty_authorized = r.optional_integer("qty_authorized", 0, kInt64Max).value_or(0);
  line.qty_received = r.optional_integer("qty_received", 0, kInt64Max).value_or(0);
  line.qty_accepted = r.optional_integer("qty_accepted", 0, kInt64Max).value_or(0);
  r.read_text("replacement_serial", kNoLimit, line.replacement_serial);
  line.purchase_date = r.optional_date("purchase_date");
  line.unit_price = r.optional_integer("unit_price", 0, kInt64Max).value_or(0);
  r.read_text("currency", kNoLimit, line.currency);
  line.vat_rate_bp = static_cast<std::int32_t>(r.optional_integer("vat_rate_bp", 0, kInt32Max).value_or(0));
  r.read_text("dispatch_document", kNoLimit, line.dispatch_document);
  line.packers = r.optional_texts("packers", kNoLimit, kNoLimit).value_or(std::vector<std::string>());
  line.void_conditions = read_void_conditions(r).value_or(std::vector<std::string>());
  line.unused = r.optional_boolean("unused");
  line.original_packaging = r.optional_boolean("original_packaging");
  line.accessories_complete = r.optional_boolean("accessories_complete");
  line.warranty = r.optional_object_text("warranty").value_or(std::string());
  line.eligibility = r.optional_object_text("eligibility").value_or(std::string());
  line.flags = r.optional_texts("flags", kNoLimit, kNoLimit).value_or(std::vector<std::string>());
  line.fraud_signals = r.optional_texts("fraud_signals", kNoLimit, kNoLimit).value_or(std::vector<std::string>());
  line.claimed_amount = read_money(r, "claimed_amount");
  r.finish();
  return line;
}

Note read_note(const nlohmann::json& value, const std::string& path) {
  ObjectReader r(value, path);
  Note note;
  note.id = r.optional_integer("id", 0, kInt64Max).value_or(0);
  note.channel = r.optional_enumeration("channel", visibility_from_name, kVisibilityNames).value_or(note.channel);
  r.read_text("author", kNoLimit, note.author);
  r.read_text("body", kNoLimit, note.body);
  note.created_at = r.optional_timestamp("created_at").value_or(note.created_at);
  r.finish();
  return note;
}

Attachment read_attachment(const nlohmann::json& value, const std::string& path) {
  ObjectReader r(value, path);
  Attachment a;
  a.id = r.optional_integer("id", 0, kInt64Max).value_or(0);
  r.read_text("file_name", kNoLimit, a.file_name);
  r.read_text("media_type", kNoLimit, a.media_type);
  a.size_bytes = r.optional_integer("size_bytes", 0, kInt64Max).value_or(0);
  r.read_text("sha256", kNoLimit, a.sha256);
  r.read_text("uri", kNoLimit, a.uri);
  a.visibility = r.optional_enumeration("visibility", visibility_from_name, kVisibilityNames).value_or(a.visibility);
  r.read_text("added_by", kNoLimit, a.added_by);
  a.created_at = r.optional_timestamp("created_at").value_or(a.created_at);
  r.finish();
  return a;
}

Action read_action(const nlohmann::json& value, const std::string& path) {
  ObjectReader r(value, path);
  Action a;
  a.id = r.optional_integer("id", 0, kInt64Max).value_or(0);
  r.read_text("title", kNoLimit, a.title);
  r.read_text("assignee", kNoLimit, a.assignee);
  a.due_at = r.optional_timestamp("due_at");
  a.done_at = r.optional_timestamp("done_at");
  r.read_text("done_by", kNoLimit, a.done_by);
  r.read_text("created_by", kNoLimit, a.created_by);
  a.created_at = r.optional_timestamp("created_at").value_or(a.created_at);
  r.finish();
  return a;
}

// Repair operations as librma stored them (no limits: it wrote them itself).
RepairOperation read_repair(const nlohmann::json& value, const std::string& path) {
  static const Limits unlimited = [] {
    Limits l;
    l.max_text_bytes = kNoLimit;
    return l;
  }();
  ObjectReader r(value, path);
  RepairOperation op;
  op.id = r.optional_integer("id", 0, kInt64Max).value_or(0);
  op.line_no = static_cast<std::int32_t>(r.optional_integer("line_no", 0, kInt32Max).value_or(0));
  r.read_text("code", kNoLimit, op.code);
  r.read_text("description", kNoLimit, op.description);
  r.read_text("labour_class", kNoLimit, op.labour_class);
  op.minutes = static_cast<std::int32_t>(r.optional_integer("minutes", 0, kInt32Max).value_or(0));
  op.parts = read_elements<PartUse>(r, "parts", kNoLimit, [](const nlohmann::json& v, const std::string& at) {
    return read_part(v, at, unlimited);
  });
  op.paid = r.optional_boolean("paid").value_or(false);
  op.status = r.optional_enumeration("status", repair_status_from_name, kRepairStatusNames).value_or(op.status);
  r.read_text("created_by", kNoLimit, op.created_by);
  op.created_at = r.optional_timestamp("created_at").value_or(op.created_at);
  r.read_text("updated_by", kNoLimit, op.updated_by);
  op.updated_at = r.optional_timestamp("updated_at").value_or(op.updated_at);
  r.finish();
  return op;
}

}  // namespace

SalesDocumentRef read_sales_document(ObjectReader& parent, const Limits& limits) {
  SalesDocumentRef ref;
  const nlohmann::json* value = parent.find("sales_document");
  if (value == nullptr) return ref;
  ObjectReader r(*value, parent.path_of("sales_document"));
  ref.document = r.text("document", limits.max_text_bytes);
  ref.line = static_cast<std::int32_t>(r.optional_integer("line", 0, kInt32Max).value_or(0));
  r.finish();
  return ref;
}

// Known names only, each at most once: a typo must not leave a warranty covered.
std::optional<std::vector<std::string>> read_void_conditions(ObjectReader& r) {
  const nlohmann::json* items = r.optional_array("void_conditions", kNoLimit);
  if (items == nullptr) return std::nullopt;
  const std::string path = r.path_of("void_conditions");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const nlohmann::json& item = (*items)[i];
    const std::string at = element_path(path, i);
    if (!item.is_string()) throw_wrong_type(at, "string", item);
    const auto& name = item.get_ref<const std::string&>();
    if (std::find(kVoidConditionNames.begin(), kVoidConditionNames.end(), name) == kVoidConditionNames.end()) {
      throw_unknown_value(at, name, kVoidConditionNames.data(), kVoidConditionNames.size());
    }
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      throw Error(Status::invalid_argument, at, quote_value(name) + " is listed twice");
    }
    out.push_back(name);
  }
  return out;
}

PartUse read_part(const nlohmann::json& value, const std::string& path, const Limits& limits) {
  ObjectReader r(value, path);
  PartUse p;
  p.sku = r.text("sku", limits.max_text_bytes);
  p.quantity = r.optional_integer("quantity", 1, 1000000).value_or(1);
  p.unit_cost = r.optional_integer("unit_cost", 0, kInt64Max).value_or(0);
  r.read_text("currency", 3, p.currency);
  r.finish();
  return p;
}

// ---- Encoding ---------------------------------------------------------------------------------

nlohmann::json to_json_value(const CaseLine& line) {
  nlohmann::json out = {{"line_no", line.line_no},
          {"sku", line.sku},
          {"serial", line.serial},
          {"lot", line.lot},
          {"sales_document", sales_document_value(line.sales_document)},
          {"reason_code", line.reason_code},
          {"defect_description", line.defect_description},
          {"condition", line.condition},
          {"qty_requested", line.qty_requested},
          {"qty_authorized", line.qty_authorized},
          {"qty_received", line.qty_received},
          {"qty_accepted", line.qty_accepted},
          {"replacement_serial", line.replacement_serial},
          {"purchase_date", date_value(line.purchase_date)},
          {"unit_price", line.unit_price},
          {"currency", line.currency},
          {"vat_rate_bp", line.vat_rate_bp},
          {"dispatch_document", line.dispatch_document},
          {"packers", line.packers},
          {"void_conditions", line.void_conditions},
          {"unused", bool_value(line.unused)},
          {"original_packaging", bool_value(line.original_packaging)},
          {"accessories_complete", bool_value(line.accessories_complete)},
          {"warranty", object_or_null(line.warranty, "warranty")},
          {"eligibility", object_or_null(line.eligibility, "eligibility")},
          {"flags", line.flags},
          {"claimed_amount", money_value(line.claimed_amount)}};
  // Only on a staff read (never stored, never in an event): absent otherwise.
  if (!line.fraud_signals.empty()) out["fraud_signals"] = line.fraud_signals;
  return out;
}

nlohmann::json to_json_value(const Note& note) {
  return {{"id", note.id},
          {"channel", visibility_name(note.channel)},
          {"author", note.author},
          {"body", note.body},
          {"created_at", note.created_at.to_iso()}};
}

nlohmann::json to_json_value(const Attachment& a) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"media_type", a.media_type},
          {"size_bytes", a.size_bytes},
          {"sha256", a.sha256},
          {"uri", a.uri},
          {"visibility", visibility_name(a.visibility)},
          {"added_by", a.added_by},
          {"created_at", a.created_at.to_iso()}};
}

nlohmann::json to_json_value(const Action& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"assignee", a.assignee},
          {"due_at", time_value(a.due_at)},
          {"done_at", time_value(a.done_at)},
          {"done_by", a.done_by},
          {"created_by", a.created_by},
          {"created_at", a.created_at.to_iso()}};
}

nlohmann::json to_json_value(const PartUse& p) {
  return {{"sku", p.sku}, {"quantity", p.quantity}, {"unit_cost", p.unit_cost}, {"currency", p.currency}};
}

nlohmann::json to_json_value(const RepairOperation& op) {
  nlohmann::json parts = nlohmann::json::array();
  for (const PartUse& p : op.parts) parts.push_back(to_json_value(p));
  return {{"id", op.id},
          {"line_no", op.line_no},
          {"code", op.code},
          {"description", op.description},
          {"labour_class", op.labour_class},
          {"minutes", op.minutes},
          {"parts", std::move(parts)},
          {"paid", op.paid},
          {"status", repair_status_name(op.status)},
          {"created_by", op.created_by},
          {"created_at", op.created_at.to_iso()},
          {"updated_by", op.updated_by},
          {"updated_at", op.updated_at.to_iso()}};
}

nlohmann::json to_json_value(const Case& c) {
  nlohmann::json lines = nlohmann::json::array();
  for (const CaseLine& line : c.lines) lines.push_back(to_json_value(line));
  nlohmann::json notes = nlohmann::json::array();
  for (const Note& note : c.notes) notes.push_back(to_json_value(note));
  nlohmann::json attachments = nlohmann::json::array();
  for (const Attachment& a : c.attachments) attachments.push_back(to_json_value(a));
  nlohmann::json actions = nlohmann::json::array();
  for (const Action& a : c.actions) actions.push_back(to_json_value(a));
  nlohmann::json repairs = nlohmann::json::array();
  for (const RepairOperation& op : c.repairs) repairs.push_back(to_json_value(op));
  return {{"id", c.id},
          {"number", c.number},
          {"kind", case_kind_name(c.kind)},
          {"category", complaint_category_name(c.category)},
          {"channel", channel_name(c.channel)},
          {"customer_id", c.customer_id},
          {"supplier_id", c.supplier_id},
          {"purchased_elsewhere", c.purchased_elsewhere},
          {"lines", std::move(lines)},
          {"priority", priority_name(c.priority)},
          {"assignee", c.assignee},
          {"team", c.team},
          {"status", c.status},
          {"status_since", c.status_since.to_iso()},
          {"workflow", c.workflow},
          {"workflow_version", c.workflow_version},
          {"decision_locked", c.decision_locked},
          {"expected_completion", date_value(c.expected_completion)},
          {"resolution", resolution_name(c.resolution)},
          {"root_cause", c.root_cause},
          {"custom_fields", object_value(c.custom_fields, "custom_fields")},
          {"split_from", c.split_from ? nlohmann::json(*c.split_from) : nlohmann::json(nullptr)},
          {"notes", std::move(notes)},
          {"attachments", std::move(attachments)},
          {"actions", std::move(actions)},
          {"repairs", std::move(repairs)},
          {"valuation", object_or_null(c.valuation, "valuation")},
          {"created_at", c.created_at.to_iso()},
          {"updated_at", c.updated_at.to_iso()},
          {"version", c.version}};
}

nlohmann::json to_json_value(const SplitResult& result) {
  return {{"original", to_json_value(result.original)}, {"created", to_json_value(result.created)}};
}

std::string case_to_json(const Case& c) { return dump_json(to_json_value(c)); }

nlohmann::json case_draft_to_json_value(const CaseDraft& draft) {
  nlohmann::json lines = nlohmann::json::array();
  for (const LineDraft& line : draft.lines) {
    nlohmann::json item = {{"sku", line.sku},
                           {"serial", line.serial},
                           {"lot", line.lot},
                           {"sales_document", sales_document_value(line.sales_document)},
                           {"reason_code", line.reason_code},
                           {"defect_description", line.defect_description},
                           {"condition", line.condition},
                           {"quantity", line.quantity}};
    // Only when set: drafts without one keep the fingerprint their idempotency key was stored with.
    if (line.claimed_amount) item["claimed_amount"] = money_value(line.claimed_amount);
    lines.push_back(std::move(item));
  }
  return {{"kind", case_kind_name(draft.kind)},
          {"category", complaint_category_name(draft.category)},
          {"channel", channel_name(draft.channel)},
          {"customer_id", draft.customer_id},
          {"supplier_id", draft.supplier_id},
          {"purchased_elsewhere", draft.purchased_elsewhere},
          {"lines", std::move(lines)},
          {"priority", priority_name(draft.priority)},
          {"assignee", draft.assignee},
          {"team", draft.team},
          {"expected_completion", date_value(draft.expected_completion)},
          {"custom_fields", object_value(draft.custom_fields, "custom_fields")},
          {"idempotency_key", draft.idempotency_key}};
}

std::string case_draft_to_json(const CaseDraft& draft) { return dump_json(case_draft_to_json_value(draft)); }

Case case_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  Case c;
  c.id = r.optional_integer("id", 0, kInt64Max).value_or(0);
  r.read_text("number", kNoLimit, c.number);
  c.kind = r.optional_enumeration("kind", case_kind_from_name, kCaseKindNames).value_or(c.kind);
  c.category = r.optional_enumeration("category", complaint_category_from_name, kCategoryNames).value_or(c.category);
  c.channel = r.optional_enumeration("channel", channel_from_name, kChannelNames).value_or(c.channel);
  r.read_text("customer_id", kNoLimit, c.customer_id);
  r.read_text("supplier_id", kNoLimit, c.supplier_id);
  c.purchased_elsewhere = r.optional_boolean("purchased_elsewhere").value_or(false);
  c.lines = read_elements<CaseLine>(r, "lines", kNoLimit, read_case_line);
  c.priority = r.optional_enumeration("priority", priority_from_name, kPriorityNames).value_or(c.priority);
  r.read_text("assignee", kNoLimit, c.assignee);
  r.read_text("team", kNoLimit, c.team);
  r.read_text("status", kNoLimit, c.status);
  c.status_since = r.optional_timestamp("status_since").value_or(c.status_since);
  r.read_text("workflow", kNoLimit, c.workflow);
  c.workflow_version = static_cast<std::int32_t>(r.optional_integer("workflow_version", 0, kInt32Max).value_or(0));
  c.decision_locked = r.optional_boolean("decision_locked").value_or(false);
  c.expected_completion = r.optional_date("expected_completion");
  c.resolution = r.optional_enumeration("resolution", resolution_from_name, kResolutionNames).value_or(c.resolution);
  r.read_text("root_cause", kNoLimit, c.root_cause);
  c.custom_fields = r.optional_object_text("custom_fields").value_or("{}");
  c.split_from = r.optional_integer("split_from", 1, kInt64Max);
  c.notes = read_elements<Note>(r, "notes", kNoLimit, read_note);
  c.attachments = read_elements<Attachment>(r, "attachments", kNoLimit, read_attachment);
  c.actions = read_elements<Action>(r, "actions", kNoLimit, read_action);
  c.repairs = read_elements<RepairOperation>(r, "repairs", kNoLimit, read_repair);
  c.valuation = r.optional_object_text("valuation").value_or(std::string());
  c.created_at = r.optional_timestamp("created_at").value_or(c.created_at);
  c.updated_at = r.optional_timestamp("updated_at").value_or(c.updated_at);
  c.version = r.optional_integer("version", 1, kInt64Max).value_or(c.version);
  r.finish();
  return c;
}

}  // namespace rma::codec
