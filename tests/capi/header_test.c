/* header_test.c — rma.h compiles on its own (nothing included before it), as C99 and, through
 * header_test.cpp, as C++; linking proves every declaration has C linkage. */
#include "rma/rma.h"

typedef void (*any_function)(void);

/* Every function of the ABI: a missing extern "C" would leave an unresolved mangled name. */
static const any_function abi[] = {
    (any_function)rma_version_number,
    (any_function)rma_version,
    (any_function)rma_abi_version,
    (any_function)rma_status_name,
    (any_function)rma_last_error,
    (any_function)rma_last_error_field,
    (any_function)rma_free,
    (any_function)rma_engine_open,
    (any_function)rma_engine_close,
    (any_function)rma_engine_set_clock,
    (any_function)rma_engine_subscribe,
    (any_function)rma_engine_unsubscribe,
    (any_function)rma_engine_call,
    (any_function)rma_customer_upsert,
    (any_function)rma_customer_get,
    (any_function)rma_supplier_upsert,
    (any_function)rma_supplier_get,
    (any_function)rma_operator_upsert,
    (any_function)rma_operator_get,
    (any_function)rma_product_upsert,
    (any_function)rma_product_get,
    (any_function)rma_case_create,
    (any_function)rma_case_get,
    (any_function)rma_case_update,
    (any_function)rma_case_add_note,
    (any_function)rma_case_add_attachment,
    (any_function)rma_case_add_action,
    (any_function)rma_case_complete_action,
    (any_function)rma_case_split,
    (any_function)rma_case_query,
    (any_function)rma_case_history,
    (any_function)rma_case_customer_view,
    (any_function)rma_outbox_post,
    (any_function)rma_outbox_fetch,
    (any_function)rma_outbox_ack,
    (any_function)rma_number_parse,
    (any_function)rma_engine_stats,
    (any_function)rma_engine_batch,
};

static int64_t fixed_clock(void *user_data) {
  (void)user_data;
  return 0;
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
  for (i = 0; i < sizeof(abi) / sizeof(abi[0]); ++i) {
    if (abi[i] == 0) return 1;
  }
  if (sizeof(abi) / sizeof(abi[0]) != 38) return 2;
  if (sizeof(rma_status) != 4 || status != 0) return 3;
  if (clock_fn(0) != 0 || event_fn(0, "{}", 2) != 0) return 4;
  if (rma_version_number() != RMA_VERSION_NUMBER || rma_abi_version() != RMA_ABI_VERSION) return 5;
  rma_engine_close((rma_engine *)0);
  return 0;
}
