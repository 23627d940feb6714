#include "rma/error.hpp"

#include <utility>

namespace rma {

const char* status_name(Status status) noexcept {
  switch (status) {
    case Status::ok: return "ok";
    case Status::invalid_argument: return "invalid_argument";
    case Status::not_found: return "not_found";
    case Status::conflict: return "conflict";
    case Status::transition_denied: return "transition_denied";
    case Status::permission_denied: return "permission_denied";
    case Status::malformed_json: return "malformed_json";
    case Status::missing_field: return "missing_field";
    case Status::wrong_type: return "wrong_type";
    case Status::unknown_value: return "unknown_value";
    case Status::out_of_range: return "out_of_range";
    case Status::too_large: return "too_large";
    case Status::invalid_utf8: return "invalid_utf8";
    case Status::duplicate: return "duplicate";
    case Status::storage: return "storage";
    case Status::no_memory: return "no_memory";
    case Status::internal: return "internal";
  }
  // Codes arrive from C callers as plain integers, so values outside the enum are possible.
  return "unknown";
}

namespace {
std::string error_text(const std::string& field, const std::string& message) {
  return field.empty() ? message : field + ": " + message;
}
}  // namespace

Error::Error(Status status, std::string field, const std::string& message, std::string reason)
    : std::runtime_error(error_text(field, message)),
      status_(status),
      field_(std::move(field)),
      reason_(std::move(reason)) {}

}  // namespace rma
