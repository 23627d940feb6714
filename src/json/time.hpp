// json/time.hpp — optional instants and dates as JSON: ISO 8601 text, or null when unset.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "rma/time.hpp"

namespace rma::codec {

inline nlohmann::json time_value(const std::optional<Timestamp>& t) {
  return t ? nlohmann::json(t->to_iso()) : nlohmann::json(nullptr);
}

inline nlohmann::json date_value(const std::optional<Date>& d) {
  return d ? nlohmann::json(d->to_iso()) : nlohmann::json(nullptr);
}

}  // namespace rma::codec
