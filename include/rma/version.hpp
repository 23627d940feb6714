// rma/version.hpp — library version. Compare RMA_VERSION_NUMBER (what you compiled against) with
// rma::version_number() (what you run with) if you load librma dynamically.
#pragma once

#include <cstdint>

#define RMA_VERSION_MAJOR 0
#define RMA_VERSION_MINOR 1
#define RMA_VERSION_PATCH 0
#define RMA_VERSION_NUMBER (RMA_VERSION_MAJOR * 10000 + RMA_VERSION_MINOR * 100 + RMA_VERSION_PATCH)

namespace rma {
std::uint32_t version_number() noexcept;
const char* version_string() noexcept;  // "0.1.0"
}  // namespace rma
