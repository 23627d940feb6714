// store/rows_read.hpp — how many rows the stores of this process have read for the unit registry,
// by key or whole (a sales or purchase line, a product, a contract, a replacement or a
// registration each count one). Every backend adds to it; tests tell a keyed look-up from a full
// load by it. Thread-safe.
#pragma once

#include <cstdint>

namespace rma::store {

std::int64_t registry_rows_read() noexcept;
void count_registry_rows(std::int64_t rows) noexcept;

}  // namespace rma::store
