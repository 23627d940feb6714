// exit_codes.cpp — librma's fine-grained statuses folded into the few a script branches on.
#include "exit_codes.hpp"

namespace rmactl {

ExitCode exit_code_for(rma::Status status) noexcept {
  switch (status) {
    case rma::Status::ok:
      return kOk;
    case rma::Status::not_found:
      return kNotFound;
    case rma::Status::invalid_argument:
    case rma::Status::malformed_json:
    case rma::Status::missing_field:
    case rma::Status::wrong_type:
    case rma::Status::unknown_value:
    case rma::Status::out_of_range:
    case rma::Status::too_large:
    case rma::Status::invalid_utf8:
      return kInvalidInput;
    case rma::Status::conflict:
    case rma::Status::duplicate:
    case rma::Status::transition_denied:
      return kConflict;
    case rma::Status::permission_denied:
      return kDenied;
    case rma::Status::storage:
      return kStore;
    case rma::Status::no_memory:
    case rma::Status::internal:
      return kInternal;
  }
  return kInternal;
}

}  // namespace rmactl
