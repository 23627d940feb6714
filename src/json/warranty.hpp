// json/warranty.hpp — warranty contracts, verdicts, eligibility and service history as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "rma/warranty.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const ExtendedWarranty& contract);
nlohmann::json to_json_value(const WarrantyVerdict& verdict);
nlohmann::json to_json_value(const Eligibility& eligibility);
nlohmann::json to_json_value(const ServiceRecord& record);
// {"case", "line_no", "unit" (or null), "today"}: what a host validator outside C++ receives.
nlohmann::json to_json_value(const EligibilityInput& input);

}  // namespace rma::codec
