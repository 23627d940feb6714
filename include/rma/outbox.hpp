// rma/outbox.hpp — messages for the host's ERP (credit note requests, replacement orders).
//
// A message is written in the same transaction as the change that caused it, so the host never
// misses one nor sees one for a change that rolled back. The host fetches pending messages in
// order, delivers them, then acknowledges them.
#pragma once

#include <cstdint>
#include <string>

#include "rma/time.hpp"

namespace rma {

struct OutboxMessage {
  std::int64_t seq = 0;  // delivery order
  std::int64_t case_id = 0;
  std::string topic;    // "credit_note.request", "replacement.order", ...
  std::string payload;  // JSON object
  Timestamp created_at;
};

}  // namespace rma
