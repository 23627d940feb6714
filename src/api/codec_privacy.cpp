// api/codec_privacy.cpp — the privacy ops' requests and answers (docs/privacy.md, docs/json.md).
#include <limits>

#include "api/codec.hpp"

namespace rma::api {

namespace {

using nlohmann::json;

json time_or_null(const std::optional<Timestamp>& t) { return t ? json(t->to_iso()) : json(nullptr); }

json subject_value(const DataSubject& s) {
  return s.case_id != 0 ? json{{"case_id", s.case_id}} : json{{"customer_id", s.customer_id}};
}

}  // namespace

DataSubject data_subject_from_json(const json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  DataSubject subject;
  subject.case_id = r.optional_integer("case_id", 1, std::numeric_limits<std::int64_t>::max()).value_or(0);
  r.read_text("customer_id", limits.max_text_bytes, subject.customer_id);
  r.finish();
  if (subject.case_id != 0 && !subject.customer_id.empty()) {
    throw Error(Status::invalid_argument, "customer_id", "name a case_id or a customer_id, not both");
  }
  if (subject.case_id == 0 && subject.customer_id.empty()) {
    throw Error(Status::missing_field, "case_id", "a case_id or a customer_id is required");
  }
  return subject;
}

json to_json_value(const RetentionVerdict& v) {
  json rule = {{"months", v.rule.months}, {"basis", v.rule.basis}};
  rule["country"] = v.rule.country.empty() ? json(nullptr) : json(v.rule.country);
  rule["kind"] = v.rule.kind ? json(case_kind_name(*v.rule.kind)) : json(nullptr);
  return {{"case_id", v.case_id},
          {"number", v.number},
          {"country", v.country},
          {"rule", std::move(rule)},
          {"ended_on", v.ended_on.to_iso()},
          {"erasable_from", v.erasable_from.to_iso()}};
}

json to_json_value(const ErasureReport& report) {
  json cases = json::array();
  for (const RetentionVerdict& v : report.cases) cases.push_back(to_json_value(v));
  return {{"subject", subject_value(report.subject)},
          {"erased_at", report.erased_at.to_iso()},
          {"cases", std::move(cases)},
          {"customer", report.customer}};
}

json to_json_value(const PersonalDataExport& x) {
  json cases = json::array();
  for (const ExportedCase& c : x.cases) {
    json history = json::array();
    for (const Event& e : c.history) history.push_back(to_json_value(e));
    cases.push_back({{"case", to_json_value(c.case_)},
                     {"history", std::move(history)},
                     {"deleted_at", time_or_null(c.deleted_at)},
                     {"erased_at", time_or_null(c.erased_at)}});
  }
  json customer_history = json::array();
  for (const Event& e : x.customer_history) customer_history.push_back(to_json_value(e));
  return {{"subject", subject_value(x.subject)},
          {"exported_at", x.exported_at.to_iso()},
          {"customer", x.customer ? to_json_value(*x.customer) : json(nullptr)},
          {"customer_erased_at", time_or_null(x.customer_erased_at)},
          {"customer_history", std::move(customer_history)},
          {"cases", std::move(cases)}};
}

}  // namespace rma::api
