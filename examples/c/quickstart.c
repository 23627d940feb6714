/* quickstart.c — librma from C in one page: open an engine, register a customer, open a case,
 * follow its events, add a note, read the history, and handle an error.
 *
 * Build against an installed librma with `cc quickstart.c $(pkg-config --cflags --libs rma)`, or
 * with CMake: find_package(rma) and target_link_libraries(app PRIVATE rma::c). */
#include <stdio.h>

#include "rma/rma.h"

/* Requests are JSON objects (docs/json.md). */
static const char customer_json[] =
    "{\"id\": \"C-100\", \"name\": \"Bianchi Store\", \"tier\": \"gold\"}";
static const char case_json[] =
    "{\"kind\": \"return\", \"channel\": \"b2b\", \"customer_id\": \"C-100\","
    " \"lines\": [{\"sku\": \"TV-55\", \"serial\": \"SN-7731\", \"quantity\": 1,"
    " \"reason_code\": \"defective\"}]}";
/* The first case of a fresh database has id 1; a real host reads "id" from the response. */
static const char note_json[] =
    "{\"case_id\": 1, \"channel\": \"external\","
    " \"body\": \"We received your TV and will inspect it.\"}";

/* Called after each commit with one event as JSON. The data is saved whatever this returns;
 * return 0. */
static int32_t print_event(void *user_data, const char *event_json, size_t len) {
  int *count = (int *)user_data;
  ++*count;
  printf("event %d: %.*s\n", *count, (int)len, event_json);
  return 0;
}

/* Prints why a call failed. rma_last_error() is meaningful only right after a non-zero return. */
static int failed(rma_status status, const char *what) {
  if (status == RMA_OK) return 0;
  fprintf(stderr, "%s failed: %s (%s), field \"%s\"\n", what, rma_status_name(status),
          rma_last_error(), rma_last_error_field());
  return 1;
}

int main(void) {
  rma_engine *engine = NULL;
  char *json = NULL; /* every char** result is ours: release it with rma_free */
  int64_t subscription = 0;
  int events = 0;
  int exit_code = 1;
  rma_status status;

  printf("librma %s (ABI %u)\n", rma_version(), (unsigned)rma_abi_version());
  if (rma_abi_version() != RMA_ABI_VERSION) return 1;

  /* ":memory:" keeps this run to itself; a host passes its database file. */
  if (failed(rma_engine_open(":memory:", NULL, &engine), "open")) return 1;
  if (failed(rma_engine_subscribe(engine, print_event, &events, &subscription), "subscribe")) {
    goto done;
  }

  if (failed(rma_customer_upsert(engine, "system:setup", customer_json, &json), "customer")) {
    goto done;
  }
  rma_free(json);
  json = NULL;

  if (failed(rma_case_create(engine, "operator:anna", case_json, &json), "create")) goto done;
  printf("created: %s\n", json);
  rma_free(json);
  json = NULL;

  if (failed(rma_case_add_note(engine, "operator:anna", note_json, &json), "note")) goto done;
  rma_free(json);
  json = NULL;

  if (failed(rma_case_history(engine, "operator:anna", "{\"case_id\": 1}", &json), "history")) {
    goto done;
  }
  printf("history: %s\n", json);
  rma_free(json);
  json = NULL;

  /* A failing call: the code says what kind of failure, the last error where and why. */
  status = rma_case_get(engine, "operator:anna", "{\"case_id\": 404}", &json);
  if (status != RMA_E_NOT_FOUND) {
    fprintf(stderr, "expected not_found, got %s\n", rma_status_name(status));
    goto done;
  }
  printf("as expected: %s: %s (field \"%s\")\n", rma_status_name(status), rma_last_error(),
         rma_last_error_field());

  if (failed(rma_engine_unsubscribe(engine, subscription), "unsubscribe")) goto done;
  /* customer upsert, case created, note added */
  if (events != 3) {
    fprintf(stderr, "expected 3 events, got %d\n", events);
    goto done;
  }
  printf("quick start done\n");
  exit_code = 0;

done:
  rma_free(json); /* NULL after a failure: freeing it is harmless */
  rma_engine_close(engine);
  return exit_code;
}
