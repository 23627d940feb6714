#include "domain/host_validator.hpp"

#include <utility>

#include "json/utf8.hpp"

namespace rma::domain {

ValidatorResult host_validator_failed(const std::string& name, const std::string& why) {
  return ValidatorResult{name, Outcome::manual_review,
                         Reason{"validator_failed", "the host validator '" + name + "' " + why}};
}

ValidatorResult run_host_validator(const std::string& name, const EligibilityValidator& validator,
                                   const EligibilityInput& input) {
  ValidatorResult r;
  try {
    r = validator(input);
  } catch (const HostValidatorBroke& e) {
    return host_validator_failed(name, e.what());
  } catch (...) {
    return host_validator_failed(name, "failed");
  }
  if (!detail::is_valid_utf8(r.reason.code) || !detail::is_valid_utf8(r.reason.message)) {
    return host_validator_failed(name, "returned a reason that is not valid UTF-8");
  }
  r.validator = name;
  return r;
}

}  // namespace rma::domain
