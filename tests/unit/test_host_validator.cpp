// domain/host_validator: a host validator that fails sends the line to manual review.
#include <doctest/doctest.h>

#include <stdexcept>

#include "domain/host_validator.hpp"

using namespace rma;

namespace {

ValidatorResult run(const EligibilityValidator& v) { return domain::run_host_validator("erp", v, EligibilityInput{}); }

}  // namespace

TEST_CASE("host validator: its answer is kept under its name") {
  const ValidatorResult r = run([](const EligibilityInput&) {
    return ValidatorResult{"whatever", Outcome::fail, Reason{"blocked", "customer blocked in the ERP"}};
  });
  CHECK(r.validator == "erp");
  CHECK(r.outcome == Outcome::fail);
  CHECK(r.reason.code == "blocked");
}

TEST_CASE("host validator: a broken one means manual review, saying how it broke") {
  ValidatorResult r = run([](const EligibilityInput&) -> ValidatorResult {
    throw domain::HostValidatorBroke("returned 7, not an RMA_OUTCOME_* value");
  });
  CHECK(r.validator == "erp");
  CHECK(r.outcome == Outcome::manual_review);
  CHECK(r.reason.code == "validator_failed");
  CHECK(r.reason.message == "the host validator 'erp' returned 7, not an RMA_OUTCOME_* value");

  r = run([](const EligibilityInput&) -> ValidatorResult { throw std::runtime_error("secret detail"); });
  CHECK(r.outcome == Outcome::manual_review);
  CHECK(r.reason.message == "the host validator 'erp' failed");

  // A reason ends up in the case's JSON and history: it must be valid UTF-8 (here a surrogate).
  r = run([](const EligibilityInput&) {
    return ValidatorResult{"erp", Outcome::pass, Reason{"ok", "\xED\xA0\x80"}};
  });
  CHECK(r.outcome == Outcome::manual_review);
  CHECK(r.reason.message == "the host validator 'erp' returned a reason that is not valid UTF-8");
  r = run([](const EligibilityInput&) {
    return ValidatorResult{"erp", Outcome::pass, Reason{"\xC0\xAF", "fine"}};
  });
  CHECK(r.outcome == Outcome::manual_review);
}
