// header_test.cpp — header_test.c compiled as C++: rma.h's extern "C" guards and C++ validity.
#include "header_test.c"

// A C++ host may include rma.h and rma/version.hpp together: their version macros must be
// identical redefinitions (a different one is an error under -Werror).
#include "rma/version.hpp"

static_assert(RMA_VERSION_NUMBER ==
                  RMA_VERSION_MAJOR * 10000 + RMA_VERSION_MINOR * 100 + RMA_VERSION_PATCH,
              "version macros");
