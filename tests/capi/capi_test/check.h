/* check.h — the checks of the C test program: each failed check prints file:line, the row a loop
 * was checking and the last error, and exits 1; each passed one counts towards "N passed". */
#ifndef RMA_CAPI_TEST_CHECK_H
#define RMA_CAPI_TEST_CHECK_H

#include <string.h>

#include "rma/rma.h"

extern int passed;
extern const char *context; /* which table row a loop is checking, for the failure report */

void fail_at(const char *file, int line, const char *what);

#define CHECK(cond)                                  \
  do {                                               \
    if (!(cond)) fail_at(__FILE__, __LINE__, #cond); \
    ++passed;                                        \
  } while (0)

#define CHECK_OK(call) CHECK((call) == RMA_OK)

#define CHECK_STR(actual, expected) CHECK(strcmp((actual), (expected)) == 0)

/* The call fails with `status`, explains itself and blames `field` ("" for none). */
#define CHECK_FAILS(call, status, field)        \
  do {                                          \
    CHECK((call) == (status));                  \
    CHECK(rma_last_error() != NULL);            \
    CHECK(rma_last_error()[0] != '\0');         \
    CHECK(rma_last_error_field() != NULL);      \
    CHECK_STR(rma_last_error_field(), (field)); \
  } while (0)

#endif
