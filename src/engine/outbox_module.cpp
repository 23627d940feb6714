#include "engine/outbox_module.hpp"

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/case_rules.hpp"
#include "engine/engine_impl.hpp"

namespace rma {

using nlohmann::json;

OutboxMessage OutboxModule::queue(const Case& c, const Actor& by, const std::string& topic, std::string payload) {
  OutboxMessage msg;
  msg.case_id = c.id;
  msg.topic = topic;
  msg.payload = std::move(payload);
  msg.created_at = e_.now();
  e_.store->append_message(msg);
  e_.emit(&c, by, events::outbox_posted(msg.seq, msg.topic));
  return msg;
}

OutboxMessage OutboxModule::post(const Actor& by, std::int64_t case_id, const std::string& topic,
                                 const std::string& payload_json) {
  e_.require_staff(by, "post outbox messages", case_id);
  domain::check_text("topic", topic, 256, true);
  domain::check_text("payload", payload_json, e_.options.limits.max_request_bytes, false, true);
  // Bounded by the depth limit while parsing: the payload is dumped (recursively) below.
  const json payload = codec::parse_json(payload_json, "payload", e_.options.limits.max_json_depth);
  if (!payload.is_object()) throw Error(Status::wrong_type, "payload", "must be a JSON object");
  Case c = e_.load_for(by, case_id, std::nullopt);
  return queue(c, by, topic, payload.dump());
}

std::vector<OutboxMessage> OutboxModule::pending(const Actor& by, std::int32_t limit) {
  e_.require_staff(by, "read the outbox");
  return e_.store->pending_messages(limit);
}

std::int64_t OutboxModule::acknowledge(const Actor& by, const std::vector<std::int64_t>& seqs) {
  e_.require_staff(by, "acknowledge outbox messages");
  std::vector<std::int64_t> missing;
  std::int64_t n = e_.store->acknowledge(seqs, e_.now(), missing);
  if (!missing.empty()) {
    throw Error(Status::not_found, "seqs", "no outbox message " + std::to_string(missing.front()));
  }
  if (n > 0) e_.emit(nullptr, by, events::outbox_acknowledged(seqs));
  return n;
}

}  // namespace rma
