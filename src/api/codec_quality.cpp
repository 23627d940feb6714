// api/codec_quality.cpp — quality.scan and quality.acknowledge requests, and their answers
// (docs/json.md, docs/reports.md "Quality alerts").
#include "api/codec.hpp"
#include "domain/quality_names.hpp"

namespace rma::api {
namespace {

constexpr std::int64_t kMaxListed = 16;

// A JSON number (integer or not); the domain checks its range, naming the member.
std::optional<double> optional_number(ObjectReader& r, const char* key) {
  const nlohmann::json* value = r.find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) throw_wrong_type(r.path_of(key), "number", *value);
  return value->get<double>();
}

nlohmann::json counts_value(const std::vector<QualityCount>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const QualityCount& c : list) out.push_back({{"value", c.value}, {"count", c.count}});
  return out;
}

nlohmann::json serial_ranges_value(const std::vector<QualitySerialRange>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const QualitySerialRange& r : list) out.push_back({{"first", r.first}, {"last", r.last}, {"count", r.count}});
  return out;
}

nlohmann::json optional_text(const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); }

nlohmann::json alert_value(const QualityAlert& a) {
  return {{"id", a.id},
          {"signal", quality_signal_name(a.signal)},
          {"subject", quality_subject_name(a.subject)},
          {"sku", optional_text(a.sku)},
          {"lot", optional_text(a.lot)},
          {"supplier_id", optional_text(a.supplier_id)},
          {"category", optional_text(a.category)},
          {"reason_code", optional_text(a.reason_code)},
          {"baseline", quality_baseline_name(a.baseline)},
          {"window", {{"from", a.window_from.to_iso()}, {"to", a.window_to.to_iso()}}},
          {"observed", a.observed},
          {"exposure", a.exposure},
          {"baseline_observed", a.baseline_observed},
          {"baseline_exposure", a.baseline_exposure},
          {"rate", a.rate},
          {"expected_rate", a.expected_rate},
          {"expected", a.expected},
          {"p_value", a.p_value},
          {"q_value", a.q_value},
          {"top_reasons", counts_value(a.top_reasons)},
          {"lots", counts_value(a.lots)},
          {"cases", a.cases},
          {"case_count", a.case_count},
          {"serial_ranges", serial_ranges_value(a.serial_ranges)},
          {"serial_count", a.serial_count},
          {"serial_range_count", a.serial_range_count},
          {"raised_now", a.raised_now},
          {"raised_at", a.raised_at ? nlohmann::json(a.raised_at->to_iso()) : nlohmann::json()},
          {"acknowledged_at", a.acknowledged_at ? nlohmann::json(a.acknowledged_at->to_iso()) : nlohmann::json()},
          {"acknowledged_by", optional_text(a.acknowledged_by)},
          {"acknowledgment_note", optional_text(a.acknowledgment_note)}};
}

}  // namespace

QualityScanRequest quality_scan_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  QualityScanRequest q;
  q.now = r.optional_timestamp("now");
  const auto day_count = [&](const char* key, std::int32_t& out) {
    // Far past any bound the domain keeps; the domain names the member for the rest.
    if (auto v = r.optional_integer(key, -1000000, 1000000)) out = static_cast<std::int32_t>(*v);
  };
  day_count("window_days", q.window_days);
  day_count("history_days", q.history_days);
  q.fdr = optional_number(r, "fdr").value_or(q.fdr);
  q.min_returns = r.optional_integer("min_returns", std::numeric_limits<std::int64_t>::min(),
                                     std::numeric_limits<std::int64_t>::max())
                      .value_or(q.min_returns);
  q.min_sold = r.optional_integer("min_sold", std::numeric_limits<std::int64_t>::min(),
                                  std::numeric_limits<std::int64_t>::max())
                   .value_or(q.min_sold);
  q.min_ratio = optional_number(r, "min_ratio").value_or(q.min_ratio);
  if (const nlohmann::json* subjects = r.optional_array("subjects", kMaxListed)) {
    q.subjects.clear();
    for (std::size_t i = 0; i < subjects->size(); ++i) {
      const std::string path = element_path("subjects", i);
      const nlohmann::json& s = (*subjects)[i];
      if (!s.is_string()) throw_wrong_type(path, "string", s);
      const auto subject = quality_subject_from_name(s.get_ref<const std::string&>());
      if (!subject) {
        codec::throw_unknown_value(path, s.get_ref<const std::string&>(), domain::kQualitySubjectNames.data(),
                                   domain::kQualitySubjectNames.size());
      }
      q.subjects.push_back(*subject);
    }
  }
  q.record = r.optional_boolean("record").value_or(true);
  r.finish();
  return q;
}

QualityAcknowledgeRequest quality_acknowledge_request_from_json(const nlohmann::json& value,
                                                                const Limits& limits) {
  ObjectReader r(value, std::string());
  QualityAcknowledgeRequest out;
  out.id = r.text("id", 1024);
  r.read_text("note", limits.max_text_bytes, out.note);
  r.finish();
  return out;
}

nlohmann::json to_json_value(const QualityScanResult& result) {
  nlohmann::json alerts = nlohmann::json::array();
  for (const QualityAlert& a : result.alerts) alerts.push_back(alert_value(a));
  return {{"window", {{"from", result.window_from.to_iso()}, {"to", result.window_to.to_iso()}}},
          {"history", {{"from", result.history_from.to_iso()}, {"to", result.history_to.to_iso()}}},
          {"tested", result.tested},
          {"raised", result.raised},
          {"alerts", std::move(alerts)}};
}

nlohmann::json to_json_value(const QualityAcknowledgment& ack) {
  return {{"id", ack.id},
          {"acknowledged_at", ack.acknowledged_at.to_iso()},
          {"acknowledged_by", ack.acknowledged_by},
          {"note", optional_text(ack.note)},
          {"recorded", ack.recorded}};
}

}  // namespace rma::api
