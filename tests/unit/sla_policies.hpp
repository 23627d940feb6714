// SLA configurations shared by the tests that need clocks to run, warn and breach.
#pragma once

#include "rma/rma.hpp"

namespace rma_test {

// Office hours Monday to Friday 09:00-17:00 UTC; an urgent case must be resolved in 8 business
// hours, any other in 80.
inline rma::SlaConfig urgent_first() {
  return rma::sla_config_from_json(R"({
    "calendars": {"office": {"week": {
      "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"],
      "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}}},
    "policies": [
      {"name": "urgent", "when": {"priorities": ["urgent"]}, "calendar": "office",
       "targets": {"resolution": {"hours": 8}}},
      {"name": "default", "calendar": "office", "targets": {"resolution": {"hours": 80}}}]})");
}

}  // namespace rma_test
