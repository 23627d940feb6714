// guard.hpp — how every C entry point runs its body: no exception crosses the C boundary.
//
// guard() runs the body and turns whatever it throws into an rma_status, recording the message
// field and reason as this thread's last error (rma_last_error, _field, _reason).
#pragma once

#include <cstddef>
#include <new>
#include <string>
#include <string_view>

#include "rma/error.hpp"
#include "rma/rma.h"

namespace rma::capi {

// Records the failure as this thread's last error and returns `status`. Never throws: if the
// text cannot be stored, a shorter fixed text takes its place.
rma_status fail(rma_status status, std::string_view field, std::string_view message,
               std::string_view reason = {}) noexcept;

// Throws invalid_argument naming `parameter` when `pointer` (to data or a function) is NULL.
template <typename Pointer>
void require(Pointer pointer, const char* parameter) {
  if (pointer == nullptr) throw Error(Status::invalid_argument, parameter, "must not be NULL");
}

// Gives the caller a malloc'ed, NUL-terminated copy of `text`, to be released with rma_free.
// Throws std::bad_alloc if malloc fails.
void copy_to_caller(std::string_view text, char** out);

template <typename Body>
rma_status guard(Body&& body) noexcept {
  try {
    body();
    return RMA_OK;
  } catch (const Error& e) {
    // An Error must carry a failure; an `ok` one is a bug in librma, not success.
    const rma_status status = static_cast<rma_status>(e.status());
    return fail(status == RMA_OK ? RMA_E_INTERNAL : status, e.field(), e.what(), e.reason());
  } catch (const std::bad_alloc&) {
    return fail(RMA_E_NO_MEMORY, {}, "out of memory");
  } catch (const std::exception& e) {
    return fail(RMA_E_INTERNAL, {}, e.what());
  } catch (...) {
    return fail(RMA_E_INTERNAL, {}, "unknown exception");
  }
}

}  // namespace rma::capi
