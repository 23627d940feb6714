/* areas.h — the tests of each area of the C test program, which main.c runs in order. */
#ifndef RMA_CAPI_TEST_AREAS_H
#define RMA_CAPI_TEST_AREAS_H

/* process.c */
void test_last_error_before_any_failure(void);
void test_versions(void);
void test_status_names(void);
void test_null_is_a_no_op_for_free_and_close(void);

/* engine.c */
void test_open_errors(const char *path);
void test_options(void);
void test_open(const char *path);
void test_system_clock_restored(void);
void test_reopen_and_second_engine(const char *path);
void test_store_copy(void);

/* parties.c */
void test_parties(void);

/* cases.c */
void test_injected_clock_and_create(void);
void test_get_update_and_conflict(void);
void test_notes_attachments_actions(void);
void test_views_queries_history(void);
void test_permissions(void);
void test_split(void);
void test_idempotent_create(void);

/* events.c */
void test_outbox(void);
void test_subscriptions(void);
void test_subscription_as_actor(void);

/* ops.c */
void test_generic_call(void);
void test_batch(void);
void test_op_table_names(void);

/* errors.c */
void test_every_command_rejects_bad_arguments(void);
void test_bad_input_changes_nothing(void);
void test_last_error_outlives_success(void);

/* import.c */
void test_import(void);
void test_import_rejects_bad_requests(void);
void test_sales_lookups(void);

/* warranty.c */
void test_warranty_config(void);
void test_warranty_check(void);

/* eligibility.c */
void test_case_from_serial(void);
void test_validators_and_eligibility(void);
void test_check_case_line(void);

/* workflows.c */
void test_workflows(void);

/* valuation.c */
void test_valuation(void);
void test_decided_value(void);

/* sla.c */
void test_sla(void);
void test_calendar_arithmetic(void);
void test_sla_due_within(void);

/* hostile_input.c */
void test_hostile_input(void);

/* threads.c */
void test_threads(void);

/* units.c */
void test_units_and_imports(void);

/* audit.c */
void test_audit(void);

/* queries.c */
void test_grid_queries(void);
void test_index_mode(void);

/* privacy.c */
void test_privacy(void);

/* languages.c */
void test_languages(void);

/* reports.c */
void test_reports(void);
void test_quality(void);

/* labels.c */
void test_labels(void);

#endif
