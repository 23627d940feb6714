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
    (any_function)rma_sales_document_get,
    (any_function)rma_purchase_document_get,
    (any_function)rma_sold_units_by_serial,
    (any_function)rma_sold_units_by_customer,
    (any_function)rma_sold_units_by_document,
    (any_function)rma_warranty_configure,
    (any_function)rma_warranty_config,
    (any_function)rma_warranty_add_extended,
    (any_function)rma_unit_register,
    (any_function)rma_warranty_check,
    (any_function)rma_case_check_eligibility,
    (any_function)rma_case_check_line,
    (any_function)rma_unit_history,
    (any_function)rma_import,
    (any_function)rma_engine_add_validator,
};

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
  if (sizeof(abi) / sizeof(abi[0]) != 53) return 2;
  if (sizeof(rma_status) != 4 || status != 0) return 3;
  if (clock_fn(0) != 0 || event_fn(0, "{}", 2) != 0) return 4;
  if (progress_fn(0, 1, 2) != 0 || validator_fn(0, "{}", 2, 0, 0, 0, 0) != 0) return 4;
  if (RMA_OUTCOME_PASS != 0 || RMA_OUTCOME_MANUAL_REVIEW != 1 || RMA_OUTCOME_FAIL != 2) return 6;
  if (rma_version_number() != RMA_VERSION_NUMBER || rma_abi_version() != RMA_ABI_VERSION) return 5;
  rma_engine_close((rma_engine *)0);
  return 0;
}
