#include "events/customer_events.hpp"

namespace rma::events {

std::string upserted_customer_id(const nlohmann::json& data) {
  if (!data.is_object()) return std::string();
  const auto after = data.find("after");
  if (after == data.end() || !after->is_object()) return std::string();
  const auto id = after->find("id");
  return id != after->end() && id->is_string() ? id->get<std::string>() : std::string();
}

std::string upserted_customer_id(const std::string& data) {
  return upserted_customer_id(nlohmann::json::parse(data, nullptr, false));
}

}  // namespace rma::events
