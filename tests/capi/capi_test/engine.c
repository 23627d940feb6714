/* engine.c — opening an engine (its refusals and options), the system clock restored, reopening
 * and a second engine on the same store, and store.copy's refusals. */

#include "areas.h"
#include "fixtures.h"

void test_open_errors(const char *path) {
  rma_engine *e = (rma_engine *)&passed; /* any non-NULL value: a failure must reset it */
  CHECK_FAILS(rma_engine_open(NULL, NULL, &e), RMA_E_INVALID_ARGUMENT, "path");
  CHECK(e == NULL);
  CHECK_FAILS(rma_engine_open(path, NULL, NULL), RMA_E_INVALID_ARGUMENT, "out_engine");
  e = (rma_engine *)&passed;
  CHECK_FAILS(rma_engine_open(path, "{\"busy_timeout_ms\": ", &e), RMA_E_MALFORMED_JSON, "");
  CHECK(e == NULL);
  CHECK_FAILS(rma_engine_open("/nonexistent-directory/rma.db", NULL, &e), RMA_E_STORAGE, "path");
  CHECK(e == NULL);
}

/* Options reach the engine: a number format and a note limit, checked on both sides. */
void test_options(void) {
  static test_clock clock = {INJECTED_NOW, 0};
  rma_engine *other = (rma_engine *)&passed;
  char *out = NULL;
  char number[64];

  CHECK_FAILS(rma_engine_open(":memory:", "{\"nope\": 1}", &other), RMA_E_UNKNOWN_VALUE, "nope");
  CHECK(other == NULL);
  CHECK_FAILS(rma_engine_open(":memory:", "{\"busy_timeout_ms\": \"soon\"}", &other),
              RMA_E_WRONG_TYPE, "busy_timeout_ms");
  CHECK_OK(rma_engine_open(":memory:",
                           "{\"number_format\": {\"prefix\": \"RET\", \"digits\": 4},"
                           " \"limits\": {\"max_note_bytes\": 10}}",
                           &other));
  CHECK_OK(rma_engine_set_clock(other, read_test_clock, &clock));
  CHECK_OK(rma_customer_upsert(other, "system:setup", "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
  rma_free(out);
  CHECK_OK(rma_case_create(other, OPERATOR,
                           "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"X\"}]}", &out));
  CHECK(strncmp(JSON_STR(out, "number", number), "RET-2026-0001-", 14) == 0);
  CHECK(strlen(number) == 15);
  rma_free(out);
  CHECK_OK(rma_case_add_note(
      other, OPERATOR, "{\"case_id\": 1, \"channel\": \"internal\", \"body\": \"0123456789\"}",
      &out));
  rma_free(out);
  out = NULL;
  CHECK_FAILS(rma_case_add_note(
                  other, OPERATOR,
                  "{\"case_id\": 1, \"channel\": \"internal\", \"body\": \"0123456789A\"}", &out),
              RMA_E_TOO_LARGE, "body");
  CHECK(out == NULL);
  rma_engine_close(other);
}

void test_open(const char *path) {
  CHECK_OK(rma_engine_open(path, "{}", &engine));
  CHECK(engine != NULL);
  CHECK(case_count() == 0);
  CHECK(last_event_seq() == 0);
}

void test_system_clock_restored(void) {
  char *out = NULL;
  char text[64];
  CHECK_OK(rma_engine_set_clock(engine, NULL, NULL));
  out = OK(rma_case_create, OPERATOR, CASE_DRAFT);
  CHECK(strcmp(JSON_STR(out, "created_at", text), INJECTED_NOW_ISO) != 0);
  rma_free(out);
}

void test_reopen_and_second_engine(const char *path) {
  long long cases = case_count();
  long long seq = last_event_seq();
  rma_engine *second = NULL;
  char *out = NULL;
  char request[64];

  rma_engine_close(engine);
  engine = NULL;
  CHECK_OK(rma_engine_open(path, NULL, &engine));
  CHECK(case_count() == cases);
  CHECK(last_event_seq() == seq);

  /* A second engine on the same file sees what the first one commits. */
  CHECK_OK(rma_engine_open(path, NULL, &second));
  out = OK(rma_case_create, OPERATOR, CASE_DRAFT);
  sprintf(request, "{\"case_id\": %lld}", JSON_INT(out, "id"));
  rma_free(out);
  CHECK_OK(rma_case_get(second, OPERATOR, request, &out));
  rma_free(out);
  rma_engine_close(second);
}

/* store.copy: the refusals every backend gives (the copy itself runs in the unit and pytest
 * suites against the server: it needs an SQLite source and a PostgreSQL target at once). */
static int32_t count_progress(void *user_data, const char *table, int64_t rows_done, int64_t rows_total) {
  (void)table;
  (void)rows_done;
  (void)rows_total;
  ++*(int *)user_data;
  return 0;
}

void test_store_copy(void) {
  char *out = NULL;
  int calls = 0;
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{\"to\": \"/tmp/not-a-server.db\"}", count_progress, &calls, &out),
              RMA_E_INVALID_ARGUMENT, "to");
  CHECK(out == NULL);
  CHECK(calls == 0);
  CHECK_FAILS(rma_store_copy(engine, OPERATOR, "{\"to\": \"host=/nowhere dbname=rma\"}", NULL, NULL, &out),
              RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{\"to\": 7}", NULL, NULL, &out), RMA_E_WRONG_TYPE, "to");
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{\"to\": \"host=/x\", \"progress_every\": 0}", NULL, NULL, &out),
              RMA_E_OUT_OF_RANGE, "progress_every");
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{}", NULL, NULL, NULL), RMA_E_INVALID_ARGUMENT, "out_report_json");
}
