// validators.cpp — rma_engine_add_validator: a C callback as an rma::EligibilityValidator.
#include <cstring>
#include <string>
#include <utility>

#include "domain/host_validator.hpp"
#include "engine_handle.hpp"
#include "guard.hpp"
#include "json/utf8.hpp"
#include "rma/json_api.hpp"
#include "rma/warranty.hpp"

using rma::capi::guard;
using rma::capi::require;
using rma::detail::is_valid_utf8;

namespace {

constexpr std::size_t kReasonCodeCap = 64;
constexpr std::size_t kMessageCap = 512;

// The text a callback left in `buffer`: up to its NUL, never past the capacity, so a callback
// that fills the buffer to the last byte cannot make us read beyond it.
std::string text_in(const char* buffer, std::size_t cap) {
  return std::string(buffer, strnlen(buffer, cap));
}

// Calls the host's function with zeroed buffers and reads its answer back. An answer that is no
// outcome is a broken validator; the engine turns that (and a reason that is not valid UTF-8)
// into manual review (domain/host_validator.hpp).
class CValidator {
 public:
  CValidator(std::string name, rma_validator_fn fn, void* user_data)
      : name_(std::move(name)), fn_(fn), user_data_(user_data) {}

  rma::ValidatorResult operator()(const rma::EligibilityInput& input) const {
    const std::string json = rma::eligibility_input_to_json(input);
    char code[kReasonCodeCap] = {};
    char message[kMessageCap] = {};
    const std::int32_t answer =
        fn_(user_data_, json.c_str(), json.size(), code, sizeof code, message, sizeof message);
    rma::Outcome outcome;
    switch (answer) {
      case RMA_OUTCOME_PASS:
        outcome = rma::Outcome::pass;
        break;
      case RMA_OUTCOME_MANUAL_REVIEW:
        outcome = rma::Outcome::manual_review;
        break;
      case RMA_OUTCOME_FAIL:
        outcome = rma::Outcome::fail;
        break;
      default:
        throw rma::domain::HostValidatorBroke("returned " + std::to_string(answer) + ", not an RMA_OUTCOME_* value");
    }
    return rma::ValidatorResult{name_, outcome, rma::Reason{text_in(code, sizeof code), text_in(message, sizeof message)}};
  }

 private:
  std::string name_;
  rma_validator_fn fn_;
  void* user_data_;
};

// A C guard function as an rma::WorkflowGuard.
class CGuard {
 public:
  CGuard(std::string name, rma_guard_fn fn, void* user_data) : name_(std::move(name)), fn_(fn), user_data_(user_data) {}

  rma::GuardOutcome operator()(const rma::GuardInput& input) const {
    const std::string json = rma::guard_input_to_json(input);
    char message[kMessageCap] = {};
    const std::int32_t answer = fn_(user_data_, json.c_str(), json.size(), message, sizeof message);
    if (answer == 1) return rma::GuardOutcome{true, std::string()};
    std::string why = text_in(message, sizeof message);
    if (!is_valid_utf8(why)) why = "the host guard '" + name_ + "' refused with a message that is not valid UTF-8";
    if (answer != 0) why = "the host guard '" + name_ + "' returned " + std::to_string(answer) + ", not 0 or 1";
    if (why.empty()) why = "refused by the host guard '" + name_ + "'";
    return rma::GuardOutcome{false, std::move(why)};
  }

 private:
  std::string name_;
  rma_guard_fn fn_;
  void* user_data_;
};

}  // namespace

extern "C" {

rma_status rma_engine_add_guard(rma_engine* engine, const char* name, rma_guard_fn fn, void* user_data) {
  return guard([&] {
    require(engine, "engine");
    require(name, "name");
    require(fn, "fn");
    if (!is_valid_utf8(name)) throw rma::Error(rma::Status::invalid_utf8, "name", "is not valid UTF-8");
    engine->engine.add_workflow_guard(name, CGuard(name, fn, user_data));
  });
}


rma_status rma_engine_add_validator(rma_engine* engine, const char* name, rma_validator_fn fn,
                                    void* user_data) {
  return guard([&] {
    require(engine, "engine");
    require(name, "name");
    require(fn, "fn");
    if (!is_valid_utf8(name))
      throw rma::Error(rma::Status::invalid_utf8, "name", "is not valid UTF-8");
    engine->engine.add_eligibility_validator(name, CValidator(name, fn, user_data));
  });
}

}  // extern "C"
