// domain/views.cpp — the allow-lists of each document, per audience.
//
// An allow-list is written as a small spec: member names separated by spaces; `name{…}` keeps
// only the listed members of an object, or of each object in an array; `name[key=a|b|c*]`
// keeps only the array elements (or the object) whose `key` is one of the values (a trailing
// `*` matches a prefix); `name@spec` uses a named spec for the member. A member not named is
// removed. The specs are parsed once, on first use.
#include "domain/views.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace rma::domain {

namespace {

using nlohmann::json;

// ---- The allow-lists ---------------------------------------------------------------------------
//
// Staff see everything and have no spec. Hidden from customers and suppliers alike: internal
// notes and attachments, actions, assignee, team, root cause, custom fields, workflow ids, who
// wrote what (staff ids), packers, line flags (fraud signals), inspection findings that are
// evidence against the claimant, and every cost, margin and recovery figure.

const std::pair<std::string_view, std::string_view> kSpecs[] = {
    // -- the claimant (a customer reading its own case) --
    {"claimant.line",
     "line_no sku serial lot sales_document{document line} reason_code defect_description condition "
     "qty_requested qty_authorized qty_received qty_accepted replacement_serial purchase_date unit_price "
     "currency vat_rate_bp dispatch_document warranty@claimant.warranty_verdict eligibility@claimant.eligibility"},
    {"claimant.valuation",
     "breakdown[code=document_discount|goods_net|goods_vat|goods_gross|restocking_fee|depreciation|refund|"
     "exchange_difference|claimed_value|repair_quote|deduction:*]{line_no code label base rate_bp amount} "
     "totals{currency refund refund_net exchange_difference repair_quote claimed_value}"},
    {"claimant.case",
     "id number kind category channel customer_id purchased_elsewhere lines@claimant.line priority status "
     "status_label lang status_since decision_locked expected_completion resolution split_from "
     "notes[channel=external]{id channel body created_at} "
     "attachments[visibility=external]{id file_name media_type size_bytes sha256 uri visibility created_at} "
     "repairs{id line_no code description status paid parts{sku quantity}} valuation@claimant.valuation "
     "created_at updated_at version"},
    {"claimant.split_result", "original@claimant.case created@claimant.case"},
    {"claimant.case_page",
     "items{id number kind category channel customer_id status priority created_at updated_at version} total "
     "total_exact next_cursor"},
    {"claimant.sold_unit",
     "serial sku customer_id document line_no quantity sale_date delivery_date channel distance_sale currency "
     "unit_price vat_rate_bp line_discount lot dispatch_document"},
    {"claimant.sold_units", "units@claimant.sold_unit"},
    {"claimant.sales_document",
     "id date delivery_date customer_id channel distance_sale currency discount "
     "lines{line_no sku quantity unit_price vat_rate_bp discount serials lot dispatch_document}"},
    {"claimant.customer", "id name tax_id addresses email phones language"},
    {"claimant.product", "sku name brand category serialized"},
    // presumption_until and the legal periods are the consumer's own rights, dated from their own
    // delivery: shown, as the law has the seller tell them.
    {"claimant.warranty_verdict",
     "covered coverage expires days_remaining presumption_until reasons{code message} "
     "evidence{today sale_date delivery_date start_date document manufacturer_expires legal_expires "
     "extended_expires periods{period rule start nominal_end end text}}"},
    // The outcome only: a validator's reason may be a fraud signal for staff
    // (unit_sold_to_other_customer).
    {"claimant.eligibility", "outcome"},
    {"claimant.transitions", "lang transitions{name label to available denials{kind code}}"},
    {"claimant.case_sla", "expected_completion"},
    // A claimant's own export: the engine already built each case in the claimant's view and kept
    // only the events a claimant's subscription receives (each in its view), so history passes.
    // Its record's history likewise: each upsert already in claimant.event.customer.upserted.
    {"claimant.personal_data",
     "subject{case_id customer_id} exported_at customer@claimant.customer customer_erased_at customer_history "
     "cases{case@claimant.case history deleted_at erased_at}"},
    // A customer's own report: the request rules bound its columns (claimant_report_* below).
    {"claimant.report", "columns{name type dimension} rows totals groups period time_zone"},
    {"claimant.report_export", "path format rows bytes"},
    // A customer's own label: drawn from its view of the case and of its record already.
    {"claimant.label", "format media_type payload language bytes content_base64"},

    // -- the supplier a case names: the lines sent to it and the amount claimed from it --
    {"supplier.line",
     "line_no sku serial lot reason_code defect_description condition qty_requested qty_authorized "
     "qty_received qty_accepted replacement_serial"},
    {"supplier.valuation", "totals{currency supplier_recovery}"},
    {"supplier.case",
     "id number kind category channel supplier_id lines@supplier.line status status_label lang status_since "
     "decision_locked "
     "expected_completion resolution repairs{id line_no code description status parts{sku quantity}} "
     "valuation@supplier.valuation created_at updated_at version"},
    {"supplier.split_result", "original@supplier.case created@supplier.case"},
    {"supplier.case_page",
     "items{id number kind category channel status priority created_at updated_at version} total total_exact "
     "next_cursor"},
    {"supplier.purchase_document", "id date supplier_id currency lines{line_no sku quantity unit_cost serials}"},
    {"supplier.supplier", "id name tax_id addresses email phones"},
    {"supplier.product", "sku name brand category serialized"},
    {"supplier.transitions", "lang transitions{name label to available denials{kind code}}"},
    {"supplier.case_sla", "expected_completion"},

    // -- documents every audience reads whole: they carry nothing of a case or a party --
    {"any.parsed_number", "canonical year sequence"},
    {"any.calendar_result", "at seconds"},
    {"any.public_holidays",
     "version country subdivision year holidays{date name substitute} regions{country subdivision name}"},
    {"any.batch_result", "results{op case_id version}"},
    {"any.texts", "lang texts"},

    // -- audit events handed to a non-staff subscriber (see event_view for which types) --
    {"claimant.event.case.created", "case@claimant.case"},
    {"claimant.event.case.transitioned", "transition from to version"},
    {"claimant.event.case.reopened", "version"},
    {"claimant.event.note.added", "note[channel=external]{id channel body created_at} version"},
    {"claimant.event.attachment.added",
     "attachment[visibility=external]{id file_name media_type size_bytes sha256 uri visibility created_at} version"},
    {"claimant.event.case.updated",
     "changes{priority{before after} expected_completion{before after} resolution{before after} "
     "lines{before@claimant.line after@claimant.line}} version"},
    {"claimant.event.case.valued", "changes{valuation{before@claimant.valuation after@claimant.valuation}} version"},
    // Read only in the customer's own export (privacy.export): an event about no case reaches no
    // customer's subscription. Its record before and after, as customer.get shows it to it.
    {"claimant.event.customer.upserted", "before@claimant.customer after@claimant.customer"},
    {"supplier.event.case.created", "case@supplier.case"},
    {"supplier.event.case.transitioned", "transition from to version"},
    {"supplier.event.case.reopened", "version"},
    {"supplier.event.case.updated",
     "changes{expected_completion{before after} resolution{before after} "
     "lines{before@supplier.line after@supplier.line}} version"},
    {"any.event", "seq case_id case_number at type"},
};

// ---- Specs --------------------------------------------------------------------------------------

struct Spec;

struct Member {
  std::string name;
  std::string when_key;                 // empty: no condition
  std::vector<std::string> when_values;  // a trailing '*' matches a prefix
  std::shared_ptr<Spec> inner;           // null: the value is kept whole
  std::string ref;                       // a named spec, resolved at use
};

struct Spec {
  std::vector<Member> members;
};

class SpecParser {
 public:
  explicit SpecParser(std::string_view text) : text_(text) {}

  Spec parse() {
    Spec spec = members();
    if (at_ < text_.size()) throw Error(Status::internal, "view spec: unexpected '" + std::string(1, text_[at_]) + "'");
    return spec;
  }

 private:
  Spec members() {
    Spec spec;
    for (skip_space(); at_ < text_.size() && text_[at_] != '}'; skip_space()) spec.members.push_back(member());
    return spec;
  }

  Member member() {
    Member m;
    m.name = word();
    if (peek('[')) {
      ++at_;
      m.when_key = word();
      expect('=');
      while (true) {
        m.when_values.push_back(word());
        if (!peek('|')) break;
        ++at_;
      }
      expect(']');
    }
    if (peek('{')) {
      ++at_;
      m.inner = std::make_shared<Spec>(members());
      expect('}');
    } else if (peek('@')) {
      ++at_;
      m.ref = word();
    }
    return m;
  }

  std::string word() {
    const std::size_t start = at_;
    while (at_ < text_.size() && std::string_view(" []{}=|@").find(text_[at_]) == std::string_view::npos) ++at_;
    if (at_ == start) throw Error(Status::internal, "view spec: a name is missing at " + std::to_string(at_));
    return std::string(text_.substr(start, at_ - start));
  }

  bool peek(char c) const { return at_ < text_.size() && text_[at_] == c; }
  void expect(char c) {
    if (!peek(c)) throw Error(Status::internal, std::string("view spec: '") + c + "' expected");
    ++at_;
  }
  void skip_space() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

const std::map<std::string, Spec, std::less<>>& specs() {
  static const std::map<std::string, Spec, std::less<>> parsed = [] {
    std::map<std::string, Spec, std::less<>> out;
    for (const auto& [name, text] : kSpecs) out.emplace(std::string(name), SpecParser(text).parse());
    return out;
  }();
  return parsed;
}

// The spec by name; a missing one shows nothing (an allow-list that lists nothing).
const Spec& spec_named(std::string_view name) {
  static const Spec nothing;
  const auto& all = specs();
  const auto it = all.find(name);
  return it == all.end() ? nothing : it->second;
}

bool condition_holds(const Member& m, const json& element) {
  if (m.when_key.empty()) return true;
  if (!element.is_object()) return false;
  const auto it = element.find(m.when_key);
  if (it == element.end() || !it->is_string()) return false;
  const std::string& value = it->get_ref<const std::string&>();
  for (const std::string& allowed : m.when_values) {
    if (!allowed.empty() && allowed.back() == '*') {
      if (value.compare(0, allowed.size() - 1, allowed, 0, allowed.size() - 1) == 0) return true;
    } else if (value == allowed) {
      return true;
    }
  }
  return false;
}

void filter(json& value, const Spec& spec);

// Shapes one member's value; false when the member must go.
bool shape_member(json& value, const Member& m) {
  const Spec* inner = m.inner ? m.inner.get() : m.ref.empty() ? nullptr : &spec_named(m.ref);
  if (value.is_array() && (inner || !m.when_key.empty())) {
    json kept = json::array();
    for (json& element : value) {
      if (!condition_holds(m, element)) continue;
      if (inner) filter(element, *inner);
      kept.push_back(std::move(element));
    }
    value = std::move(kept);
    return true;
  }
  if (!m.when_key.empty() && !condition_holds(m, value)) return false;
  if (inner && value.is_object()) filter(value, *inner);
  // A listed member whose value is an object but has no spec is kept whole: someone decided.
  return true;
}

// Keeps the members `spec` lists. Specs nest a few levels, so the recursion is bounded by the
// specs, never by the document.
void filter(json& value, const Spec& spec) {
  if (!value.is_object()) return;
  json kept = json::object();
  for (const Member& m : spec.members) {
    const auto it = value.find(m.name);
    if (it == value.end()) continue;
    json member = std::move(*it);
    if (shape_member(member, m)) kept[m.name] = std::move(member);
  }
  value = std::move(kept);
}

const char* document_name(Document kind) {
  switch (kind) {
    case Document::case_: return "case";
    case Document::split_result: return "split_result";
    case Document::case_page: return "case_page";
    case Document::valuation: return "valuation";
    case Document::sold_units: return "sold_units";
    case Document::sales_document: return "sales_document";
    case Document::purchase_document: return "purchase_document";
    case Document::customer: return "customer";
    case Document::supplier: return "supplier";
    case Document::product: return "product";
    case Document::warranty_verdict: return "warranty_verdict";
    case Document::eligibility: return "eligibility";
    case Document::transitions: return "transitions";
    case Document::case_sla: return "case_sla";
    case Document::parsed_number: return "parsed_number";
    case Document::calendar_result: return "calendar_result";
    case Document::public_holidays: return "public_holidays";
    case Document::batch_result: return "batch_result";
    case Document::personal_data: return "personal_data";
    case Document::report: return "report";
    case Document::report_export: return "report_export";
    case Document::label: return "label";
    case Document::texts: return "texts";
    case Document::empty: return "empty";
  }
  return "empty";
}

bool read_whole_by_everyone(Document kind) {
  return kind == Document::parsed_number || kind == Document::calendar_result || kind == Document::public_holidays ||
         kind == Document::batch_result || kind == Document::texts;
}

std::string audience_prefix(Audience audience) { return audience == Audience::claimant ? "claimant." : "supplier."; }

// The message a customer or supplier reads for each refusal reason: fixed text, so nothing of
// the case, its figures or the rules that refused reaches them.
const std::pair<std::string_view, std::string_view> kReasonMessages[] = {
    {"role_not_allowed", "this role may not do that"},
    {"role_mismatch", "the actor is not registered with this role"},
    {"not_registered", "the actor is not a registered operator"},
    {"not_own_case", "no such case"},
    {"not_own_record", "no such record"},
    {"not_own_unit", "a claimant may check only units sold to it"},
    {"decision_locked", "the case is decided; only an administrator may change it"},
    {"admin_only", "only an administrator may do that"},
    {"internal_only_staff", "only staff may write internal notes and attachments"},
    {"not_in_state", "the case is not in a state that allows this"},
    {"nothing_to_refund", "the case has nothing to refund"},
    {"batch_too_large", "too many commands in one batch"},
};

}  // namespace

Audience audience_of(const Actor& by) noexcept {
  if (by.is_staff()) return Audience::staff;
  return by.role == Role::supplier ? Audience::supplier : Audience::claimant;
}

void apply_view(json& document, Document kind, Audience audience) {
  if (audience == Audience::staff) return;
  if (read_whole_by_everyone(kind)) {
    filter(document, spec_named(std::string("any.") + document_name(kind)));
    return;
  }
  filter(document, spec_named(audience_prefix(audience) + document_name(kind)));
}

std::optional<json> event_view(const json& event, Audience audience) {
  if (audience == Audience::staff) return event;
  if (!event.is_object()) return std::nullopt;
  const auto type = event.find("type");
  if (type == event.end() || !type->is_string()) return std::nullopt;
  const std::string spec_name = audience_prefix(audience) + "event." + type->get<std::string>();
  if (specs().find(spec_name) == specs().end()) return std::nullopt;  // a type they never receive

  json out = event;
  filter(out, spec_named("any.event"));
  json data = event.contains("data") ? event.at("data") : json::object();
  // Data stored as text (the C++ Event) is parsed by the caller; here it is a document.
  if (!data.is_object()) return std::nullopt;
  const std::size_t listed = data.size();
  const Spec& spec = spec_named(spec_name);
  // Only a type whose view shows changes (an update) is about them; a transition's or a reopening's
  // view shows its own members and never the changes, and is delivered for those.
  const bool about_changes = std::any_of(spec.members.begin(), spec.members.end(),
                                         [](const Member& m) { return m.name == "changes"; });
  const bool had_changes = about_changes && data.contains("changes") && !data.at("changes").empty();
  filter(data, spec);
  // A note or attachment event whose note the condition removed tells nothing: not delivered.
  const bool names_child = type->get<std::string>() == "note.added" || type->get<std::string>() == "attachment.added";
  if (names_child && !data.contains("note") && !data.contains("attachment")) return std::nullopt;
  if (listed > 0 && data.empty()) return std::nullopt;
  // An update whose every change is hidden tells nothing either.
  const auto changes = data.find("changes");
  if (had_changes && (changes == data.end() || changes->empty())) return std::nullopt;
  out["data"] = std::move(data);
  return out;
}

Error error_view(const Error& error, Audience audience) {
  if (audience == Audience::staff) return error;
  switch (error.status()) {
    case Status::permission_denied:
    case Status::transition_denied: {
      for (const auto& [reason, message] : kReasonMessages) {
        if (error.reason() == reason) return Error(error.status(), error.field(), std::string(message), error.reason());
      }
      // A guard's own reason: its message may quote the case's figures or the rule's threshold.
      return Error(error.status(), error.field(), "the workflow does not allow this now", error.reason());
    }
    case Status::internal:
    case Status::storage:
      // Their text may quote SQL or stored values.
      return Error(error.status(), std::string(), std::string(status_name(error.status())) + " error", error.reason());
    default: return error;  // about the request itself: its own fields and values
  }
}

bool claimant_report_dimension(ReportDimension dimension) noexcept {
  switch (dimension) {
    case ReportDimension::status:
    case ReportDimension::kind:
    case ReportDimension::complaint_category:
    case ReportDimension::channel:
    case ReportDimension::resolution:
    case ReportDimension::sku:
    case ReportDimension::period: return true;
    default: return false;
  }
}

bool claimant_report_measure(ReportMeasureKind measure) noexcept {
  return measure == ReportMeasureKind::cases || measure == ReportMeasureKind::lines ||
         measure == ReportMeasureKind::units_requested;
}

}  // namespace rma::domain
