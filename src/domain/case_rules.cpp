#include "domain/case_rules.hpp"

#include <algorithm>
#include <limits>

#include "domain/repair_costs.hpp"
#include "domain/valuation_messages.hpp"
#include "domain/warranty_rules.hpp"
#include "json/parse.hpp"
#include "json/utf8.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"

namespace rma::domain {
namespace {

using nlohmann::json;

std::string line_field(std::size_t index, const char* member) {
  return "lines[" + std::to_string(index) + "]." + member;
}

void check_quantity(const std::string& field, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min || value > max) {
    throw Error(Status::out_of_range, field,
                "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                    std::to_string(value));
  }
}

// A JSON object given as text (custom fields); returns it parsed. Nesting deeper than `max_depth`
// is too_large, refused while parsing.
json parse_object(const std::string& field, const std::string& text, std::int32_t max_depth) {
  json value = codec::parse_json(text, field, max_depth);
  if (!value.is_object()) throw Error(Status::wrong_type, field, "must be a JSON object");
  return value;
}

// C++ callers can cast any integer to an enum; refuse values the enum does not name.
template <class E>
void check_enum(const char* field, E value, E last) {
  const int v = static_cast<int>(value);
  if (v < 0 || v > static_cast<int>(last)) {
    throw Error(Status::unknown_value, field, "unknown value " + std::to_string(v));
  }
}

bool is_lower_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); });
}

// Records a replaced value in the change set and assigns it.
template <class T, class ToJson>
void change(json& changes, const std::string& field, T& target, const T& value, ToJson to_json) {
  if (target == value) return;
  changes[field] = {{"before", to_json(target)}, {"after", to_json(value)}};
  target = value;
}

json text_json(const std::string& s) { return s; }
json int_json(std::int64_t v) { return v; }
json money_json(const std::optional<Money>& m) { return m ? json(format_money(*m)) : json(nullptr); }

// A claimed amount on its own: a known currency, not negative.
void check_claimed_value(const std::string& field, const Money& m) {
  require_currency(m.currency, field);
  if (m.minor < 0) throw Error(Status::out_of_range, field, format_money(m) + " is negative");
}

}  // namespace

void check_claimed_amount(const Case& c, const CaseLine& line, const std::string& field) {
  if (!line.claimed_amount) return;
  const Money& m = *line.claimed_amount;
  check_claimed_value(field, m);
  // The line's currency; for an unpriced line the case's (the first priced line's, else the
  // first claimed amount's), as the valuation values it.
  std::string currency = line.currency;
  for (const CaseLine& l : c.lines) {
    if (currency.empty()) currency = l.currency;
  }
  Money total{0, m.currency};
  for (const CaseLine& l : c.lines) {
    if (!l.claimed_amount) continue;
    if (currency.empty()) currency = l.claimed_amount->currency;
    // The case's claimed value adds them up: the sum must fit as well.
    if (l.claimed_amount->currency == m.currency) {
      try {
        total = add(total, *l.claimed_amount, field);
      } catch (const Error&) {
        throw Error(Status::out_of_range, field, "the case's claimed amounts add up to more than 64 bits hold");
      }
    }
  }
  if (m.currency != currency) {
    throw Error(Status::invalid_argument, field,
                format_money(m) + " is not in " + currency + ", the currency of the " +
                    (line.currency.empty() ? "case" : "line's sale"));
  }
}

void check_text(const std::string& field, const std::string& value, std::int64_t max_bytes, bool required,
                bool multi_line) {
  if (required && value.empty()) throw Error(Status::missing_field, field, "is required and must not be empty");
  if (static_cast<std::int64_t>(value.size()) > max_bytes) {
    throw Error(Status::too_large, field,
                std::to_string(value.size()) + " bytes is over the limit of " + std::to_string(max_bytes));
  }
  std::size_t bad = detail::first_invalid_utf8(value);
  if (bad != std::string::npos) {
    throw Error(Status::invalid_utf8, field, "invalid UTF-8 at byte " + std::to_string(bad));
  }
  for (unsigned char ch : value) {
    bool allowed_control = multi_line && (ch == '\n' || ch == '\r' || ch == '\t');
    if ((ch < 0x20 || ch == 0x7f) && !allowed_control) {
      throw Error(Status::invalid_argument, field, "contains a control character");
    }
  }
}

void validate_draft(const CaseDraft& d, const Limits& limits) {
  const std::int64_t text = limits.max_text_bytes;
  check_enum("kind", d.kind, CaseKind::customization);
  check_enum("category", d.category, ComplaintCategory::transport);
  check_enum("channel", d.channel, Channel::supplier);
  check_enum("priority", d.priority, Priority::urgent);
  check_text("customer_id", d.customer_id, text, /*required=*/true);
  check_text("supplier_id", d.supplier_id, text);
  check_text("assignee", d.assignee, text);
  check_text("team", d.team, text);
  check_text("idempotency_key", d.idempotency_key, 256);  // 256: keys are ids, never prose
  if (d.kind == CaseKind::complaint && d.category == ComplaintCategory::none) {
    throw Error(Status::missing_field, "category", "a complaint needs a category: quality, quantity or transport");
  }
  if (d.kind != CaseKind::complaint && d.category != ComplaintCategory::none) {
    throw Error(Status::invalid_argument, "category", "only complaints have a category");
  }
  if (d.channel == Channel::supplier && d.supplier_id.empty()) {
    throw Error(Status::missing_field, "supplier_id", "a supplier-channel case needs the supplier it goes to");
  }
  check_text("custom_fields", d.custom_fields, limits.max_request_bytes, false, true);
  parse_object("custom_fields", d.custom_fields, limits.max_json_depth);
  if (d.lines.empty()) throw Error(Status::missing_field, "lines", "a case needs at least one line");
  if (static_cast<std::int64_t>(d.lines.size()) > limits.max_lines_per_case) {
    throw Error(Status::too_large, "lines",
                std::to_string(d.lines.size()) + " lines is over the limit of " +
                    std::to_string(limits.max_lines_per_case));
  }
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const LineDraft& l = d.lines[i];
    check_text(line_field(i, "sku"), l.sku, text, /*required=*/true);
    check_text(line_field(i, "serial"), l.serial, text);
    check_text(line_field(i, "lot"), l.lot, text);
    check_text(line_field(i, "sales_document.document"), l.sales_document.document, text);
    check_text(line_field(i, "reason_code"), l.reason_code, text);
    check_text(line_field(i, "defect_description"), l.defect_description, limits.max_note_bytes, false, true);
    check_text(line_field(i, "condition"), l.condition, text);
    check_quantity(line_field(i, "quantity"), l.quantity, 1, std::numeric_limits<std::int32_t>::max());
    if (l.sales_document.document.empty() && l.sales_document.line != 0) {
      throw Error(Status::missing_field, line_field(i, "sales_document.document"),
                  "a sales document line needs its document");
    }
    if (!l.sales_document.document.empty() && l.sales_document.line < 0) {
      throw Error(Status::out_of_range, line_field(i, "sales_document.line"), "must not be negative");
    }
    if (l.claimed_amount) check_claimed_value(line_field(i, "claimed_amount"), *l.claimed_amount);
    if (d.purchased_elsewhere && !l.sales_document.document.empty()) {
      throw Error(Status::invalid_argument, line_field(i, "sales_document"),
                  "goods purchased elsewhere have no sales document of ours");
    }
  }
}

Case new_case(const CaseDraft& d, const std::string& number, Timestamp now) {
  Case c;
  c.number = number;
  c.kind = d.kind;
  c.category = d.category;
  c.channel = d.channel;
  c.customer_id = d.customer_id;
  c.supplier_id = d.supplier_id;
  c.purchased_elsewhere = d.purchased_elsewhere;
  c.priority = d.priority;
  c.assignee = d.assignee;
  c.team = d.team;
  c.expected_completion = d.expected_completion;
  // validate_draft bounded the text by the engine's depth limit.
  c.custom_fields = parse_object("custom_fields", d.custom_fields, codec::kStoredJsonDepth).dump();
  c.created_at = now;
  c.updated_at = now;
  c.version = 1;
  std::int32_t line_no = 0;
  for (const LineDraft& l : d.lines) {
    CaseLine line;
    line.line_no = ++line_no;
    line.sku = l.sku;
    line.serial = l.serial;
    line.lot = l.lot;
    line.sales_document = l.sales_document;
    line.reason_code = l.reason_code;
    line.defect_description = l.defect_description;
    line.condition = l.condition;
    line.qty_requested = l.quantity;
    line.claimed_amount = l.claimed_amount;
    c.lines.push_back(std::move(line));
  }
  return c;
}

LineDraft line_draft_of(const CaseLine& l) {
  LineDraft d;
  d.sku = l.sku;
  d.serial = l.serial;
  d.lot = l.lot;
  d.sales_document = l.sales_document;
  d.reason_code = l.reason_code;
  d.defect_description = l.defect_description;
  d.condition = l.condition;
  d.quantity = l.qty_requested;
  d.claimed_amount = l.claimed_amount;
  return d;
}

void validate_repair(const RepairOperationDraft& r, const Case& c, const Limits& limits) {
  if (r.line_no != 0 && std::none_of(c.lines.begin(), c.lines.end(),
                                     [&](const CaseLine& l) { return l.line_no == r.line_no; })) {
    throw Error(Status::not_found, "line_no", "the case has no line " + std::to_string(r.line_no));
  }
  check_text("code", r.code, limits.max_text_bytes, /*required=*/true);
  check_text("description", r.description, limits.max_note_bytes, false, true);
  check_text("labour_class", r.labour_class, limits.max_text_bytes);
  check_quantity("minutes", r.minutes, 0, kMaxRepairMinutes);
  if (r.parts.size() > 200) throw Error(Status::too_large, "parts", "at most 200 parts per operation");
  for (std::size_t i = 0; i < r.parts.size(); ++i) {
    const PartUse& p = r.parts[i];
    const std::string at = "parts[" + std::to_string(i) + "]";
    check_text(at + ".sku", p.sku, limits.max_text_bytes, /*required=*/true);
    if (p.quantity < 1 || p.quantity > 1000000) {
      throw Error(Status::out_of_range, at + ".quantity", "must be between 1 and 1000000, got " + std::to_string(p.quantity));
    }
    if (p.unit_cost < 0) throw Error(Status::out_of_range, at + ".unit_cost", "must not be negative");
    if (p.unit_cost > 0 || !p.currency.empty()) require_currency(p.currency, at + ".currency");
  }
}

json apply_patch(Case& c, const CasePatch& p, const Limits& limits) {
  const std::int64_t text = limits.max_text_bytes;
  json changes = json::object();
  if (p.priority) check_enum("changes.priority", *p.priority, Priority::urgent);
  if (p.resolution) check_enum("changes.resolution", *p.resolution, Resolution::goodwill);
  if (p.priority) {
    change(changes, "priority", c.priority, *p.priority, [](Priority v) { return json(priority_name(v)); });
  }
  if (p.assignee) {
    check_text("changes.assignee", *p.assignee, text);
    change(changes, "assignee", c.assignee, *p.assignee, text_json);
  }
  if (p.team) {
    check_text("changes.team", *p.team, text);
    change(changes, "team", c.team, *p.team, text_json);
  }
  if (p.expected_completion) {
    change(changes, "expected_completion", c.expected_completion, *p.expected_completion,
           [](const std::optional<Date>& d) { return d ? json(d->to_iso()) : json(nullptr); });
  }
  if (p.resolution) {
    change(changes, "resolution", c.resolution, *p.resolution, [](Resolution v) { return json(resolution_name(v)); });
  }
  if (p.root_cause) {
    check_text("changes.root_cause", *p.root_cause, text);
    change(changes, "root_cause", c.root_cause, *p.root_cause, text_json);
  }
  if (p.custom_fields) {
    check_text("changes.custom_fields", *p.custom_fields, limits.max_request_bytes, false, true);
    json merge = codec::parse_json(*p.custom_fields, "changes.custom_fields", limits.max_json_depth);
    // The stored fields were bounded when they came in; merging keeps the deeper of the two depths.
    json fields = json::parse(c.custom_fields);
    json before = fields;
    fields.merge_patch(merge);
    if (!fields.is_object()) throw Error(Status::wrong_type, "changes.custom_fields", "must leave a JSON object");
    if (fields != before) {
      changes["custom_fields"] = {{"before", before}, {"after", fields}};
      c.custom_fields = fields.dump();
    }
  }
  for (std::size_t i = 0; i < p.lines.size(); ++i) {
    const LinePatch& lp = p.lines[i];
    const std::string at = "changes.lines[" + std::to_string(i) + "]";
    auto it = std::find_if(c.lines.begin(), c.lines.end(), [&](const CaseLine& l) { return l.line_no == lp.line_no; });
    if (it == c.lines.end()) {
      throw Error(Status::not_found, at + ".line_no", "the case has no line " + std::to_string(lp.line_no));
    }
    CaseLine& l = *it;
    const std::string prefix = "lines[" + std::to_string(l.line_no) + "].";
    auto quantity = [&](const char* member, std::int64_t& target, const std::optional<std::int64_t>& value) {
      if (value) change(changes, prefix + member, target, *value, int_json);
    };
    quantity("qty_authorized", l.qty_authorized, lp.qty_authorized);
    quantity("qty_received", l.qty_received, lp.qty_received);
    quantity("qty_accepted", l.qty_accepted, lp.qty_accepted);
    auto text_member = [&](const char* member, std::string& target, const std::optional<std::string>& value,
                           std::int64_t max, bool multi_line) {
      if (!value) return;
      check_text(at + "." + member, *value, max, false, multi_line);
      change(changes, prefix + member, target, *value, text_json);
    };
    text_member("reason_code", l.reason_code, lp.reason_code, text, false);
    text_member("defect_description", l.defect_description, lp.defect_description, limits.max_note_bytes, true);
    text_member("condition", l.condition, lp.condition, text, false);
    text_member("replacement_serial", l.replacement_serial, lp.replacement_serial, text, false);
    if (lp.void_conditions) {
      for (std::size_t j = 0; j < lp.void_conditions->size(); ++j) {
        const std::string& name = (*lp.void_conditions)[j];
        if (!is_void_condition(name)) {
          throw Error(Status::unknown_value, at + ".void_conditions[" + std::to_string(j) + "]",
                      "unknown void condition '" + name + "'");
        }
      }
      change(changes, prefix + "void_conditions", l.void_conditions, *lp.void_conditions,
             [](const std::vector<std::string>& v) { return json(v); });
    }
    auto flag = [&](const char* member, std::optional<bool>& target, const std::optional<bool>& value) {
      if (value) {
        change(changes, prefix + member, target, std::optional<bool>(*value),
               [](const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); });
      }
    };
    flag("unused", l.unused, lp.unused);
    flag("original_packaging", l.original_packaging, lp.original_packaging);
    flag("accessories_complete", l.accessories_complete, lp.accessories_complete);
    if (lp.claimed_amount) change(changes, prefix + "claimed_amount", l.claimed_amount, *lp.claimed_amount, money_json);
    // Checked after all of the line's members are applied, so that one patch may raise received
    // and accepted together.
    check_quantity(at + ".qty_authorized", l.qty_authorized, 0, l.qty_requested);
    check_quantity(at + ".qty_received", l.qty_received, 0, l.qty_requested);
    check_quantity(at + ".qty_accepted", l.qty_accepted, 0, l.qty_received);
  }
  // After every line is patched, so that one patch may move several lines' claims together.
  for (std::size_t i = 0; i < p.lines.size(); ++i) {
    if (!p.lines[i].claimed_amount) continue;
    const auto it = std::find_if(c.lines.begin(), c.lines.end(),
                                 [&](const CaseLine& l) { return l.line_no == p.lines[i].line_no; });
    check_claimed_amount(c, *it, "changes.lines[" + std::to_string(i) + "].claimed_amount");
  }
  return changes;
}

void validate_note(const NoteDraft& n, const Limits& limits) {
  check_enum("channel", n.channel, Visibility::external);
  check_text("body", n.body, limits.max_note_bytes, /*required=*/true, /*multi_line=*/true);
}

void validate_attachment(const AttachmentDraft& a, const Limits& limits) {
  check_enum("visibility", a.visibility, Visibility::external);
  check_text("file_name", a.file_name, 255, /*required=*/true);
  if (a.file_name.find_first_of("/\\") != std::string::npos || a.file_name == "." || a.file_name == "..") {
    throw Error(Status::invalid_argument, "file_name", "must be a plain file name, got '" + a.file_name + "'");
  }
  check_text("media_type", a.media_type, 255, /*required=*/true);
  if (a.media_type.find('/') == std::string::npos) {
    throw Error(Status::invalid_argument, "media_type", "must look like type/subtype, got '" + a.media_type + "'");
  }
  check_quantity("size_bytes", a.size_bytes, 0, INT64_MAX);
  if (a.size_bytes > limits.max_attachment_bytes) {
    throw Error(Status::too_large, "size_bytes",
                std::to_string(a.size_bytes) + " bytes is over the limit of " +
                    std::to_string(limits.max_attachment_bytes));
  }
  if (a.sha256.size() != 64 || !is_lower_hex(a.sha256)) {
    throw Error(Status::invalid_argument, "sha256", "must be 64 lower-case hex digits");
  }
  check_text("uri", a.uri, limits.max_text_bytes);
}

void validate_action(const ActionDraft& a, const Limits& limits) {
  check_text("title", a.title, limits.max_text_bytes, /*required=*/true);
  check_text("assignee", a.assignee, limits.max_text_bytes);
}

std::vector<CaseLine> split_lines(Case& original, const SplitRequest& request) {
  if (request.lines.empty()) throw Error(Status::missing_field, "lines", "name at least one line to move");
  std::vector<CaseLine> moved;
  std::vector<std::int32_t> seen;
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    const SplitLine& s = request.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "]";
    if (std::find(seen.begin(), seen.end(), s.line_no) != seen.end()) {
      throw Error(Status::invalid_argument, at + ".line_no", "line " + std::to_string(s.line_no) + " is named twice");
    }
    seen.push_back(s.line_no);
    auto it = std::find_if(original.lines.begin(), original.lines.end(),
                           [&](const CaseLine& l) { return l.line_no == s.line_no; });
    if (it == original.lines.end()) {
      throw Error(Status::not_found, at + ".line_no", "the case has no line " + std::to_string(s.line_no));
    }
    const std::int64_t movable = it->qty_requested - it->qty_received;
    check_quantity(at + ".quantity", s.quantity, 1, movable);
    CaseLine part = *it;
    part.qty_requested = s.quantity;
    part.qty_received = 0;
    part.qty_accepted = 0;
    part.replacement_serial.clear();
    // A claimed amount stays with the line it was claimed on, unless the whole line moves.
    if (s.quantity < it->qty_requested) part.claimed_amount.reset();
    // Authorization beyond what stays behind moves with the units.
    const std::int64_t staying = it->qty_requested - s.quantity;
    part.qty_authorized = std::max<std::int64_t>(0, it->qty_authorized - staying);
    it->qty_authorized -= part.qty_authorized;
    it->qty_requested = staying;
    moved.push_back(std::move(part));
  }
  // Lines left with nothing are gone from the original; the original must keep one.
  original.lines.erase(std::remove_if(original.lines.begin(), original.lines.end(),
                                      [](const CaseLine& l) { return l.qty_requested == 0; }),
                       original.lines.end());
  if (original.lines.empty()) {
    throw Error(Status::invalid_argument, "lines", "a split must leave at least one line in the original case");
  }
  std::int32_t line_no = 0;
  for (CaseLine& l : moved) l.line_no = ++line_no;
  return moved;
}

}  // namespace rma::domain
