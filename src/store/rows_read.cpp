#include "store/rows_read.hpp"

#include <atomic>

namespace rma::store {
namespace {

std::atomic<std::int64_t> rows_read{0};

}  // namespace

std::int64_t registry_rows_read() noexcept { return rows_read.load(std::memory_order_relaxed); }

void count_registry_rows(std::int64_t rows) noexcept { rows_read.fetch_add(rows, std::memory_order_relaxed); }

}  // namespace rma::store
