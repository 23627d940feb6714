// json/money.hpp — an amount as JSON: money text ("549.00 EUR"), or null when unset.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "json/reader.hpp"
#include "rma/money.hpp"

namespace rma::codec {

nlohmann::json money_value(const std::optional<Money>& m);

// The member `key` as money text; nullopt when absent or null. parse_money refuses another form,
// an unknown currency (unknown_value) and an amount beyond 64 bits (out_of_range).
std::optional<Money> read_money(ObjectReader& r, const char* key);

}  // namespace rma::codec
