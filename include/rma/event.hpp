// rma/event.hpp — the audit log: every change, who, when, before and after.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "rma/time.hpp"

namespace rma {

// One committed change. `seq` increases strictly across the whole database; a case's events in
// seq order are its history.
struct Event {
  std::int64_t seq = 0;
  std::int64_t case_id = 0;  // 0 for events about no case (a customer upsert)
  std::string case_number;
  Timestamp at;
  std::string actor;  // "operator:anna"
  std::string type;   // "case.created", "case.updated", "note.added", ...
  std::string data;   // JSON object: what changed, with "before"/"after" where something was replaced
};

// Called after commit, on the thread that ran the command, outside the engine's lock (so it may
// call the engine). An exception it throws is swallowed: the data is already committed.
using EventHandler = std::function<void(const Event&)>;

}  // namespace rma
