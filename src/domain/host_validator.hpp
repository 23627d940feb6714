// domain/host_validator.hpp — the rule for the host's own eligibility validators (C, Python or
// C++ callbacks): a validator that fails sends the line to a person, it never decides the claim.
#pragma once

#include <stdexcept>
#include <string>

#include "rma/warranty.hpp"

namespace rma::domain {

// Thrown by a front door (capi, the Python binding) when the host's validator broke its
// contract: raised, or answered something that is not an outcome. `what()` says how, after "the
// host validator '<name>' ".
class HostValidatorBroke : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// manual_review, reason "validator_failed", message "the host validator '<name>' <why>".
ValidatorResult host_validator_failed(const std::string& name, const std::string& why);

// Runs host validator `name` on `input` and returns its result as the engine records it: a
// validator that throws (HostValidatorBroke says how; anything else "failed") or returns a reason
// that is not valid UTF-8 (it would end up in the case's JSON and history) counts as failed.
ValidatorResult run_host_validator(const std::string& name, const EligibilityValidator& validator,
                                   const EligibilityInput& input);

}  // namespace rma::domain
