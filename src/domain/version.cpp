#include "rma/version.hpp"

namespace rma {

#define RMA_STRINGIFY_DETAIL(x) #x
#define RMA_STRINGIFY(x) RMA_STRINGIFY_DETAIL(x)

std::uint32_t version_number() noexcept { return RMA_VERSION_NUMBER; }

const char* version_string() noexcept {
  // Built from the same macros as RMA_VERSION_NUMBER so the two can never disagree.
  return RMA_STRINGIFY(RMA_VERSION_MAJOR) "." RMA_STRINGIFY(RMA_VERSION_MINOR) "." RMA_STRINGIFY(
      RMA_VERSION_PATCH);
}

#undef RMA_STRINGIFY
#undef RMA_STRINGIFY_DETAIL

}  // namespace rma
