/* main.c — rma_capi_test: exercises every function of rma.h from C99, error paths included, one
 * area per file of this folder (areas.h).
 *
 * Usage: rma_capi_test DATABASE_PATH (the file and its -wal/-shm are deleted first).
 * Each failed check prints file:line and exits 1; the end prints "N passed, 0 failed".
 * After every failing call the test checks that the database is unchanged: the newest event
 * sequence (engine.stats last_event_seq) must not move.
 * The steps below share one database and one engine and build on each other's data: keep their
 * order, and add a step where the data it needs already exists. */
#include <stdio.h>

#include "areas.h"
#include "fixtures.h"

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "rma_capi_test.db";
  char side_file[1024];

  remove(path);
  sprintf(side_file, "%.1000s-wal", path);
  remove(side_file);
  sprintf(side_file, "%.1000s-shm", path);
  remove(side_file);

  test_last_error_before_any_failure();
  test_versions();
  test_status_names();
  test_null_is_a_no_op_for_free_and_close();
  test_open_errors(path);
  test_options();
  test_open(path);
  test_parties();
  test_injected_clock_and_create();
  test_get_update_and_conflict();
  test_notes_attachments_actions();
  test_views_queries_history();
  test_permissions();
  test_split();
  test_idempotent_create();
  test_outbox();
  test_generic_call();
  test_batch();
  test_subscriptions();
  test_subscription_as_actor();
  test_every_command_rejects_bad_arguments();
  test_bad_input_changes_nothing();
  test_last_error_outlives_success();
  test_import();
  test_import_rejects_bad_requests();
  test_sales_lookups();
  test_warranty_config();
  test_warranty_check();
  test_case_from_serial();
  test_validators_and_eligibility();
  test_check_case_line();
  test_workflows();
  test_valuation();
  test_decided_value();
  test_sla();
  test_calendar_arithmetic();
  test_labels();
  test_hostile_input();
  test_threads();
  test_system_clock_restored();
  test_reopen_and_second_engine(path);
  test_units_and_imports();
  test_op_table_names();
  test_store_copy();
  test_audit();
  test_grid_queries();
  test_index_mode();
  test_sla_due_within();
  test_privacy();
  test_languages();
  test_reports();
  test_quality();

  rma_engine_close(engine);
  printf("%d passed, 0 failed\n", passed);
  return 0;
}
