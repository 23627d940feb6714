// json/import_report.hpp — an import's report as a JSON document (docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include "rma/import.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const ImportReport& report);

}  // namespace rma::codec
