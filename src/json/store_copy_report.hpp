// json/store_copy_report.hpp — a database copy's report as a JSON document (docs/json.md,
// "store.copy").
#pragma once

#include <nlohmann/json.hpp>

#include "rma/store_copy.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const StoreCopyReport& report);

}  // namespace rma::codec
