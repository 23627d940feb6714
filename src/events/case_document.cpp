#include "events/case_document.hpp"

#include "events/stored_reader.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"

namespace rma::events {
namespace {

using json = nlohmann::json;

json time_or_null(const std::optional<Timestamp>& t) { return t ? json(t->to_iso()) : json(nullptr); }
json date_or_null(const std::optional<Date>& d) { return d ? json(d->to_iso()) : json(nullptr); }
json bool_or_null(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }
json money_or_null(const std::optional<Money>& m) { return m ? json(format_money(*m)) : json(nullptr); }

// Version 2 leaves out every member equal to the same member of a default-constructed value
// (empty texts and lists, nulls, false, zero quantities, default enum names): the decoders below
// read an absent member as exactly that default, so nothing is lost, and a created case holds a
// third of version 1's bytes.
json without_defaults(json full, const json& defaults) {
  for (auto it = defaults.begin(); it != defaults.end(); ++it) {
    const auto found = full.find(it.key());
    if (found != full.end() && *found == *it) full.erase(found);
  }
  return full;
}

// Object text kept on the case (custom fields, a line's verdict, the valuation) embedded as an
// object; `empty` stands for text that is not set.
json object_of(const std::string& text, json empty, const char* what) {
  if (text.empty()) return empty;
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    throw Error(Status::storage, what, "the stored JSON text does not parse");
  }
}

template <class T, class Encode>
json array_of(const std::vector<T>& items, Encode encode) {
  json out = json::array();
  for (const T& item : items) out.push_back(encode(item));
  return out;
}

template <class T, class Decode>
std::vector<T> read_all(const StoredReader& r, const char* key, Decode decode) {
  std::vector<T> out;
  for (const auto& [item, at] : r.elements(key)) out.push_back(decode(*item, at));
  return out;
}

std::optional<Money> read_money(const StoredReader& r, const char* key) {
  const std::string text = r.text(key);
  if (text.empty()) return std::nullopt;
  try {
    return parse_money(text, r.path_of(key));
  } catch (const Error& e) {
    throw Error(Status::storage, r.path_of(key), e.what());
  }
}

json full_part_document(const PartUse& p) {
  return {{"sku", p.sku}, {"quantity", p.quantity}, {"unit_cost", p.unit_cost}, {"currency", p.currency}};
}

json part_document(const PartUse& p, std::int32_t version) {
  if (version == 1) return full_part_document(p);
  static const json defaults = full_part_document(PartUse{});
  return without_defaults(full_part_document(p), defaults);
}

PartUse part_from_document(const json& value, const std::string& path) {
  const StoredReader r(value, path);
  PartUse p;
  p.sku = r.text("sku");
  p.quantity = r.integer("quantity", 1);
  p.unit_cost = r.integer("unit_cost");
  p.currency = r.text("currency");
  return p;
}

json full_line_document(const CaseLine& l) {
  const json sales = l.sales_document.document.empty()
                         ? json(nullptr)
                         : json{{"document", l.sales_document.document}, {"line", l.sales_document.line}};
  return {{"line_no", l.line_no},
          {"sku", l.sku},
          {"serial", l.serial},
          {"lot", l.lot},
          {"sales_document", sales},
          {"reason_code", l.reason_code},
          {"defect_description", l.defect_description},
          {"condition", l.condition},
          {"qty_requested", l.qty_requested},
          {"qty_authorized", l.qty_authorized},
          {"qty_received", l.qty_received},
          {"qty_accepted", l.qty_accepted},
          {"replacement_serial", l.replacement_serial},
          {"purchase_date", date_or_null(l.purchase_date)},
          {"unit_price", l.unit_price},
          {"currency", l.currency},
          {"vat_rate_bp", l.vat_rate_bp},
          {"dispatch_document", l.dispatch_document},
          {"packers", l.packers},
          {"void_conditions", l.void_conditions},
          {"unused", bool_or_null(l.unused)},
          {"original_packaging", bool_or_null(l.original_packaging)},
          {"accessories_complete", bool_or_null(l.accessories_complete)},
          {"warranty", object_of(l.warranty, nullptr, "warranty")},
          {"eligibility", object_of(l.eligibility, nullptr, "eligibility")},
          {"flags", l.flags},
          {"claimed_amount", money_or_null(l.claimed_amount)}};
}

json full_note_document(const Note& n) {
  return {{"id", n.id},
          {"channel", visibility_name(n.channel)},
          {"author", n.author},
          {"body", n.body},
          {"created_at", n.created_at.to_iso()}};
}

json full_attachment_document(const Attachment& a) {
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

json full_action_document(const Action& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"assignee", a.assignee},
          {"due_at", time_or_null(a.due_at)},
          {"done_at", time_or_null(a.done_at)},
          {"done_by", a.done_by},
          {"created_by", a.created_by},
          {"created_at", a.created_at.to_iso()}};
}

json full_repair_document(const RepairOperation& op, std::int32_t version) {
  return {{"id", op.id},
          {"line_no", op.line_no},
          {"code", op.code},
          {"description", op.description},
          {"labour_class", op.labour_class},
          {"minutes", op.minutes},
          {"parts", array_of(op.parts, [&](const PartUse& p) { return part_document(p, version); })},
          {"paid", op.paid},
          {"status", repair_status_name(op.status)},
          {"created_by", op.created_by},
          {"created_at", op.created_at.to_iso()},
          {"updated_by", op.updated_by},
          {"updated_at", op.updated_at.to_iso()}};
}

json full_case_document(const Case& c, std::int32_t version) {
  return {{"id", c.id},
          {"number", c.number},
          {"kind", case_kind_name(c.kind)},
          {"category", complaint_category_name(c.category)},
          {"channel", channel_name(c.channel)},
          {"customer_id", c.customer_id},
          {"supplier_id", c.supplier_id},
          {"purchased_elsewhere", c.purchased_elsewhere},
          {"lines", array_of(c.lines, [&](const CaseLine& l) { return line_document(l, version); })},
          {"priority", priority_name(c.priority)},
          {"assignee", c.assignee},
          {"team", c.team},
          {"status", c.status},
          {"status_since", c.status_since.to_iso()},
          {"workflow", c.workflow},
          {"workflow_version", c.workflow_version},
          {"decision_locked", c.decision_locked},
          {"expected_completion", date_or_null(c.expected_completion)},
          {"resolution", resolution_name(c.resolution)},
          {"root_cause", c.root_cause},
          {"custom_fields", object_of(c.custom_fields, json::object(), "custom_fields")},
          {"split_from", c.split_from ? json(*c.split_from) : json(nullptr)},
          {"notes", array_of(c.notes, [&](const Note& n) { return note_document(n, version); })},
          {"attachments", array_of(c.attachments, [&](const Attachment& a) { return attachment_document(a, version); })},
          {"actions", array_of(c.actions, [&](const Action& a) { return action_document(a, version); })},
          {"repairs", array_of(c.repairs, [&](const RepairOperation& r) { return repair_document(r, version); })},
          {"valuation", object_of(c.valuation, nullptr, "valuation")},
          {"created_at", c.created_at.to_iso()},
          {"updated_at", c.updated_at.to_iso()},
          {"version", c.version}};
}

}  // namespace

json line_document(const CaseLine& l, std::int32_t version) {
  if (version == 1) return full_line_document(l);
  static const json defaults = full_line_document(CaseLine{});
  return without_defaults(full_line_document(l), defaults);
}

json note_document(const Note& n, std::int32_t version) {
  if (version == 1) return full_note_document(n);
  static const json defaults = full_note_document(Note{});
  return without_defaults(full_note_document(n), defaults);
}

json attachment_document(const Attachment& a, std::int32_t version) {
  if (version == 1) return full_attachment_document(a);
  static const json defaults = full_attachment_document(Attachment{});
  return without_defaults(full_attachment_document(a), defaults);
}

json action_document(const Action& a, std::int32_t version) {
  if (version == 1) return full_action_document(a);
  static const json defaults = full_action_document(Action{});
  return without_defaults(full_action_document(a), defaults);
}

json repair_document(const RepairOperation& op, std::int32_t version) {
  if (version == 1) return full_repair_document(op, version);
  static const json defaults = full_repair_document(RepairOperation{}, version);
  return without_defaults(full_repair_document(op, version), defaults);
}

json case_document(const Case& c, std::int32_t version) {
  if (version == 1) return full_case_document(c, version);
  static const json defaults = full_case_document(Case{}, version);
  return without_defaults(full_case_document(c, version), defaults);
}

CaseLine line_from_document(const json& value, const std::string& path) {
  const StoredReader r(value, path);
  CaseLine l;
  l.line_no = static_cast<std::int32_t>(r.integer("line_no"));
  l.sku = r.text("sku");
  l.serial = r.text("serial");
  l.lot = r.text("lot");
  if (const json* sales = r.find("sales_document")) {
    const StoredReader s(*sales, r.path_of("sales_document"));
    l.sales_document.document = s.text("document");
    l.sales_document.line = static_cast<std::int32_t>(s.integer("line"));
  }
  l.reason_code = r.text("reason_code");
  l.defect_description = r.text("defect_description");
  l.condition = r.text("condition");
  l.qty_requested = r.integer("qty_requested");
  l.qty_authorized = r.integer("qty_authorized");
  l.qty_received = r.integer("qty_received");
  l.qty_accepted = r.integer("qty_accepted");
  l.replacement_serial = r.text("replacement_serial");
  l.purchase_date = r.optional_date("purchase_date");
  l.unit_price = r.integer("unit_price");
  l.currency = r.text("currency");
  l.vat_rate_bp = static_cast<std::int32_t>(r.integer("vat_rate_bp"));
  l.dispatch_document = r.text("dispatch_document");
  l.packers = r.texts("packers");
  l.void_conditions = r.texts("void_conditions");
  l.unused = r.optional_boolean("unused");
  l.original_packaging = r.optional_boolean("original_packaging");
  l.accessories_complete = r.optional_boolean("accessories_complete");
  l.warranty = r.object_text("warranty");
  l.eligibility = r.object_text("eligibility");
  l.flags = r.texts("flags");
  l.claimed_amount = read_money(r, "claimed_amount");
  return l;
}

Note note_from_document(const json& value, const std::string& path) {
  const StoredReader r(value, path);
  Note n;
  n.id = r.integer("id");
  n.channel = r.enumeration("channel", visibility_from_name, n.channel);
  n.author = r.text("author");
  n.body = r.text("body");
  n.created_at = r.timestamp("created_at");
  return n;
}

Attachment attachment_from_document(const json& value, const std::string& path) {
  const StoredReader r(value, path);
  Attachment a;
  a.id = r.integer("id");
  a.file_name = r.text("file_name");
  a.media_type = r.text("media_type");
  a.size_bytes = r.integer("size_bytes");
  a.sha256 = r.text("sha256");
  a.uri = r.text("uri");
  a.visibility = r.enumeration("visibility", visibility_from_name, a.visibility);
  a.added_by = r.text("added_by");
  a.created_at = r.timestamp("created_at");
  return a;
}

Action action_from_document(const json& value, const std::string& path) {
  const StoredReader r(value, path);
  Action a;
  a.id = r.integer("id");
  a.title = r.text("title");
  a.assignee = r.text("assignee");
  a.due_at = r.optional_timestamp("due_at");
  a.done_at = r.optional_timestamp("done_at");
  a.done_by = r.text("done_by");
  a.created_by = r.text("created_by");
  a.created_at = r.timestamp("created_at");
  return a;
}

RepairOperation repair_from_document(const json& value, const std::string& path) {
  const StoredReader r(value, path);
  RepairOperation op;
  op.id = r.integer("id");
  op.line_no = static_cast<std::int32_t>(r.integer("line_no"));
  op.code = r.text("code");
  op.description = r.text("description");
  op.labour_class = r.text("labour_class");
  op.minutes = static_cast<std::int32_t>(r.integer("minutes"));
  op.parts = read_all<PartUse>(r, "parts", part_from_document);
  op.paid = r.boolean("paid");
  op.status = r.enumeration("status", repair_status_from_name, op.status);
  op.created_by = r.text("created_by");
  op.created_at = r.timestamp("created_at");
  op.updated_by = r.text("updated_by");
  op.updated_at = r.timestamp("updated_at");
  return op;
}

Case case_from_document(const json& value, const std::string& path) {
  const StoredReader r(value, path);
  Case c;
  c.id = r.integer("id");
  c.number = r.text("number");
  c.kind = r.enumeration("kind", case_kind_from_name, c.kind);
  c.category = r.enumeration("category", complaint_category_from_name, c.category);
  c.channel = r.enumeration("channel", channel_from_name, c.channel);
  c.customer_id = r.text("customer_id");
  c.supplier_id = r.text("supplier_id");
  c.purchased_elsewhere = r.boolean("purchased_elsewhere");
  c.lines = read_all<CaseLine>(r, "lines", line_from_document);
  c.priority = r.enumeration("priority", priority_from_name, c.priority);
  c.assignee = r.text("assignee");
  c.team = r.text("team");
  c.status = r.text("status", c.status);
  c.status_since = r.timestamp("status_since");
  c.workflow = r.text("workflow");
  c.workflow_version = static_cast<std::int32_t>(r.integer("workflow_version"));
  c.decision_locked = r.boolean("decision_locked");
  c.expected_completion = r.optional_date("expected_completion");
  c.resolution = r.enumeration("resolution", resolution_from_name, c.resolution);
  c.root_cause = r.text("root_cause");
  c.custom_fields = r.find("custom_fields") ? r.object_text("custom_fields") : std::string("{}");
  c.split_from = r.optional_integer("split_from");
  c.notes = read_all<Note>(r, "notes", note_from_document);
  c.attachments = read_all<Attachment>(r, "attachments", attachment_from_document);
  c.actions = read_all<Action>(r, "actions", action_from_document);
  c.repairs = read_all<RepairOperation>(r, "repairs", repair_from_document);
  c.valuation = r.object_text("valuation");
  c.created_at = r.timestamp("created_at");
  c.updated_at = r.timestamp("updated_at");
  c.version = r.integer("version", c.version);
  return c;
}

}  // namespace rma::events
