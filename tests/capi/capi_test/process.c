/* process.c — the process-wide functions: versions, status names, the last error before any
 * failure, rma_free and rma_engine_close on NULL. */

#include "areas.h"
#include "fixtures.h"

void test_versions(void) {
  char expected[32];
  sprintf(expected, "%d.%d.%d", RMA_VERSION_MAJOR, RMA_VERSION_MINOR, RMA_VERSION_PATCH);
  CHECK(rma_version_number() == RMA_VERSION_NUMBER);
  CHECK(RMA_VERSION_NUMBER ==
        RMA_VERSION_MAJOR * 10000 + RMA_VERSION_MINOR * 100 + RMA_VERSION_PATCH);
  CHECK_STR(rma_version(), expected);
  CHECK(rma_abi_version() == RMA_ABI_VERSION);
  CHECK(RMA_ABI_VERSION == 1);
}

/* The numbers are part of the ABI: each macro keeps its fixed value and name, which hosts and
 * bindings in other languages repeat. */
void test_status_names(void) {
  static const struct {
    rma_status code;
    int number;
    const char *name;
  } statuses[] = {
      {RMA_OK, 0, "ok"},
      {RMA_E_INVALID_ARGUMENT, 1, "invalid_argument"},
      {RMA_E_NOT_FOUND, 2, "not_found"},
      {RMA_E_CONFLICT, 3, "conflict"},
      {RMA_E_TRANSITION_DENIED, 4, "transition_denied"},
      {RMA_E_PERMISSION_DENIED, 5, "permission_denied"},
      {RMA_E_MALFORMED_JSON, 6, "malformed_json"},
      {RMA_E_MISSING_FIELD, 7, "missing_field"},
      {RMA_E_WRONG_TYPE, 8, "wrong_type"},
      {RMA_E_UNKNOWN_VALUE, 9, "unknown_value"},
      {RMA_E_OUT_OF_RANGE, 10, "out_of_range"},
      {RMA_E_TOO_LARGE, 11, "too_large"},
      {RMA_E_INVALID_UTF8, 12, "invalid_utf8"},
      {RMA_E_DUPLICATE, 13, "duplicate"},
      {RMA_E_STORAGE, 14, "storage"},
      {RMA_E_NO_MEMORY, 15, "no_memory"},
      {RMA_E_INTERNAL, 16, "internal"},
  };
  size_t i;
  for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); ++i) {
    context = statuses[i].name;
    CHECK(statuses[i].code == statuses[i].number);
    CHECK_STR(rma_status_name(statuses[i].code), statuses[i].name);
  }
  context = "";
  CHECK_STR(rma_status_name(RMA_E_INTERNAL + 1), "unknown");
  CHECK_STR(rma_status_name(-1), "unknown");
}

void test_last_error_before_any_failure(void) {
  CHECK(rma_last_error() != NULL);
  CHECK_STR(rma_last_error(), "");
  CHECK(rma_last_error_field() != NULL);
  CHECK_STR(rma_last_error_field(), "");
}

void test_null_is_a_no_op_for_free_and_close(void) {
  rma_free(NULL);
  rma_engine_close(NULL);
  CHECK_STR(rma_last_error(), "");
}
