/* privacy.c — personal data (docs/privacy.md). */

#include "areas.h"
#include "fixtures.h"

#define DAY_MICROS (86400LL * 1000000)

/* A private engine: its clock walks a year on, and its cases must close before erasure. */
void test_privacy(void) {
  static test_clock clock = {INJECTED_NOW, 0}; /* 2026-11-25T09:30:00Z, 10:30 in Rome */
  rma_engine *p = NULL;
  char *out = NULL;
  char request[256];
  long long id;
  long long seq;

  CHECK_OK(rma_engine_open(":memory:", NULL, &p));
  CHECK_OK(rma_engine_set_clock(p, read_test_clock, &clock));
  CHECK_OK(rma_operator_upsert(p, "system:setup", "{\"id\": \"root\", \"name\": \"Root\", \"role\": \"admin\"}", &out));
  rma_free(out);
  CHECK_OK(rma_customer_upsert(p, OPERATOR, "{\"id\": \"c1\", \"name\": \"Mario Rossi\"}", &out));
  rma_free(out);

  /* One year for every case; a bad document names its path and stores nothing. */
  CHECK_OK(rma_privacy_configure(p, ADMIN, "{\"default_retention\": {\"years\": 1, \"basis\": \"test\"}}", &out));
  CHECK(strstr(out, "\"months\":12") != NULL);
  CHECK(strstr(out, "\"kept_custom_fields\":[\"contract\"]") != NULL);
  rma_free(out);
  CHECK_FAILS(rma_privacy_configure(p, ADMIN, "{\"retention\": [{\"country\": \"it\", \"months\": 12}]}", &out),
              RMA_E_INVALID_ARGUMENT, "retention[0].country");
  CHECK_FAILS(rma_privacy_configure(p, OPERATOR, "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_OK(rma_privacy_config(p, OPERATOR, "{}", &out));
  CHECK(strstr(out, "\"basis\":\"test\"") != NULL);
  rma_free(out);

  CHECK_OK(rma_case_create(p, OPERATOR,
                           "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"TV-55\","
                           " \"defect_description\": \"Mario Rossi dropped it\"}]}",
                           &out));
  id = JSON_INT(out, "id");
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld, \"transition\": \"cancel\"}", id);
  CHECK_OK(rma_case_transition(p, OPERATOR, request, &out)); /* closed on 2026-11-25 */
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld}", id);

  /* 23:59:59 in Rome on 2027-11-25, the last day kept: refused, naming the first day allowed. */
  clock.now = INJECTED_NOW + 365 * DAY_MICROS + 48600LL * 1000000 - 1000000;
  CHECK_OK(rma_engine_stats(p, OPERATOR, "{}", &out));
  seq = JSON_INT(out, "last_event_seq");
  rma_free(out);
  CHECK_FAILS(rma_privacy_erase(p, ADMIN, request, &out), RMA_E_PERMISSION_DENIED, "case_id");
  CHECK_STR(rma_last_error_reason(), "retention_period");
  CHECK(strstr(rma_last_error(), "may be erased from 2027-11-26") != NULL);
  CHECK_FAILS(rma_privacy_erase(p, OPERATOR, request, &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_privacy_erase(p, "customer:c1", request, &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_privacy_erase(p, ADMIN, "{\"case_id\": 987654}", &out), RMA_E_NOT_FOUND, "case_id");
  CHECK_FAILS(rma_privacy_erase(p, ADMIN, "{}", &out), RMA_E_MISSING_FIELD, "case_id");
  CHECK_OK(rma_engine_stats(p, OPERATOR, "{}", &out));
  CHECK(JSON_INT(out, "last_event_seq") == seq);
  rma_free(out);

  /* Midnight in Rome: erased, and every answer shows it. */
  clock.now += 1000000;
  CHECK_OK(rma_privacy_erase(p, ADMIN, request, &out));
  CHECK(strstr(out, "\"erasable_from\":\"2027-11-26\"") != NULL);
  CHECK(strstr(out, "\"ended_on\":\"2026-11-25\"") != NULL);
  rma_free(out);
  CHECK_OK(rma_case_get(p, OPERATOR, request, &out));
  CHECK(strstr(out, "\"defect_description\":\"[erased]\"") != NULL);
  rma_free(out);
  CHECK_OK(rma_case_history(p, OPERATOR, request, &out));
  CHECK(strstr(out, "Mario") == NULL);
  CHECK(strstr(out, "\"type\":\"privacy.erased\"") != NULL);
  rma_free(out);
  CHECK_FAILS(rma_privacy_erase(p, ADMIN, request, &out), RMA_E_CONFLICT, "case_id");
  CHECK_STR(rma_last_error_reason(), "already_erased");

  /* The customer's own export: its record (not erased: only the case was) and the erased case. */
  CHECK_OK(rma_privacy_export(p, "customer:c1", "{\"customer_id\": \"c1\"}", &out));
  CHECK(strstr(out, "\"name\":\"Mario Rossi\"") != NULL);
  CHECK(strstr(out, "\"defect_description\":\"[erased]\"") != NULL);
  rma_free(out);
  CHECK_FAILS(rma_privacy_export(p, "customer:c2", "{\"customer_id\": \"c1\"}", &out), RMA_E_PERMISSION_DENIED,
              "customer_id");
  rma_engine_close(p);
}
