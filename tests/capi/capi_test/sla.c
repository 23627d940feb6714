/* sla.c — SLA: first-response due times, business-time arithmetic, and case.query's
 * sla_due_within. */

#include "areas.h"
#include "fixtures.h"

static int first_response_due(long long id, int hours, char *due, size_t size);

void test_sla(void) {
  char *out = NULL;
  char request[256];
  char text[96];
  long long id = create_return_case();
  int first;

  out = OK(rma_sla_config, OPERATOR, "{}");
  CHECK(strstr(out, "\"name\":\"default\"") != NULL);
  {
    char *config = out;
    CHECK_FAILS(rma_sla_configure(engine, OPERATOR, config, &out), RMA_E_PERMISSION_DENIED, "actor");
    out = OK(rma_sla_configure, ADMIN, config);
    CHECK(strstr(out, "\"name\":\"default\"") != NULL);
    rma_free(config);
    rma_free(out);
  }

  sprintf(request, "{\"case_id\": %lld}", id);
  out = OK(rma_sla_case, OPERATOR, request);
  CHECK_STR(JSON_STR(out, "policy", text), "default");
  CHECK(strstr(out, "\"clock\":\"resolution\"") != NULL);
  CHECK(strlen(JSON_STR(out, "expected_completion", text)) == 10);
  rma_free(out);

  /* Far in the future every open clock has breached: each is recorded once. */
  out = OK(rma_sla_tick, OPERATOR, "{\"now\": \"2030-01-01T00:00:00Z\"}");
  first = count_of(out, "\"kind\":\"breached\"");
  CHECK(first > 0);
  rma_free(out);
  out = OK(rma_sla_tick, OPERATOR, "{\"now\": \"2030-01-01T00:00:00Z\"}");
  CHECK(JSON_FIRST(out, "events") == NULL);
  rma_free(out);

  out = OK(rma_sla_due, OPERATOR, "{\"hours\": 24, \"limit\": 5}");
  CHECK(JSON_COUNT(out, "items") <= 5);
  rma_free(out);
  /* The case was made at the injected now (Wednesday 09:30) with the default policy: its first
     response (8 business hours, 09:00-17:00) is due Thursday 09:30, 24 hours on, not 23. */
  CHECK(first_response_due(id, 24, text, sizeof text));
  CHECK_STR(text, "2026-11-26T09:30:00Z");
  CHECK(!first_response_due(id, 23, text, sizeof text));
  out = OK(rma_sla_overdue, OPERATOR, "{}");
  rma_free(out);
  out = OK(rma_sla_compliance, OPERATOR, "{\"period\": \"month\"}");
  CHECK(strstr(out, "\"rows\"") != NULL);
  rma_free(out);

  CHECK_FAILS(rma_sla_due(engine, OPERATOR, "{\"hours\": -1}", &out), RMA_E_OUT_OF_RANGE, "hours");
  CHECK_FAILS(rma_sla_due(engine, OPERATOR, "{}", &out), RMA_E_MISSING_FIELD, "hours");
  CHECK_FAILS(rma_sla_compliance(engine, OPERATOR, "{\"period\": \"year\"}", &out), RMA_E_UNKNOWN_VALUE,
              "period");
  CHECK_FAILS(rma_sla_tick(engine, "customer:c1", "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_sla_tick(engine, OPERATOR, "{\"now\": \"yesterday\"}", &out), RMA_E_INVALID_ARGUMENT,
              "now");
}

/* Whether sla.due within `hours` lists case `id`'s first_response clock; its due_at into `due`. */
static int first_response_due(long long id, int hours, char *due, size_t size) {
  char *out = NULL;
  char request[64];
  char clock[32];
  const char *item;
  int n;
  int found = 0;
  sprintf(request, "{\"hours\": %d, \"limit\": 10000}", hours);
  out = OK(rma_sla_due, OPERATOR, request);
  for (n = 0; (item = JSON_NTH(out, "items", n)) != NULL && !found; ++n) {
    if (JSON_INT(item, "case_id") == id && strcmp(JSON_STR(item, "clock", clock), "first_response") == 0) {
      json_str_at(item, "due_at", due, size, __FILE__, __LINE__);
      found = 1;
    }
  }
  rma_free(out);
  return found;
}

void test_calendar_arithmetic(void) {
  char *out = NULL;
  char text[64];
  /* The default "office" calendar is open Monday to Friday 09:00-17:00 UTC; 2026-12-04 is a Friday. */
  out = OK(rma_calendar_add, "customer:c1",
           "{\"calendar\": \"office\", \"at\": \"2026-12-04T16:00:00Z\", \"seconds\": 3600}");
  CHECK_STR(JSON_STR(out, "at", text), "2026-12-04T17:00:00Z");
  rma_free(out);
  out = OK(rma_calendar_add, OPERATOR,
           "{\"calendar\": \"office\", \"at\": \"2026-12-04T16:00:00Z\", \"seconds\": 3601}");
  CHECK_STR(JSON_STR(out, "at", text), "2026-12-07T09:00:01Z");
  rma_free(out);
  out = OK(rma_calendar_between, OPERATOR,
           "{\"calendar\": \"office\", \"from\": \"2026-12-04T16:00:00Z\", \"to\": \"2026-12-07T10:00:00Z\"}");
  CHECK(JSON_INT(out, "seconds") == 7200);
  rma_free(out);
  out = OK(rma_calendar_next_open, OPERATOR,
           "{\"calendar\": {\"week\": {\"saturday\": [\"10:00-12:00\"]}}, \"at\": \"2026-12-04T16:00:00Z\"}");
  CHECK_STR(JSON_STR(out, "at", text), "2026-12-05T10:00:00Z");
  rma_free(out);

  CHECK_FAILS(rma_calendar_add(engine, OPERATOR,
                               "{\"calendar\": \"nowhere\", \"at\": \"2026-12-04T16:00:00Z\", \"seconds\": 1}",
                               &out),
              RMA_E_NOT_FOUND, "calendar");
  CHECK_FAILS(rma_calendar_add(engine, OPERATOR,
                               "{\"calendar\": \"office\", \"at\": \"2026-12-04T16:00:00Z\", \"seconds\": -1}",
                               &out),
              RMA_E_OUT_OF_RANGE, "seconds");
  CHECK_FAILS(rma_calendar_next_open(engine, OPERATOR,
                                     "{\"calendar\": {\"week\": {\"funday\": []}}, \"at\": \"2026-12-04T16:00:00Z\"}",
                                     &out),
              RMA_E_UNKNOWN_VALUE, "calendar.week.funday");
  CHECK_FAILS(rma_calendar_between(engine, OPERATOR, "{\"calendar\": \"office\", \"from\": \"2026-12-04T16:00:00Z\"}",
                                   &out),
              RMA_E_MISSING_FIELD, "to");

  /* Built-in public holidays: a calendar naming Poland is closed on 24 December from 2025. */
  out = OK(rma_calendar_add, OPERATOR,
           "{\"calendar\": {\"week\": {\"wednesday\": [\"09:00-17:00\"], \"thursday\": [\"09:00-17:00\"],"
           " \"monday\": [\"09:00-17:00\"]}, \"holidays\": {\"country\": \"PL\"}},"
           " \"at\": \"2026-12-23T16:00:00Z\", \"seconds\": 7200}");
  CHECK_STR(JSON_STR(out, "at", text), "2026-12-28T10:00:00Z");
  rma_free(out);
  out = OK(rma_holidays_list, OPERATOR, "{\"country\": \"DE\", \"subdivision\": \"BY\", \"year\": 2026}");
  CHECK(strstr(out, "\"Corpus Christi\"") != NULL);
  rma_free(out);
  CHECK_FAILS(rma_holidays_list(engine, OPERATOR, "{\"country\": \"XX\", \"year\": 2026}", &out),
              RMA_E_UNKNOWN_VALUE, "country");
  CHECK_FAILS(rma_holidays_load(engine, OPERATOR, "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
}

/* Opened Wednesday 09:30, a case's first response (8 office hours) is due Thursday 09:30: exactly
 * 86400 s ahead. A running clock due at now + N is in, at now + N + 1 s out; once due, out. */
void test_sla_due_within(void) {
  static test_clock clock = {INJECTED_NOW, 0};
  rma_engine *sla = NULL;
  char *out = NULL;

  CHECK_OK(rma_engine_open(":memory:", NULL, &sla));
  CHECK_OK(rma_engine_set_clock(sla, read_test_clock, &clock));
  CHECK_OK(rma_customer_upsert(sla, "system:setup", "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
  rma_free(out);
  CHECK_OK(rma_case_create(sla, OPERATOR, "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"TV-55\"}]}", &out));
  rma_free(out);
  CHECK_OK(rma_case_query(sla, OPERATOR, "{\"sla_due_within\": 86400, \"status\": \"requested\"}", &out));
  CHECK(JSON_INT(out, "total") == 1);
  rma_free(out);
  CHECK_OK(rma_case_query(sla, OPERATOR, "{\"sla_due_within\": 86399}", &out));
  CHECK(JSON_INT(out, "total") == 0);
  rma_free(out);
  clock.now = INJECTED_NOW + 86400LL * 1000000; /* Thursday 09:30: due now, so overdue */
  CHECK_OK(rma_case_query(sla, OPERATOR, "{\"sla_due_within\": 0}", &out));
  CHECK(JSON_INT(out, "total") == 0);
  rma_free(out);
  out = NULL;
  CHECK_FAILS(rma_case_query(sla, OPERATOR, "{\"sla_due_within\": -1}", &out), RMA_E_OUT_OF_RANGE,
              "sla_due_within");
  CHECK_FAILS(rma_case_query(sla, "customer:c1", "{\"sla_due_within\": 3600}", &out), RMA_E_PERMISSION_DENIED,
              "sla_due_within");
  CHECK(out == NULL);
  rma_engine_close(sla);
}
