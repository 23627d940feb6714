#include "domain/personal_data.hpp"

#include <algorithm>

namespace rma::domain {
namespace {

using nlohmann::json;

// Why the members that are not personal data are not: a reason each, named once.
constexpr std::string_view kId = "an identifier: a pseudonym the host maps to a person, if at all";
constexpr std::string_view kActor = "an actor id: staff's login or the claimant's pseudonym";
constexpr std::string_view kCode = "a code, state or name from librma's or the host's configuration";
constexpr std::string_view kGoods = "about the goods, not the person: product, unit or sale facts";
constexpr std::string_view kFigure = "a quantity, amount, flag or time";
constexpr std::string_view kStaffText = "staff's own wording about the work, not the claimant's";
constexpr std::string_view kJurisdiction = "the jurisdiction the retention period is counted in";

MemberClass yes(std::string_view member, std::string_view why) { return {member, true, why}; }
MemberClass no(std::string_view member, std::string_view why) { return {member, false, why}; }

const std::vector<RecordClass>& records() {
  static const std::vector<RecordClass> kRecords = {
      {"customer",
       {no("id", kId), yes("name", "a person's or a sole trader's name"), yes("tax_id", "identifies a person"),
        yes("addresses", "where a person lives (see address)"), yes("email", "contact data"),
        yes("phones", "contact data"), no("tier", kCode), no("language", kCode)}},
      {"address",
       {no("kind", kCode), yes("line1", "where a person lives"), yes("line2", "where a person lives"),
        yes("city", "where a person lives"), yes("postal_code", "where a person lives"),
        yes("region", "where a person lives"), no("country", kJurisdiction)}},
      {"case",
       {no("id", kId), no("number", kId), no("kind", kCode), no("category", kCode), no("channel", kCode),
        no("customer_id", kId), no("supplier_id", kId), no("purchased_elsewhere", kFigure),
        no("lines", "a list of case lines (see case_line)"), no("priority", kCode), no("assignee", kActor),
        no("team", kCode), no("status", kCode), no("status_since", kFigure), no("workflow", kCode),
        no("workflow_version", kFigure), no("decision_locked", kFigure), no("expected_completion", kFigure),
        no("resolution", kCode), no("root_cause", kStaffText),
        yes("custom_fields", "the host's own fields may hold contacts (each member but the kept ones)"),
        no("split_from", kId), no("notes", "a list of notes (see note)"),
        no("attachments", "a list of attachments (see attachment)"), no("actions", "a list of actions (see action)"),
        no("repairs", "a list of repair operations (see repair)"), no("valuation", kFigure),
        no("created_at", kFigure), no("updated_at", kFigure), no("version", kFigure)}},
      {"case_line",
       {no("line_no", kFigure), no("sku", kGoods), no("serial", kGoods), no("lot", kGoods),
        no("sales_document", kGoods), no("reason_code", kCode),
        yes("defect_description", "free text the claimant writes"), no("condition", kStaffText),
        no("qty_requested", kFigure), no("qty_authorized", kFigure), no("qty_received", kFigure),
        no("qty_accepted", kFigure), no("replacement_serial", kGoods), no("purchase_date", kGoods),
        no("unit_price", kGoods), no("currency", kGoods), no("vat_rate_bp", kGoods),
        no("dispatch_document", kGoods), no("packers", "staff who packed the goods, not the claimant"),
        no("void_conditions", kCode), no("unused", kFigure), no("original_packaging", kFigure),
        no("accessories_complete", kFigure), no("warranty", "a verdict librma computed from the goods"),
        no("eligibility", "a verdict librma computed from the goods"), no("flags", kCode),
        no("claimed_amount", kFigure)}},
      {"note",
       {no("id", kId), no("channel", kCode), no("author", kActor),
        yes("body", "free text by or about the claimant"), no("created_at", kFigure)}},
      {"attachment",
       {no("id", kId), yes("file_name", "names what the claimant sent, often after them"),
        no("media_type", kCode), no("size_bytes", kFigure),
        no("sha256", "names content the host must delete itself, revealing nothing of it"),
        yes("uri", "where the claimant's file is kept, often named after them"), no("visibility", kCode),
        no("added_by", kActor), no("created_at", kFigure)}},
      {"action",
       {no("id", kId), no("title", kStaffText), no("assignee", kActor), no("due_at", kFigure),
        no("done_at", kFigure), no("done_by", kActor), no("created_by", kActor), no("created_at", kFigure)}},
      {"repair",
       {no("id", kId), no("line_no", kFigure), no("code", kCode), no("description", kStaffText),
        no("labour_class", kCode), no("minutes", kFigure), no("parts", "parts used (see part)"), no("paid", kFigure),
        no("status", kCode), no("created_by", kActor), no("created_at", kFigure), no("updated_by", kActor),
        no("updated_at", kFigure)}},
      {"part", {no("sku", kGoods), no("quantity", kFigure), no("unit_cost", kFigure), no("currency", kFigure)}},
      {"outbox_message",
       {no("seq", kId), no("case_id", kId), no("topic", kCode),
        yes("payload", "the host's own messages may hold anything (each member but the identifiers)"),
        no("created_at", kFigure)}},
  };
  return kRecords;
}

// The members of an outbox payload erasure leaves: the identifiers of librma's own messages.
constexpr std::string_view kOutboxIdentifiers[] = {"topic", "case_id", "case_number", "customer_id", "supplier_id"};

std::string erased_text(const std::string& text) { return text.empty() ? text : std::string(kErased); }

PersonalPath parse_path(std::string_view text) {
  PersonalPath path{text, {}};
  for (std::string_view rest = text; !rest.empty();) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    PathSegment segment;
    if (part == "[]") {
      segment.kind = PathSegment::Kind::each_element;
    } else if (part == "{}") {
      segment.kind = PathSegment::Kind::each_member;
    } else if (const std::size_t hash = part.find('#'); hash != std::string_view::npos) {
      segment.kind = PathSegment::Kind::numbered_member;
      segment.name = std::string(part.substr(0, hash));
      segment.tail = std::string(part.substr(hash + 1));
    } else {
      segment.name = std::string(part);
    }
    path.segments.push_back(std::move(segment));
  }
  return path;
}

}  // namespace

const std::vector<RecordClass>& personal_records() { return records(); }

const MemberClass* member_class(std::string_view record, std::string_view member) {
  for (const RecordClass& r : records()) {
    if (r.record != record) continue;
    for (const MemberClass& m : r.members) {
      if (m.member == member) return &m;
    }
  }
  return nullptr;
}

Customer erased_customer(Customer c) {
  c.name = erased_text(c.name);
  c.tax_id = erased_text(c.tax_id);
  c.email = erased_text(c.email);
  for (std::string& phone : c.phones) phone = erased_text(phone);
  for (Address& a : c.addresses) {
    a.line1 = erased_text(a.line1);
    a.line2 = erased_text(a.line2);
    a.city = erased_text(a.city);
    a.postal_code = erased_text(a.postal_code);
    a.region = erased_text(a.region);
  }
  return c;
}

std::string erased_custom_fields(const std::string& fields_json, const KeptFields& kept) {
  json fields = json::parse(fields_json.empty() ? "{}" : fields_json);
  if (!fields.is_object()) return fields_json;
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (!is_kept(kept, it.key()) && holds_something(*it)) *it = kErased;
  }
  return fields.dump();
}

Case erased_case(Case c, const KeptFields& kept) {
  c.custom_fields = erased_custom_fields(c.custom_fields, kept);
  for (CaseLine& l : c.lines) l.defect_description = erased_text(l.defect_description);
  for (Note& n : c.notes) n.body = erased_text(n.body);
  for (Attachment& a : c.attachments) {
    a.file_name = erased_text(a.file_name);
    a.uri = erased_text(a.uri);
  }
  return c;
}

std::string erased_outbox_payload(const std::string& payload_json) {
  json payload = json::parse(payload_json);
  if (!payload.is_object()) return payload_json;
  for (auto it = payload.begin(); it != payload.end(); ++it) {
    const bool identifier = std::find(std::begin(kOutboxIdentifiers), std::end(kOutboxIdentifiers), it.key()) !=
                            std::end(kOutboxIdentifiers);
    if (!identifier && holds_something(*it)) *it = kErased;
  }
  return payload.dump();
}

std::vector<std::string> erased_members(std::string_view record_group) {
  // A case's erasure covers its own records; a customer's its record and addresses.
  static const std::vector<std::string_view> kCaseRecords = {"case", "case_line", "note", "attachment",
                                                             "outbox_message"};
  static const std::vector<std::string_view> kCustomerRecords = {"customer", "address"};
  const auto& group = record_group == "customer" ? kCustomerRecords : kCaseRecords;
  std::vector<std::string> out;
  for (const RecordClass& r : records()) {
    if (std::find(group.begin(), group.end(), r.record) == group.end()) continue;
    for (const MemberClass& m : r.members) {
      if (m.personal && !(r.record == "customer" && m.member == "addresses")) {
        out.push_back(std::string(r.record) + "." + std::string(m.member));
      }
    }
  }
  return out;
}

bool is_kept(const KeptFields& kept, const std::string& name) {
  return std::find(kept.begin(), kept.end(), name) != kept.end();
}

bool matches_numbered(const PathSegment& segment, const std::string& name) {
  const std::string& head = segment.name;
  const std::string& tail = segment.tail;
  if (name.size() <= head.size() + tail.size() || name.compare(0, head.size(), head) != 0 ||
      name.compare(name.size() - tail.size(), tail.size(), tail) != 0) {
    return false;
  }
  return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(head.size()),
                     name.end() - static_cast<std::ptrdiff_t>(tail.size()),
                     [](char ch) { return ch >= '0' && ch <= '9'; });
}

const std::vector<PersonalPaths>& personal_event_paths() {
  // A case's changes ({"field": {"before", "after"}}), as patches and workflow effects write them.
  static const std::vector<std::string_view> kChanges = {
      "changes/custom_fields/before/{}", "changes/custom_fields/after/{}",
      "changes/lines[#].defect_description/before", "changes/lines[#].defect_description/after"};
  static const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> kEvents = {
      {"case.created",
       {"case/custom_fields/{}", "case/lines/[]/defect_description", "case/notes/[]/body",
        "case/attachments/[]/file_name", "case/attachments/[]/uri"}},
      {"case.updated", kChanges},
      {"case.split", {"changes/lines/before/[]/defect_description", "changes/lines/after/[]/defect_description"}},
      // A transition's effects and a reopen change no line today; their changes are sealed alike
      // all the same, so a future effect cannot leak one.
      {"case.transitioned", kChanges},
      {"case.reopened", kChanges},
      {"case.deleted", {}},
      {"case.valued", {}},
      {"note.added", {"note/body"}},
      {"attachment.added", {"attachment/file_name", "attachment/uri"}},
      {"action.added", {}},
      {"action.completed", {}},
      {"repair.added", {}},
      {"repair.updated", {}},
      {"line.checked", {}},
      {"unit.replaced", {}},
      {"notification.requested", {}},
      {"outbox.posted", {}},
      {"access.denied", {}},
      {"transition.denied", {}},
      {"sla.warning", {}},
      {"sla.breached", {}},
      {"customer.upserted",
       {"before/name", "before/tax_id", "before/email", "before/phones/[]", "before/addresses/[]/line1",
        "before/addresses/[]/line2", "before/addresses/[]/city", "before/addresses/[]/postal_code",
        "before/addresses/[]/region", "after/name", "after/tax_id", "after/email", "after/phones/[]",
        "after/addresses/[]/line1", "after/addresses/[]/line2", "after/addresses/[]/city",
        "after/addresses/[]/postal_code", "after/addresses/[]/region"}},
      {"supplier.upserted", {}},
      {"operator.upserted", {}},
      {"product.upserted", {}},
      {"import.completed", {}},
      {"sla.configured", {}},
      {"valuation.configured", {}},
      {"warranty.configured", {}},
      {"workflows.configured", {}},
      {"extended_warranty.added", {}},
      {"unit.registered", {}},
      {"outbox.acknowledged", {}},
      {"privacy.configured", {}},
      {"privacy.erased", {}},
      {"quality.alert", {}},  // counts, codes and case ids
      {"quality.acknowledged", {}},
      {"languages.configured", {}},
  };
  static const std::vector<PersonalPaths> kParsed = [] {
    std::vector<PersonalPaths> out;
    for (const auto& [type, texts] : kEvents) {
      PersonalPaths entry{type, {}};
      for (std::string_view text : texts) entry.paths.push_back(parse_path(text));
      out.push_back(std::move(entry));
    }
    return out;
  }();
  return kParsed;
}

const std::vector<PersonalPath>* personal_paths(std::string_view event_type) {
  for (const PersonalPaths& e : personal_event_paths()) {
    if (e.event_type == event_type) return e.paths.empty() ? nullptr : &e.paths;
  }
  return nullptr;
}

}  // namespace rma::domain
