// rma/security.hpp — the security log: refused requests, counted per actor and reason.
//
// A refusal by someone with no claim on the case it names (another customer's case, a case
// that does not exist, a staff-only command) is counted here instead of being written into a
// case's history, so a probe leaves no mark on its victim. Staff read it (Engine::security_log).
#pragma once

#include <cstdint>
#include <string>

#include "rma/time.hpp"

namespace rma {

struct SecurityLogEntry {
  std::string actor;   // "customer:c-17"
  std::string reason;  // "not_own_case", "unknown_case", "role_not_allowed", "not_registered", ...
  std::int64_t count = 0;
  Timestamp first_at;
  Timestamp last_at;
  std::int64_t last_case_id = 0;  // the case of the latest refusal, 0 if none
};

}  // namespace rma
