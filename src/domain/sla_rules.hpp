// domain/sla_rules.hpp — the SLA configuration as a JSON value, for the JSON API and the engine
// (which keep nlohmann::json out of the public header), and the calendar look-up the clocks share.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/sla_timeline.hpp"
#include "rma/sla.hpp"

namespace rma::domain {

// Reads and validates a configuration document; errors name JSON paths from the document's root.
SlaConfig sla_config_from_value(const nlohmann::json& value);
nlohmann::json sla_config_to_value(const SlaConfig& config);

// A clock as the JSON API shows it: member names as in ClockStatus, instants as ISO-8601 UTC text,
// optional members null when unset.
nlohmann::json clock_status_to_value(const ClockStatus& clock);

// Whether some policy's conditions name priorities (contracts): only then may a new priority (new
// custom fields) put a case under another policy and move its clocks.
bool policy_depends_on_priority(const SlaConfig& config);
bool policy_depends_on_contract(const SlaConfig& config);

// The calendar called `name` (not_found if there is none; validation rules that out), as the
// table the clocks compute on.
const SlaTimeline& sla_calendar(const SlaConfig& config, const std::string& name);

}  // namespace rma::domain
