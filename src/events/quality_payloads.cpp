#include "events/quality_payloads.hpp"

#include "events/stored_reader.hpp"

namespace rma::events {
namespace {

using nlohmann::json;

json counts(const std::vector<QualityCount>& list) {
  json out = json::array();
  for (const QualityCount& c : list) out.push_back({{"value", c.value}, {"count", c.count}});
  return out;
}

}  // namespace

Payload quality_alert(const QualityAlert& a) {
  json data = {{"id", a.id},
               {"signal", quality_signal_name(a.signal)},
               {"subject", quality_subject_name(a.subject)},
               {"baseline", quality_baseline_name(a.baseline)},
               {"window_from", a.window_from.to_iso()},
               {"window_to", a.window_to.to_iso()},
               {"observed", a.observed},
               {"exposure", a.exposure},
               {"baseline_observed", a.baseline_observed},
               {"baseline_exposure", a.baseline_exposure},
               {"rate", a.rate},
               {"expected_rate", a.expected_rate},
               {"expected", a.expected},
               {"p_value", a.p_value},
               {"q_value", a.q_value},
               {"top_reasons", counts(a.top_reasons)},
               {"lots", counts(a.lots)},
               {"cases", a.cases},
               {"case_count", a.case_count}};
  if (a.serial_count > 0) {
    json ranges = json::array();
    for (const QualitySerialRange& r : a.serial_ranges) {
      ranges.push_back({{"first", r.first}, {"last", r.last}, {"count", r.count}});
    }
    data["serial_ranges"] = std::move(ranges);
    data["serial_count"] = a.serial_count;
    data["serial_range_count"] = a.serial_range_count;
  }
  // Only the members that name the subject.
  if (!a.sku.empty()) data["sku"] = a.sku;
  if (!a.lot.empty()) data["lot"] = a.lot;
  if (!a.supplier_id.empty()) data["supplier_id"] = a.supplier_id;
  if (!a.category.empty()) data["category"] = a.category;
  if (!a.reason_code.empty()) data["reason_code"] = a.reason_code;
  return {EventType::quality_alert, std::move(data)};
}

Payload quality_acknowledged(const std::string& id, const std::string& note) {
  json data = {{"id", id}};
  if (!note.empty()) data["note"] = note;
  return {EventType::quality_acknowledged, std::move(data)};
}

QualityAlertRecord quality_alert_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  return QualityAlertRecord{r.text("id"), r.optional_date("window_from").value_or(Date{})};
}

QualityAcknowledgment quality_acknowledged_from(const json& data, const std::string& where) {
  const StoredReader r(data, where);
  return QualityAcknowledgment{r.text("id"), r.text("note")};
}

}  // namespace rma::events
