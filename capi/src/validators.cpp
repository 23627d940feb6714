// validators.cpp — rma_engine_add_validator: a C callback as an rma::EligibilityValidator.
#include <cstring>
#include <string>
#include <utility>

#include "engine_handle.hpp"
#include "guard.hpp"
#include "rma/json_api.hpp"
#include "rma/warranty.hpp"

using rma::capi::guard;
using rma::capi::require;

namespace {

constexpr std::size_t kReasonCodeCap = 64;
constexpr std::size_t kMessageCap = 512;

// The text a callback left in `buffer`: up to its NUL, never past the capacity, so a callback
// that fills the buffer to the last byte cannot make us read beyond it.
std::string text_in(const char* buffer, std::size_t cap) {
  return std::string(buffer, strnlen(buffer, cap));
}

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF): a reason ends up in the
// case's JSON and history, which must stay valid UTF-8.
bool valid_utf8(const std::string& text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    std::size_t extra = 0;
    unsigned char min_second = 0x80;
    unsigned char max_second = 0xBF;
    if (c < 0x80) {
      ++p;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) min_second = 0xA0;
      if (c == 0xED) max_second = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) min_second = 0x90;
      if (c == 0xF4) max_second = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= extra) return false;
    if (p[1] < min_second || p[1] > max_second) return false;
    for (std::size_t i = 2; i <= extra; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += extra + 1;
  }
  return true;
}

rma::ValidatorResult failed(const std::string& name, std::string why) {
  return rma::ValidatorResult{
      name, rma::Outcome::manual_review,
      rma::Reason{"validator_failed", "the host validator '" + name + "' " + std::move(why)}};
}

// Calls the host's function with zeroed buffers and reads its answer back.
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
        return failed(name_, "returned " + std::to_string(answer) + ", not an RMA_OUTCOME_* value");
    }
    rma::Reason reason{text_in(code, sizeof code), text_in(message, sizeof message)};
    if (!valid_utf8(reason.code) || !valid_utf8(reason.message)) {
      return failed(name_, "returned a reason that is not valid UTF-8");
    }
    return rma::ValidatorResult{name_, outcome, std::move(reason)};
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
    if (!valid_utf8(why)) why = "the host guard '" + name_ + "' refused with a message that is not valid UTF-8";
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
    if (!valid_utf8(name)) throw rma::Error(rma::Status::invalid_utf8, "name", "is not valid UTF-8");
    engine->engine.add_workflow_guard(name, CGuard(name, fn, user_data));
  });
}


rma_status rma_engine_add_validator(rma_engine* engine, const char* name, rma_validator_fn fn,
                                    void* user_data) {
  return guard([&] {
    require(engine, "engine");
    require(name, "name");
    require(fn, "fn");
    if (!valid_utf8(name))
      throw rma::Error(rma::Status::invalid_utf8, "name", "is not valid UTF-8");
    engine->engine.add_eligibility_validator(name, CValidator(name, fn, user_data));
  });
}

}  // extern "C"
