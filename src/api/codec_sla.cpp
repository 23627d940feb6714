// api/codec_sla.cpp — JSON of the SLA requests and answers (docs/sla.md, docs/json.md).
#include <array>
#include <limits>

#include "api/codec.hpp"
#include "domain/sla_rules.hpp"

namespace rma::api {
namespace {

constexpr std::array<const char*, 3> kPeriodNames = {"day", "week", "month"};

std::optional<CompliancePeriod> period_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kPeriodNames.size(); ++i) {
    if (name == kPeriodNames[i]) return static_cast<CompliancePeriod>(i);
  }
  return std::nullopt;
}

CalendarRef read_calendar_ref(ObjectReader& r, const Limits& limits) {
  const nlohmann::json& value = r.need("calendar");
  CalendarRef ref;
  if (value.is_string()) {
    ref.name = r.text("calendar", limits.max_text_bytes);
  } else if (value.is_object()) {
    try {
      ref.document = BusinessCalendar::from_json(value.dump());
    } catch (const Error& e) {
      rethrow_with_prefix(e, r.path_of("calendar"));
    }
  } else {
    throw_wrong_type(r.path_of("calendar"), "string or object", value);
  }
  return ref;
}

}  // namespace

CalendarAddRequest calendar_add_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CalendarAddRequest request;
  request.calendar = read_calendar_ref(r, limits);
  request.at = r.timestamp("at");
  // At most a century of business time: the answer must stay before year 10000.
  request.seconds = r.integer("seconds", 0, std::int64_t{100} * 366 * 86400);
  r.finish();
  return request;
}

CalendarBetweenRequest calendar_between_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CalendarBetweenRequest request;
  request.calendar = read_calendar_ref(r, limits);
  request.from = r.timestamp("from");
  request.to = r.timestamp("to");
  r.finish();
  return request;
}

CalendarNextOpenRequest calendar_next_open_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CalendarNextOpenRequest request;
  request.calendar = read_calendar_ref(r, limits);
  request.at = r.timestamp("at");
  r.finish();
  return request;
}

nlohmann::json to_json_value(const CaseSla& sla) {
  nlohmann::json clocks = nlohmann::json::array();
  for (const ClockStatus& c : sla.clocks) clocks.push_back(domain::clock_status_to_value(c));
  return {{"policy", sla.policy},
          {"clocks", std::move(clocks)},
          {"expected_completion", sla.expected_completion.to_iso()}};
}

nlohmann::json to_json_value(const SlaEvent& e) {
  return {{"case_id", e.case_id},         {"case_number", e.case_number}, {"clock", e.clock},
          {"kind", e.kind},               {"at", e.at.to_iso()},          {"policy", e.policy},
          {"started_at", e.started_at.to_iso()}, {"target_seconds", e.target_seconds}};
}

nlohmann::json to_json_value(const SlaDueItem& d) {
  return {{"case_id", d.case_id},   {"case_number", d.case_number}, {"clock", d.clock},
          {"policy", d.policy},     {"due_at", d.due_at.to_iso()},  {"warning_at", d.warning_at.to_iso()},
          {"paused", d.paused},     {"assignee", d.assignee},       {"team", d.team}};
}

nlohmann::json to_json_value(const ComplianceRow& r) {
  return {{"policy", r.policy}, {"team", r.team},         {"clock", r.clock},
          {"period", r.period}, {"met", r.met},           {"breached", r.breached},
          {"percent_met", r.percent_met}};
}

SlaTickRequest sla_tick_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  SlaTickRequest request;
  request.now = r.optional_timestamp("now");
  r.finish();
  return request;
}

SlaDueRequest sla_due_request_from_json(const nlohmann::json& value, bool with_horizon) {
  ObjectReader r(value, std::string());
  SlaDueRequest request;
  // The horizon in "seconds", like every duration of the API; "hours" is its name of librma 0.x,
  // still read (deprecated). At most ten years ahead either way.
  if (with_horizon) {
    constexpr std::int64_t kMaxHours = 24 * 3650;
    const std::optional<std::int64_t> seconds = r.optional_integer("seconds", 0, kMaxHours * 3600);
    if (seconds && r.find("hours")) {
      throw Error(Status::invalid_argument, "hours", "give \"seconds\" or the older \"hours\", not both");
    }
    request.horizon_seconds = seconds ? *seconds : r.integer("hours", 0, kMaxHours) * 3600;
  }
  request.limit = static_cast<std::int32_t>(r.optional_integer("limit", 1, 10000).value_or(100));
  r.finish();
  return request;
}

SlaComplianceRequest sla_compliance_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  SlaComplianceRequest request;
  request.period = r.optional_enumeration("period", period_from_name, kPeriodNames).value_or(CompliancePeriod::month);
  r.read_text("time_zone", limits.max_text_bytes, request.time_zone);
  r.finish();
  return request;
}

}  // namespace rma::api
