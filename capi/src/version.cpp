// version.cpp — version functions, and the check that rma.h repeats rma/version.hpp's numbers.
#include "rma/rma.h"

namespace {
// rma.h must stay self-contained for C hosts, so it repeats the version numbers; capture them
// before rma/version.hpp defines the same macros, then compare.
constexpr unsigned c_header_major = RMA_VERSION_MAJOR;
constexpr unsigned c_header_minor = RMA_VERSION_MINOR;
constexpr unsigned c_header_patch = RMA_VERSION_PATCH;
constexpr unsigned c_header_number = RMA_VERSION_NUMBER;
}  // namespace

#undef RMA_VERSION_MAJOR
#undef RMA_VERSION_MINOR
#undef RMA_VERSION_PATCH
#undef RMA_VERSION_NUMBER
#include "rma/version.hpp"

static_assert(c_header_major == RMA_VERSION_MAJOR,
              "rma.h: RMA_VERSION_MAJOR differs from rma/version.hpp");
static_assert(c_header_minor == RMA_VERSION_MINOR,
              "rma.h: RMA_VERSION_MINOR differs from rma/version.hpp");
static_assert(c_header_patch == RMA_VERSION_PATCH,
              "rma.h: RMA_VERSION_PATCH differs from rma/version.hpp");
static_assert(c_header_number == RMA_VERSION_NUMBER,
              "rma.h: RMA_VERSION_NUMBER differs from rma/version.hpp");

extern "C" {

uint32_t rma_version_number(void) { return rma::version_number(); }

const char* rma_version(void) { return rma::version_string(); }

uint32_t rma_abi_version(void) { return RMA_ABI_VERSION; }

}  // extern "C"
