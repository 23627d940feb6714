// errors.cpp — status codes, this thread's last error, and the strings handed to the caller.
#include <cstdlib>
#include <cstring>
#include <string>

#include "guard.hpp"

// The C codes are part of the ABI and must stay equal to rma::Status.
#define RMA_SAME_CODE(c_code, status)                                     \
  static_assert((c_code) == static_cast<rma_status>(rma::Status::status), \
                #c_code " != rma::Status::" #status)
RMA_SAME_CODE(RMA_OK, ok);
RMA_SAME_CODE(RMA_E_INVALID_ARGUMENT, invalid_argument);
RMA_SAME_CODE(RMA_E_NOT_FOUND, not_found);
RMA_SAME_CODE(RMA_E_CONFLICT, conflict);
RMA_SAME_CODE(RMA_E_TRANSITION_DENIED, transition_denied);
RMA_SAME_CODE(RMA_E_PERMISSION_DENIED, permission_denied);
RMA_SAME_CODE(RMA_E_MALFORMED_JSON, malformed_json);
RMA_SAME_CODE(RMA_E_MISSING_FIELD, missing_field);
RMA_SAME_CODE(RMA_E_WRONG_TYPE, wrong_type);
RMA_SAME_CODE(RMA_E_UNKNOWN_VALUE, unknown_value);
RMA_SAME_CODE(RMA_E_OUT_OF_RANGE, out_of_range);
RMA_SAME_CODE(RMA_E_TOO_LARGE, too_large);
RMA_SAME_CODE(RMA_E_INVALID_UTF8, invalid_utf8);
RMA_SAME_CODE(RMA_E_DUPLICATE, duplicate);
RMA_SAME_CODE(RMA_E_STORAGE, storage);
RMA_SAME_CODE(RMA_E_NO_MEMORY, no_memory);
RMA_SAME_CODE(RMA_E_INTERNAL, internal);
#undef RMA_SAME_CODE
static_assert(sizeof(rma_status) == sizeof(rma::Status),
              "rma_status and rma::Status differ in size");

namespace rma::capi {
namespace {

// Per thread, so that concurrent callers never read each other's failures. The strings keep
// their capacity, so recording a short message after a long one does not allocate.
struct LastError {
  std::string message;
  std::string field;
  std::string reason;
};
thread_local LastError last_error;

}  // namespace

rma_status fail(rma_status status, std::string_view field, std::string_view message,
               std::string_view reason) noexcept {
  try {
    last_error.message.assign(message);
    last_error.field.assign(field);
    last_error.reason.assign(reason);
  } catch (...) {
    // No memory for the text: a message that fits the strings' inline buffer still says why.
    last_error.message.clear();
    last_error.field.clear();
    last_error.reason.clear();
    last_error.message.append("no memory", 9);
  }
  return status;
}

void copy_to_caller(std::string_view text, char** out) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  *out = copy;
}

}  // namespace rma::capi

extern "C" {

const char* rma_status_name(rma_status status) {
  return rma::status_name(static_cast<rma::Status>(status));
}

const char* rma_last_error(void) { return rma::capi::last_error.message.c_str(); }

const char* rma_last_error_field(void) { return rma::capi::last_error.field.c_str(); }

const char* rma_last_error_reason(void) { return rma::capi::last_error.reason.c_str(); }

void rma_free(void* p) { std::free(p); }

}  // extern "C"
