// events/quality_payloads.hpp — the events of quality alerts (docs/reports.md, docs/json.md
// "Audit events"): quality.alert records an alert with the evidence it was raised on;
// quality.acknowledged records that staff saw it. Both about no case (case_id 0).
//
// The decoders read back what the engine needs to tell a raised alert from a new one.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "events/payloads.hpp"
#include "rma/quality.hpp"

namespace rma::events {

Payload quality_alert(const QualityAlert& alert);
Payload quality_acknowledged(const std::string& id, const std::string& note);

// What a stored quality.alert says: its id and the first day of the window it was raised in.
struct QualityAlertRecord {
  std::string id;
  Date window_from;
};
QualityAlertRecord quality_alert_from(const nlohmann::json& data, const std::string& where);

struct QualityAcknowledgment {
  std::string id;
  std::string note;
};
QualityAcknowledgment quality_acknowledged_from(const nlohmann::json& data, const std::string& where);

}  // namespace rma::events
