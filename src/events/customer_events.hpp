// events/customer_events.hpp — which customer a customer.upserted event is about. The event is
// about no case; the stores key it by this id (customer_events) so that a customer's history is
// read without walking every event about no case.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace rma::events {

// The record's id in the event's data (`after.id`, never sealed: the host's pseudonym), or ""
// when the data holds none (a row some other program wrote).
std::string upserted_customer_id(const nlohmann::json& data);
// The same from the data as stored (JSON text); "" when it does not parse.
std::string upserted_customer_id(const std::string& data);

}  // namespace rma::events
