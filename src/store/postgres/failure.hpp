// store/postgres/failure.hpp — libpq's failures as librma errors.
//
// A lost connection is storage with reason "connection" (the command rolled back; the next one
// connects again); a lock not granted within Options::busy_timeout_ms (lock_timeout) is storage
// with reason "busy"; a serialization failure or a deadlock is conflict with reason
// "serialization" (one writer at a time makes both rare: see docs/postgresql.md). Anything else
// the server refused is storage.
#pragma once

#include <exception>
#include <optional>

#include "rma/error.hpp"

namespace rma::store::pg {

// Not a libpq failure: nullopt.
std::optional<Error> pg_failure(const std::exception& failure) noexcept;

}  // namespace rma::store::pg
