// engine/outbox_module.hpp — the outbox: messages for the host's ERP, queued in the command that
// calls for them (a host's post, a workflow's outbox effect, a decision) and recorded by an
// outbox_posted event; read and acknowledged by the host.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rma/engine.hpp"

namespace rma {

class OutboxModule {
 public:
  explicit OutboxModule(Engine::Impl& engine) : e_(engine) {}

  // Queues a message about case `c` with `payload` (a JSON object's text).
  OutboxMessage queue(const Case& c, const Actor& by, const std::string& topic, std::string payload);

  // The host's own message about a case (staff).
  OutboxMessage post(const Actor& by, std::int64_t case_id, const std::string& topic, const std::string& payload_json);
  std::vector<OutboxMessage> pending(const Actor& by, std::int32_t limit);
  std::int64_t acknowledge(const Actor& by, const std::vector<std::int64_t>& seqs);

 private:
  Engine::Impl& e_;
};

}  // namespace rma
