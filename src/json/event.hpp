// json/event.hpp — an audit event as the generic JSON document answers and views show.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "rma/event.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const Event& event);

}  // namespace rma::codec
