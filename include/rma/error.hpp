// rma/error.hpp — the one exception type librma throws, and its stable status codes.
//
// Every failure a host must tell apart has its own Status. The numbers are part of the C ABI
// (capi/include/rma/rma.h repeats them and a static_assert keeps both equal): add new codes at
// the end, never renumber.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace rma {

enum class Status : std::int32_t {
  ok = 0,
  invalid_argument = 1,   // an argument is wrong in a way no finer code below describes
  not_found = 2,          // the case, party, action or message does not exist
  conflict = 3,           // stale version, or an idempotency key reused for another request
  transition_denied = 4,  // the workflow does not allow this move from the current state
  permission_denied = 5,  // the actor's role or ownership forbids the command
  malformed_json = 6,     // request text is not JSON
  missing_field = 7,      // a required field is absent
  wrong_type = 8,         // a field has the wrong JSON type
  unknown_value = 9,      // an enum value or a field name that librma does not know
  out_of_range = 10,      // a number or date outside its allowed range (zero or negative quantity)
  too_large = 11,         // a payload or string over its configured limit
  invalid_utf8 = 12,      // a string is not valid UTF-8
  duplicate = 13,         // the thing being created exists already
  storage = 14,           // the database failed (I/O, corruption, locked past the busy timeout)
  no_memory = 15,         // allocation failed
  internal = 16,          // a bug in librma; please report it
};

// Stable lower-case name of a status ("not_found"); "unknown" for values outside the enum.
const char* status_name(Status status) noexcept;

// Thrown by every librma C++ call that fails. `field()` names the offending input with a JSON-like
// path ("lines[1].quantity") or is empty when no single field is to blame; what() is
// "field: message" (or just the message). `reason()` tells refusals of one status apart with a
// stable code (permission_denied: "role_not_allowed", "not_own_case", "decision_locked",
// "admin_only", …; transition_denied: "not_in_state", "nothing_to_refund" or the failed guard's
// name — the list is in docs/workflows.md); it is empty for other failures.
class Error : public std::runtime_error {
 public:
  Error(Status status, std::string field, const std::string& message, std::string reason = std::string());
  Error(Status status, const std::string& message) : Error(status, std::string(), message) {}

  Status status() const noexcept { return status_; }
  const std::string& field() const noexcept { return field_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  Status status_;
  std::string field_;
  std::string reason_;
};

}  // namespace rma
