/* audit.c — the tamper-evident history (docs/audit.md). */

#include "areas.h"
#include "fixtures.h"

static int32_t count_events(void *user_data, int64_t events_done, int64_t events_total) {
  CHECK(events_done <= events_total);
  ++*(int *)user_data;
  return 0;
}

static int32_t cancel_events(void *user_data, int64_t events_done, int64_t events_total) {
  (void)user_data;
  (void)events_done;
  (void)events_total;
  return 1;
}

/* Everything the suite wrote so far is chained: it verifies against the key the engine signs with,
 * sealed by a checkpoint asked for now. */
void test_audit(void) {
  char *out = NULL;
  char key[80];
  char signed_key[80];
  char request[256];
  int calls = 0;
  CHECK_OK(rma_audit_public_key(engine, OPERATOR, "{}", &out));
  JSON_STR(out, "public_key", key);
  CHECK(strlen(key) == 64);
  rma_free(out);
  CHECK_OK(rma_audit_checkpoint(engine, ADMIN, "{}", &out));
  JSON_STR(out, "public_key", signed_key);
  CHECK_STR(signed_key, key);
  CHECK(JSON_INT(out, "seq") > 0);
  rma_free(out);
  snprintf(request, sizeof request, "{\"trusted_keys\": [\"%s\"], \"progress_every\": 1}", key);
  CHECK_OK(rma_audit_verify(engine, OPERATOR, request, count_events, &calls, &out));
  CHECK(JSON_IS(out, "ok", "true"));
  CHECK(JSON_IS(out, "first_break", "null"));
  CHECK(JSON_INT(out, "unsigned_events") == 0);
  CHECK(JSON_INT(out, "events_checked") > 0);
  CHECK(calls == JSON_INT(out, "events_checked") + 1); /* every event, then once at the end */
  rma_free(out);
  out = NULL;
  CHECK_FAILS(rma_audit_verify(engine, OPERATOR, "{}", cancel_events, NULL, &out), RMA_E_INVALID_ARGUMENT,
              "progress");
  CHECK(out == NULL);
  CHECK_FAILS(rma_audit_verify(engine, "customer:C1", "{}", NULL, NULL, &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_audit_checkpoint(engine, OPERATOR, "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_audit_verify(engine, OPERATOR, "{\"trusted_keys\": [\"zz\"]}", NULL, NULL, &out),
              RMA_E_INVALID_ARGUMENT, "trusted_keys[0]");
  CHECK_FAILS(rma_audit_verify(engine, OPERATOR, "{\"from_seq\": 0}", NULL, NULL, &out), RMA_E_OUT_OF_RANGE,
              "from_seq");
  CHECK_FAILS(rma_audit_verify(engine, OPERATOR, "{}", NULL, NULL, NULL), RMA_E_INVALID_ARGUMENT, "out_report_json");
}
