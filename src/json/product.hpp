// json/product.hpp — a catalogue product as a JSON document (docs/json.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "rma/options.hpp"
#include "rma/product.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const Product& product);
std::string product_to_json(const Product& product);
Product product_from_json(const nlohmann::json& value, const Limits& limits);

}  // namespace rma::codec
