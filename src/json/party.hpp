// json/party.hpp — customers, suppliers and operators as JSON documents (docs/json.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "rma/options.hpp"
#include "rma/party.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const Address& address);
nlohmann::json to_json_value(const FraudSignals& signals);
nlohmann::json to_json_value(const Customer& customer);
nlohmann::json to_json_value(const Supplier& supplier);
nlohmann::json to_json_value(const Operator& op);
std::string customer_to_json(const Customer& customer);
std::string supplier_to_json(const Supplier& supplier);
std::string operator_to_json(const Operator& op);

// Each takes the JSON value of the object itself; errors name paths relative to it.
Customer customer_from_json(const nlohmann::json& value, const Limits& limits);
Supplier supplier_from_json(const nlohmann::json& value, const Limits& limits);
Operator operator_from_json(const nlohmann::json& value, const Limits& limits);

}  // namespace rma::codec
