// arguments.hpp — reading the `key=value` options (`case find --where`, `report --filter`) that
// pass a member through to a request.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace rmactl {

// "key=value" -> (key, value), the value read as JSON when it is JSON (3600, true, {"a": 1}) and
// as text otherwise. Anything without a key is invalid_argument naming `option`.
std::pair<std::string, nlohmann::json> key_value(const std::string& clause, const std::string& option);

}  // namespace rmactl
