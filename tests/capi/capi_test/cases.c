/* cases.c — the case lifecycle: create on an injected clock, get, update and conflict, notes,
 * attachments and actions, views, queries and history, permissions, split, idempotent create. */

#include "areas.h"
#include "fixtures.h"

/* The first case's number and action, which the steps below share (its id is in fixtures.h). */
static long long action_id;
static char case_number[64];

void test_injected_clock_and_create(void) {
  static test_clock clock = {INJECTED_NOW, 0};
  char *out = NULL;
  char text[64];
  char typed[64];
  size_t i;

  CHECK_FAILS(rma_engine_set_clock(NULL, read_test_clock, &clock), RMA_E_INVALID_ARGUMENT,
              "engine");
  CHECK_OK(rma_engine_set_clock(engine, read_test_clock, &clock));

  out = OK(rma_case_create, OPERATOR, CASE_DRAFT);
  CHECK(clock.calls > 0); /* the clock got its user_data */
  CHECK_STR(JSON_STR(out, "created_at", text), INJECTED_NOW_ISO);
  CHECK_STR(JSON_STR(out, "updated_at", text), INJECTED_NOW_ISO);
  CHECK(JSON_INT(out, "version") == 1);
  case_id = JSON_INT(out, "id");
  CHECK(case_id > 0);
  JSON_STR(out, "number", case_number);
  CHECK(strncmp(case_number, "RMA-2026-000001-", 16) == 0);
  CHECK(strlen(case_number) == 17);
  CHECK_STR(JSON_STR(out, "status", text), "requested");
  CHECK(count_of(JSON_GET(out, "lines"), "\"line_no\"") == 2);
  rma_free(out);

  /* number.parse forgives case and spaces, as a person types it. */
  for (i = 0; case_number[i] != '\0'; ++i) {
    char c = case_number[i];
    typed[i] = c == '-' ? ' ' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
  }
  typed[i] = '\0';
  {
    char request[128];
    sprintf(request, "{\"number\": \"%s\"}", typed);
    out = OK(rma_number_parse, OPERATOR, request);
    CHECK_STR(JSON_STR(out, "canonical", text), case_number);
    CHECK(JSON_INT(out, "year") == 2026);
    CHECK(JSON_INT(out, "sequence") == 1);
    rma_free(out);
    out = OK(rma_case_get, OPERATOR, request);
    CHECK(JSON_INT(out, "id") == case_id);
    rma_free(out);
  }
  CHECK_FAILS(rma_number_parse(engine, OPERATOR, "{\"number\": \"RMA-2026-000001\"}", &out),
              RMA_E_NOT_FOUND, "number");
}

void test_get_update_and_conflict(void) {
  char *out = NULL;
  char request[256];
  char text[64];
  long long seq;

  sprintf(request, "{\"case_id\": %lld}", case_id);
  out = OK(rma_case_get, OPERATOR, request);
  CHECK_STR(JSON_STR(out, "number", text), case_number);
  rma_free(out);

  sprintf(request,
          "{\"case_id\": %lld, \"version\": 1, \"changes\": {\"priority\": \"high\", \"assignee\": "
          "\"anna\","
          " \"expected_completion\": \"2026-12-04\"}}",
          case_id);
  out = OK(rma_case_update, OPERATOR, request);
  CHECK(JSON_INT(out, "version") == 2);
  CHECK_STR(JSON_STR(out, "priority", text), "high");
  CHECK_STR(JSON_STR(out, "expected_completion", text), "2026-12-04");
  rma_free(out);

  /* The same request again carries a stale version now. */
  seq = last_event_seq();
  CHECK_FAILS(rma_case_update(engine, OPERATOR, request, &out), RMA_E_CONFLICT, "version");
  CHECK(out == NULL);
  CHECK(last_event_seq() == seq);
  sprintf(request, "{\"case_id\": %lld}", case_id);
  out = OK(rma_case_get, OPERATOR, request);
  CHECK(JSON_INT(out, "version") == 2);
  rma_free(out);
}

void test_notes_attachments_actions(void) {
  char *out = NULL;
  char request[512];
  char text[128];

  sprintf(request,
          "{\"case_id\": %lld, \"version\": 2, \"channel\": \"internal\", \"body\": "
          "\"internal-secret-xyz\"}",
          case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  CHECK(JSON_INT(out, "version") == 3);
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"external\", \"body\": \"visible-abc\"}",
          case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  CHECK(count_of(JSON_GET(out, "notes"), "\"body\"") == 2);
  rma_free(out);

  sprintf(request,
          "{\"case_id\": %lld, \"file_name\": \"front.jpg\", \"media_type\": \"image/jpeg\","
          " \"size_bytes\": 183422, \"sha256\": \"" SHA256_A
          "\", \"uri\": \"s3://rma/front.jpg\","
          " \"visibility\": \"external\"}",
          case_id);
  out = OK(rma_case_add_attachment, OPERATOR, request);
  CHECK_STR(JSON_STR(JSON_FIRST(out, "attachments"), "sha256", text), SHA256_A);
  rma_free(out);

  sprintf(request,
          "{\"case_id\": %lld, \"title\": \"Inspect the panel\", \"assignee\": \"anna\","
          " \"due_at\": \"2026-11-27T17:00:00Z\"}",
          case_id);
  out = OK(rma_case_add_action, OPERATOR, request);
  action_id = JSON_INT(JSON_FIRST(out, "actions"), "id");
  CHECK(action_id > 0);
  CHECK(strncmp(JSON_GET(JSON_FIRST(out, "actions"), "done_at"), "null", 4) == 0);
  rma_free(out);

  sprintf(request, "{\"case_id\": %lld, \"action_id\": %lld}", case_id, action_id);
  out = OK(rma_case_complete_action, OPERATOR, request);
  CHECK_STR(JSON_STR(JSON_FIRST(out, "actions"), "done_at", text), INJECTED_NOW_ISO);
  CHECK_STR(JSON_STR(JSON_FIRST(out, "actions"), "done_by", text), OPERATOR);
  rma_free(out);

  sprintf(request, "{\"case_id\": %lld, \"action_id\": 999999}", case_id);
  CHECK_FAILS(rma_case_complete_action(engine, OPERATOR, request, &out), RMA_E_NOT_FOUND,
              "action_id");
}

void test_views_queries_history(void) {
  char *out = NULL;
  char request[256];
  const char *first;

  sprintf(request, "{\"case_id\": %lld}", case_id);
  out = OK(rma_case_customer_view, "customer:c1", request);
  CHECK(strstr(out, "visible-abc") != NULL);
  CHECK(strstr(out, "internal-secret-xyz") == NULL);
  rma_free(out);

  out = OK(rma_case_history, OPERATOR, request);
  first = JSON_FIRST(out, "events");
  CHECK(first != NULL);
  CHECK(strncmp(JSON_GET(first, "type"), "\"case.created\"", 14) == 0);
  CHECK(JSON_INT(first, "case_id") == case_id);
  CHECK(count_of(out, "\"seq\"") >= 6); /* created, updated, 2 notes, attachment, 2 actions */
  rma_free(out);

  out = OK(rma_case_query, OPERATOR, "{\"customer_id\": \"c1\", \"status\": \"requested\"}");
  CHECK(JSON_INT(out, "total") == 1);
  CHECK(JSON_INT(JSON_FIRST(out, "items"), "id") == case_id);
  rma_free(out);
  out = OK(rma_case_query, OPERATOR, "{\"serial\": \"SN-0001\"}");
  CHECK(JSON_INT(out, "total") == 1);
  rma_free(out);
  out = OK(rma_case_query, OPERATOR, "{\"customer_id\": \"someone-else\"}");
  CHECK(JSON_INT(out, "total") == 0);
  CHECK(JSON_FIRST(out, "items") == NULL);
  rma_free(out);
  out = OK(rma_case_query, OPERATOR, NULL); /* NULL is "{}": every case */
  CHECK(JSON_INT(out, "total") == 1);
  rma_free(out);
  /* limit is 1..1000. */
  out = OK(rma_case_query, OPERATOR, "{\"limit\": 1}");
  rma_free(out);
  out = OK(rma_case_query, OPERATOR, "{\"limit\": 1000}");
  rma_free(out);
  CHECK_FAILS(rma_case_query(engine, OPERATOR, "{\"limit\": 0}", &out), RMA_E_OUT_OF_RANGE,
              "limit");
  CHECK_FAILS(rma_case_query(engine, OPERATOR, "{\"limit\": 1001}", &out), RMA_E_OUT_OF_RANGE,
              "limit");
  CHECK_FAILS(rma_case_query(engine, OPERATOR, "{\"sort\": \"colour\"}", &out), RMA_E_UNKNOWN_VALUE,
              "sort");
  CHECK_FAILS(rma_case_history(engine, OPERATOR, "{\"case_id\": 987654}", &out), RMA_E_NOT_FOUND,
              "case_id");
}

void test_permissions(void) {
  char *out = NULL;
  char request[256];
  long long seq = last_event_seq();

  /* Another customer's case answers as a missing one: the probe learns nothing. */
  sprintf(request, "{\"case_id\": %lld}", case_id);
  CHECK_FAILS(rma_case_get(engine, "customer:someone-else", request, &out), RMA_E_NOT_FOUND,
              "case_id");
  CHECK_STR(rma_last_error_reason(), "");
  CHECK_FAILS(rma_case_customer_view(engine, "customer:someone-else", request, &out),
              RMA_E_NOT_FOUND, "case_id");
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"internal\", \"body\": \"let me in\"}",
          case_id);
  CHECK_FAILS(rma_case_add_note(engine, "customer:c1", request, &out), RMA_E_PERMISSION_DENIED,
              "channel");
  CHECK_STR(rma_last_error_reason(), "internal_only_staff");
  CHECK_FAILS(rma_operator_upsert(engine, OPERATOR, "{\"id\": \"eve\", \"role\": \"admin\"}", &out),
              RMA_E_PERMISSION_DENIED, "actor");
  CHECK_STR(rma_last_error_reason(), "admin_only");
  /* A failure that is not a refusal has no reason. */
  CHECK_FAILS(rma_case_get(engine, OPERATOR, "{\"case_id\": 987654}", &out), RMA_E_NOT_FOUND, "case_id");
  CHECK_STR(rma_last_error_reason(), "");
  CHECK(out == NULL);
  /* The claimant's own refusal is in its case's history; the probes are not (nothing of them
   * is on the victim's case), they are counted in the prober's security log. */
  CHECK(last_event_seq() == seq + 1);
  sprintf(request, "{\"case_id\": %lld}", case_id);
  out = OK(rma_case_history, OPERATOR, request);
  CHECK(count_of(out, "\"type\":\"access.denied\"") == 1);
  CHECK(count_of(out, "\"reason\":\"not_own_case\"") == 0);
  rma_free(out);
  out = OK(rma_security_log, OPERATOR, "{\"actor\": \"customer:someone-else\"}");
  CHECK(count_of(out, "\"reason\":\"not_own_case\"") == 1);
  CHECK(count_of(out, "\"count\":2") == 1);
  rma_free(out);
  CHECK_FAILS(rma_security_log(engine, "customer:someone-else", "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_STR(rma_last_error_reason(), "role_not_allowed");
  /* engine.stats is staff only. */
  CHECK_FAILS(rma_engine_stats(engine, "customer:c1", "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
  /* An admin: actor must be registered as one. */
  sprintf(request, "{\"case_id\": %lld, \"reason\": \"cleanup\"}", case_id);
  CHECK_FAILS(rma_case_delete(engine, "admin:mallory", request, &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_STR(rma_last_error_reason(), "not_registered");
}

void test_split(void) {
  char *out = NULL;
  char request[256];
  const char *created;
  char number[64];

  sprintf(request, "{\"case_id\": %lld, \"lines\": [{\"line_no\": 2, \"quantity\": 1}]}", case_id);
  out = OK(rma_case_split, OPERATOR, request);
  created = JSON_GET(out, "created");
  CHECK(JSON_INT(created, "split_from") == case_id);
  CHECK(JSON_INT(created, "id") != case_id);
  CHECK(strncmp(JSON_STR(created, "number", number), "RMA-2026-000002-", 16) == 0);
  CHECK(JSON_INT(JSON_GET(out, "original"), "id") == case_id);
  CHECK(strncmp(JSON_GET(JSON_GET(out, "original"), "split_from"), "null", 4) == 0);
  rma_free(out);
  CHECK(case_count() == 2);
}

#define KEYED_DRAFT(key, quantity)                        \
  "{\"customer_id\": \"c1\", \"idempotency_key\": \"" key \
  "\", \"lines\": [{\"sku\": "                            \
  "\"CABLE-2M\", \"quantity\": " #quantity "}]}"

void test_idempotent_create(void) {
  char *out = NULL;
  long long first_id;
  long long cases = case_count();
  long long seq;

  out = OK(rma_case_create, OPERATOR, KEYED_DRAFT("mail-4711", 2));
  first_id = JSON_INT(out, "id");
  rma_free(out);
  seq = last_event_seq();
  out = OK(rma_case_create, OPERATOR, KEYED_DRAFT("mail-4711", 2)); /* a retry */
  CHECK(JSON_INT(out, "id") == first_id);
  rma_free(out);
  CHECK(case_count() == cases + 1);
  CHECK(last_event_seq() == seq);
  CHECK_FAILS(rma_case_create(engine, OPERATOR, KEYED_DRAFT("mail-4711", 5), &out), RMA_E_CONFLICT,
              "idempotency_key");
  CHECK(case_count() == cases + 1);
}
