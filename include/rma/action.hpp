// rma/action.hpp — a task on a case: inspect, order parts, ship to supplier.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "rma/time.hpp"

namespace rma {

struct Action {
  std::int64_t id = 0;
  std::string title;
  std::string assignee;  // operator id or empty
  std::optional<Timestamp> due_at;
  std::optional<Timestamp> done_at;  // set once by complete_action
  std::string done_by;               // actor text
  std::string created_by;            // actor text
  Timestamp created_at;
};

struct ActionDraft {
  std::string title;
  std::string assignee;
  std::optional<Timestamp> due_at;
};

}  // namespace rma
