// json/sales.hpp — sales data as JSON documents (docs/json.md).
#pragma once

#include <nlohmann/json.hpp>

#include "rma/sales.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const SalesDocument& document);
nlohmann::json to_json_value(const PurchaseDocument& document);
nlohmann::json to_json_value(const SoldUnit& unit);

}  // namespace rma::codec
