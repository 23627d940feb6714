// domain/party_rules.hpp — what a valid customer, supplier, operator and product look like.
// Every string is checked (UTF-8, length, no control characters) so C++ callers get the same
// guarantees the JSON API gives; errors name the field.
#pragma once

#include "rma/options.hpp"
#include "rma/party.hpp"
#include "rma/product.hpp"

namespace rma::domain {

void validate_customer(const Customer& c, const Limits& limits);
void validate_supplier(const Supplier& s, const Limits& limits);
void validate_operator(const Operator& o, const Limits& limits);
void validate_product(const Product& p, const Limits& limits);

}  // namespace rma::domain
