// api/codec_other.cpp — queries, the security log, outbox messages, numbers, stats and engine options.
#include <limits>

#include "api/codec.hpp"

namespace rma::api {

namespace {

constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxQueryLimit = 1000;         // CaseQuery::limit is 1..1000
constexpr std::int64_t kMaxCursorTextBytes = 16 * 1024;  // as store/case_cursor.hpp accepts
constexpr std::int64_t kMaxBusyTimeoutMs = 3600 * 1000;  // as Engine::open accepts

}  // namespace

// ---- Queries ----------------------------------------------------------------------------------

nlohmann::json to_json_value(const CaseSummary& s) {
  return {{"id", s.id},
          {"number", s.number},
          {"kind", case_kind_name(s.kind)},
          {"category", complaint_category_name(s.category)},
          {"channel", channel_name(s.channel)},
          {"customer_id", s.customer_id},
          {"status", s.status},
          {"priority", priority_name(s.priority)},
          {"assignee", s.assignee},
          {"team", s.team},
          {"created_at", s.created_at.to_iso()},
          {"updated_at", s.updated_at.to_iso()},
          {"version", s.version}};
}

nlohmann::json to_json_value(const CasePage& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const CaseSummary& s : page.items) items.push_back(to_json_value(s));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"total_exact", page.total_exact},
          {"next_cursor", page.next_cursor.empty() ? nlohmann::json() : nlohmann::json(page.next_cursor)}};
}

namespace {

// {"name": scalar, ...}: each value kept as its JSON text; an object or array is wrong_type.
std::map<std::string, std::string> custom_field_filters(ObjectReader& r, const Limits& limits) {
  std::map<std::string, std::string> out;
  const nlohmann::json* fields = r.find("custom_fields");
  if (fields == nullptr) return out;
  ObjectReader f(*fields, "custom_fields");
  for (const auto& [name, value] : fields->items()) {
    const std::string path = f.path_of(name.c_str());
    if (value.is_object() || value.is_array()) throw_wrong_type(path, "string, number, boolean or null", value);
    if (value.is_string() && static_cast<std::int64_t>(value.get_ref<const std::string&>().size()) > limits.max_text_bytes) {
      throw Error(Status::too_large, path, "over the limit of " + std::to_string(limits.max_text_bytes) + " bytes");
    }
    out.emplace(name, value.dump());
  }
  return out;
}

}  // namespace

void read_case_filters(ObjectReader& r, CaseQuery& q, const Limits& limits) {
  q.customer_id = r.optional_text("customer_id", limits.max_text_bytes);
  q.status = r.optional_text("status", limits.max_text_bytes);
  q.serial = r.optional_text("serial", limits.max_text_bytes);
  q.assignee = r.optional_text("assignee", limits.max_text_bytes);
  q.kind = r.optional_enumeration("kind", case_kind_from_name, kCaseKindNames);
  q.channel = r.optional_enumeration("channel", channel_from_name, kChannelNames);
  q.created_from = r.optional_timestamp("created_from");
  q.created_to = r.optional_timestamp("created_to");
  q.number_prefix = r.optional_text("number_prefix", limits.max_text_bytes);
  q.category = r.optional_enumeration("category", complaint_category_from_name, kCategoryNames);
  q.priority = r.optional_enumeration("priority", priority_from_name, kPriorityNames);
  q.team = r.optional_text("team", limits.max_text_bytes);
  q.supplier_id = r.optional_text("supplier_id", limits.max_text_bytes);
  q.sku = r.optional_text("sku", limits.max_text_bytes);
  q.lot = r.optional_text("lot", limits.max_text_bytes);
  q.sales_document = r.optional_text("sales_document", limits.max_text_bytes);
  q.reason_code = r.optional_text("reason_code", limits.max_text_bytes);
  q.root_cause = r.optional_text("root_cause", limits.max_text_bytes);
  q.resolution = r.optional_enumeration("resolution", resolution_from_name, kResolutionNames);
  q.updated_from = r.optional_timestamp("updated_from");
  q.updated_to = r.optional_timestamp("updated_to");
  q.closed_from = r.optional_timestamp("closed_from");
  q.closed_to = r.optional_timestamp("closed_to");
  q.sla_breached = r.optional_boolean("sla_breached");
  // Its bounds are domain's (check_case_query), the same for every front door.
  q.sla_due_within = r.optional_integer("sla_due_within", std::numeric_limits<std::int64_t>::min(),
                                        std::numeric_limits<std::int64_t>::max());
  q.custom_fields = custom_field_filters(r, limits);
}

CaseQuery case_query_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CaseQuery q;
  read_case_filters(r, q, limits);
  q.sort = r.optional_enumeration("sort", case_sort_from_name, kSortNames).value_or(q.sort);
  q.descending = r.optional_boolean("descending").value_or(false);
  q.offset = r.optional_integer("offset", 0, kInt64Max).value_or(0);
  q.limit = static_cast<std::int32_t>(r.optional_integer("limit", 1, kMaxQueryLimit).value_or(q.limit));
  r.read_text("cursor", static_cast<std::int64_t>(kMaxCursorTextBytes), q.cursor);
  r.finish();
  return q;
}

// ---- Events, outbox, numbers, stats -------------------------------------------------------------

nlohmann::json to_json_value(const SecurityLogEntry& e) {
  return {{"actor", e.actor},
          {"reason", e.reason},
          {"count", e.count},
          {"first_at", e.first_at.to_iso()},
          {"last_at", e.last_at.to_iso()},
          {"last_case_id", e.last_case_id}};
}

nlohmann::json to_json_value(const OutboxMessage& m) {
  return {{"seq", m.seq},
          {"case_id", m.case_id},
          {"topic", m.topic},
          {"payload", embedded_object(m.payload, "payload")},
          {"created_at", m.created_at.to_iso()}};
}

std::string outbox_message_to_json(const OutboxMessage& message) { return dump_json(to_json_value(message)); }

nlohmann::json to_json_value(const ParsedNumber& n) {
  return {{"canonical", n.canonical}, {"year", n.year}, {"sequence", n.sequence}};
}

nlohmann::json to_json_value(const EngineStats& s) {
  return {{"cases", s.cases}, {"index_bytes", s.index_bytes}, {"last_event_seq", s.last_event_seq}};
}

// ---- Options ----------------------------------------------------------------------------------

nlohmann::json to_json_value(const Options& o) {
  const NumberFormat& f = o.number_format;
  const Limits& l = o.limits;
  return {{"number_format",
           {{"prefix", f.prefix}, {"with_year", f.with_year}, {"digits", f.digits}, {"separator", f.separator}}},
          {"limits",
           {{"max_request_bytes", l.max_request_bytes},
            {"max_note_bytes", l.max_note_bytes},
            {"max_text_bytes", l.max_text_bytes},
            {"max_attachment_bytes", l.max_attachment_bytes},
            {"max_lines_per_case", l.max_lines_per_case},
            {"max_batch_commands", l.max_batch_commands},
            {"max_import_bytes", l.max_import_bytes},
            {"max_json_depth", l.max_json_depth},
            {"max_response_bytes", l.max_response_bytes},
            {"max_claimant_batch_commands", l.max_claimant_batch_commands},
            {"max_import_errors", l.max_import_errors},
            {"max_counted_total", l.max_counted_total},
            {"max_report_groups", l.max_report_groups}}},
          {"busy_timeout_ms", o.busy_timeout_ms},
          {"synchronous_full", o.synchronous_full},
          {"registry_refresh_ms", o.registry_refresh_ms},
          {"require_registered_staff", o.require_registered_staff},
          {"index_mode", index_mode_name(o.index_mode)},
          {"time_zone", o.time_zone},
          // The signing seed is a secret: an options document written back never holds it.
          {"audit", {{"checkpoint_every", o.audit.checkpoint_every}}}};
}

Options options_from_json_value(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  Options options;
  if (const nlohmann::json* format = r.find("number_format")) {
    ObjectReader f(*format, "number_format");
    NumberFormat& nf = options.number_format;
    f.read_text("prefix", kNoLimit, nf.prefix);  // validate_number_format bounds both
    nf.with_year = f.optional_boolean("with_year").value_or(nf.with_year);
    nf.digits = static_cast<std::int32_t>(f.optional_integer("digits", 0, kInt32Max).value_or(nf.digits));
    f.read_text("separator", kNoLimit, nf.separator);
    f.finish();
    try {
      validate_number_format(nf);
    } catch (const Error& e) {
      // The number format check names its member; here it sits under "number_format".
      const std::string& field = e.field();
      if (field.rfind("number_format", 0) == 0) throw;
      rethrow_with_prefix(e, "number_format");
    }
  }
  if (const nlohmann::json* limits = r.find("limits")) {
    ObjectReader l(*limits, "limits");
    Limits& out = options.limits;
    out.max_request_bytes = l.optional_integer("max_request_bytes", 1, kInt64Max).value_or(out.max_request_bytes);
    out.max_note_bytes = l.optional_integer("max_note_bytes", 1, kInt64Max).value_or(out.max_note_bytes);
    out.max_text_bytes = l.optional_integer("max_text_bytes", 1, kInt64Max).value_or(out.max_text_bytes);
    out.max_attachment_bytes =
        l.optional_integer("max_attachment_bytes", 1, kInt64Max).value_or(out.max_attachment_bytes);
    out.max_lines_per_case = static_cast<std::int32_t>(
        l.optional_integer("max_lines_per_case", 1, kInt32Max).value_or(out.max_lines_per_case));
    out.max_batch_commands = static_cast<std::int32_t>(
        l.optional_integer("max_batch_commands", 1, kInt32Max).value_or(out.max_batch_commands));
    out.max_import_bytes = l.optional_integer("max_import_bytes", 1, kInt64Max).value_or(out.max_import_bytes);
    // Bounded so that every recursive walk of a document stays far from any thread's stack end.
    out.max_json_depth = static_cast<std::int32_t>(
        l.optional_integer("max_json_depth", 1, kMaxJsonDepth).value_or(out.max_json_depth));
    out.max_response_bytes =
        l.optional_integer("max_response_bytes", 1024, kInt64Max).value_or(out.max_response_bytes);
    out.max_claimant_batch_commands = static_cast<std::int32_t>(
        l.optional_integer("max_claimant_batch_commands", 1, kInt32Max).value_or(out.max_claimant_batch_commands));
    out.max_import_errors = static_cast<std::int32_t>(
        l.optional_integer("max_import_errors", 1, kInt32Max).value_or(out.max_import_errors));
    out.max_counted_total = l.optional_integer("max_counted_total", 1, kInt32Max).value_or(out.max_counted_total);
    out.max_report_groups = l.optional_integer("max_report_groups", 1, 1000000).value_or(out.max_report_groups);
    l.finish();
  }
  options.busy_timeout_ms = static_cast<std::int32_t>(
      r.optional_integer("busy_timeout_ms", 0, kMaxBusyTimeoutMs).value_or(options.busy_timeout_ms));
  options.synchronous_full = r.optional_boolean("synchronous_full").value_or(options.synchronous_full);
  options.registry_refresh_ms = static_cast<std::int32_t>(
      r.optional_integer("registry_refresh_ms", 0, 60000).value_or(options.registry_refresh_ms));
  options.require_registered_staff =
      r.optional_boolean("require_registered_staff").value_or(options.require_registered_staff);
  r.read_text("time_zone", 256, options.time_zone);
  options.index_mode =
      r.optional_enumeration("index_mode", index_mode_from_name, codec::kIndexModeNames).value_or(options.index_mode);
  if (const nlohmann::json* audit = r.find("audit")) {
    ObjectReader a(*audit, "audit");
    // Engine::open checks the seed's form; its error names the member and never the value.
    a.read_text("signing_seed", kNoLimit, options.audit.signing_seed);
    options.audit.checkpoint_every =
        a.optional_integer("checkpoint_every", 1, 10'000'000).value_or(options.audit.checkpoint_every);
    a.finish();
  }
  if (const nlohmann::json* labels = r.find("labels")) {
    // Engine::open checks every text (domain/label_content.hpp): UTF-8 and what a label line holds.
    ObjectReader l(*labels, "labels");
    l.read_text("return_name", kNoLimit, options.labels.return_name);
    if (const nlohmann::json* address = l.find("return_address")) {
      ObjectReader a(*address, "labels.return_address");
      Address& out = options.labels.return_address;
      a.read_text("line1", kNoLimit, out.line1);
      a.read_text("line2", kNoLimit, out.line2);
      a.read_text("postal_code", kNoLimit, out.postal_code);
      a.read_text("city", kNoLimit, out.city);
      a.read_text("region", kNoLimit, out.region);
      a.read_text("country", kNoLimit, out.country);
      a.finish();
    }
    l.finish();
  }
  r.finish();
  return options;
}

}  // namespace rma::api
