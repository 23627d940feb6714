/* header_test.c — rma.h compiles on its own (nothing included before it), as C99 and, through
 * header_test.cpp, as C++; linking proves every declaration has C linkage. */
#include "rma/rma.h"

typedef void (*any_function)(void);

/* Every function of the ABI: a missing extern "C" would leave an unresolved mangled name. The
 * ops' functions come from the op table (src/api/ops.def), so a new op is checked here too. */
static const any_function abi[] = {
    (any_function)rma_version_number,
    (any_function)rma_version,
    (any_function)rma_abi_version,
    (any_function)rma_status_name,
    (any_function)rma_last_error,
    (any_function)rma_last_error_field,
    (any_function)rma_last_error_reason,
    (any_function)rma_free,
    (any_function)rma_engine_open,
    (any_function)rma_engine_close,
    (any_function)rma_engine_set_clock,
    (any_function)rma_engine_subscribe,
    (any_function)rma_engine_subscribe_as,
    (any_function)rma_engine_unsubscribe,
    (any_function)rma_engine_call,
    (any_function)rma_engine_add_validator,
    (any_function)rma_engine_add_guard,
    (any_function)rma_import,
#define RMA_OP(id, name, c_function, python_method, access, answer, batch, c_shape) (any_function)c_function,
#include "api/ops.def"
#undef RMA_OP
};

/* The functions listed by hand above, and the ops of the table. */
#define RMA_OP(id, name, c_function, python_method, access, answer, batch, c_shape) +1
enum { kHandWritten = 18, kOps = 0
#include "api/ops.def"
};
#undef RMA_OP

static int64_t fixed_clock(void *user_data) {
  (void)user_data;
  return 0;
}

static int32_t keep_going(void *user_data, int64_t rows_done, int64_t rows_total) {
  (void)user_data;
  return rows_done > rows_total;
}

static int32_t always_pass(void *user_data, const char *input_json, size_t len, char *reason_code,
                           size_t reason_code_cap, char *message, size_t message_cap) {
  (void)user_data;
  (void)input_json;
  (void)len;
  (void)reason_code;
  (void)reason_code_cap;
  (void)message;
  (void)message_cap;
  return RMA_OUTCOME_PASS;
}

static int32_t ignore_event(void *user_data, const char *event_json, size_t len) {
  (void)user_data;
  (void)event_json;
  (void)len;
  return 0;
}

int main(void) {
  size_t i;
  rma_status status = RMA_OK;
  rma_clock_fn clock_fn = fixed_clock;
  rma_event_fn event_fn = ignore_event;
  rma_progress_fn progress_fn = keep_going;
  rma_validator_fn validator_fn = always_pass;
  for (i = 0; i < sizeof(abi) / sizeof(abi[0]); ++i) {
    if (abi[i] == 0) return 1;
  }
  if (sizeof(abi) / sizeof(abi[0]) != kHandWritten + kOps) return 2;
  if (sizeof(rma_status) != 4 || status != 0) return 3;
  if (clock_fn(0) != 0 || event_fn(0, "{}", 2) != 0) return 4;
  if (progress_fn(0, 1, 2) != 0 || validator_fn(0, "{}", 2, 0, 0, 0, 0) != 0) return 4;
  if (RMA_OUTCOME_PASS != 0 || RMA_OUTCOME_MANUAL_REVIEW != 1 || RMA_OUTCOME_FAIL != 2) return 6;
  if (rma_version_number() != RMA_VERSION_NUMBER || rma_abi_version() != RMA_ABI_VERSION) return 5;
  rma_engine_close((rma_engine *)0);
  return 0;
}
