// events/party_document.hpp — parties and products as the *.upserted events write them
// (schema version 1: the members the answers had when events got their own schema).
#pragma once

#include <nlohmann/json.hpp>

#include "rma/party.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"

namespace rma::events {

nlohmann::json customer_document(const Customer& customer);
nlohmann::json supplier_document(const Supplier& supplier);
nlohmann::json operator_document(const Operator& op);
nlohmann::json product_document(const Product& product);
nlohmann::json extended_warranty_document(const ExtendedWarranty& contract);

}  // namespace rma::events
