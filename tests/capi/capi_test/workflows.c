/* workflows.c — workflows: transitions and the host's guard. */

#include "areas.h"
#include "fixtures.h"

typedef struct {
  int calls;
  int refuse;
} guard_log;

static int32_t credit_guard(void *user_data, const char *input_json, size_t len, char *message,
                            size_t message_cap) {
  guard_log *log = (guard_log *)user_data;
  ++log->calls;
  if (strlen(input_json) != len || strstr(input_json, "\"transition\":\"authorize\"") == NULL) {
    return 7; /* not 0 or 1: the engine refuses and says so */
  }
  if (!log->refuse) return 1;
  snprintf(message, message_cap, "over the credit limit");
  return 0;
}

void test_workflows(void) {
  static guard_log log;
  char *out = NULL;
  char request[256];
  char text[96];
  const char *first;
  long long id = create_return_case();
  long long seq;

  /* The defaults are in force; each workflow carries its version. */
  out = OK(rma_workflow_config, OPERATOR, "{}");
  CHECK(strstr(out, "\"id\":\"consumer_return\"") != NULL);
  CHECK(strstr(out, "\"id\":\"warranty_repair\"") != NULL);
  rma_free(out);
  out = OK(rma_workflow_get, OPERATOR, "{\"id\": \"consumer_return\", \"version\": 1}");
  CHECK_STR(JSON_STR(out, "initial", text), "requested");
  rma_free(out);

  /* The buttons: what the operator may do now, and why not. */
  sprintf(request, "{\"case_id\": %lld}", id);
  out = OK(rma_case_transitions, OPERATOR, request);
  first = JSON_FIRST(out, "transitions");
  CHECK_STR(JSON_STR(first, "name", text), "authorize");
  CHECK(JSON_IS(first, "available", "true"));
  CHECK(strstr(out, "\"code\":\"resolution_chosen\"") != NULL);
  rma_free(out);

  /* A customer may not authorize: permission denied, and the denial is in the history. */
  seq = last_event_seq();
  sprintf(request, "{\"case_id\": %lld, \"transition\": \"authorize\"}", id);
  CHECK_FAILS(rma_case_transition(engine, "customer:c1", request, &out), RMA_E_PERMISSION_DENIED,
              "transition");
  CHECK(last_event_seq() == seq + 1);
  sprintf(request, "{\"case_id\": %lld}", id);
  out = OK(rma_case_history, OPERATOR, request);
  CHECK(count_of(out, "\"type\":\"access.denied\"") == 1);
  rma_free(out);

  /* A host guard on authorize. */
  CHECK_FAILS(rma_engine_add_guard(engine, "credit_ok", NULL, &log), RMA_E_INVALID_ARGUMENT, "fn");
  CHECK_FAILS(rma_engine_add_guard(engine, "value_below", credit_guard, &log), RMA_E_DUPLICATE,
              "name");
  CHECK_OK(rma_engine_add_guard(engine, "credit_ok", credit_guard, &log));
  out = OK(rma_workflow_config, OPERATOR, "{}");
  {
    /* Insert the guard into consumer_return's authorize transition: members are written in
     * name order, so its "guards" come just before its "name". */
    const char *needle = "\"name\":\"authorize\"";
    char *at = strstr(out, needle);
    char *guards;
    char *edited;
    CHECK(at != NULL);
    for (guards = at; guards > out && strncmp(guards, "\"guards\":[", 10) != 0; --guards) {
    }
    CHECK(guards > out);
    edited = (char *)malloc(strlen(out) + 64);
    CHECK(edited != NULL);
    guards += strlen("\"guards\":[");
    sprintf(edited, "%.*s{\"guard\":\"credit_ok\"}%s%s", (int)(guards - out), out,
            *guards == ']' ? "" : ",", guards);
    rma_free(out);
    CHECK_FAILS(rma_workflow_configure(engine, OPERATOR, edited, &out), RMA_E_PERMISSION_DENIED,
                "actor");
    out = OK(rma_workflow_configure, ADMIN, edited);
    free(edited);
    CHECK(strstr(out, "\"version\":2") != NULL);
    rma_free(out);
  }
  id = create_return_case();
  log.refuse = 1;
  sprintf(request, "{\"case_id\": %lld, \"transition\": \"authorize\"}", id);
  CHECK_FAILS(rma_case_transition(engine, OPERATOR, request, &out), RMA_E_TRANSITION_DENIED,
              "transition");
  CHECK(strstr(rma_last_error(), "over the credit limit") != NULL);
  log.refuse = 0;
  out = OK(rma_case_transition, OPERATOR, request);
  CHECK_STR(JSON_STR(out, "status", text), "authorized");
  rma_free(out);
  CHECK(log.calls == 2);

  /* Repairs, replay, reopen and delete. */
  sprintf(request, "{\"case_id\": %lld, \"code\": \"CLEAN\", \"minutes\": 10}", id);
  out = OK(rma_case_add_repair, OPERATOR, request);
  CHECK_STR(JSON_STR(JSON_FIRST(out, "repairs"), "status", text), "planned");
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld, \"repair_id\": 1, \"status\": \"finished\"}", id);
  CHECK_FAILS(rma_case_set_repair_status(engine, OPERATOR, request, &out), RMA_E_UNKNOWN_VALUE,
              "status");
  sprintf(request, "{\"case_id\": %lld, \"repair_id\": 1, \"status\": \"done\"}", id);
  out = OK(rma_case_set_repair_status, OPERATOR, request);
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld}", id);
  out = OK(rma_case_replay, OPERATOR, request);
  CHECK_STR(JSON_STR(out, "status", text), "authorized");
  CHECK_STR(JSON_STR(JSON_FIRST(out, "repairs"), "status", text), "done");
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld, \"state\": \"requested\", \"reason\": \"why\"}", id);
  CHECK_FAILS(rma_case_reopen(engine, ADMIN, request, &out), RMA_E_CONFLICT, "case_id");
  sprintf(request, "{\"case_id\": %lld, \"reason\": \"test\"}", id);
  CHECK_FAILS(rma_case_delete(engine, OPERATOR, request, &out), RMA_E_PERMISSION_DENIED, "actor");
  out = OK(rma_case_delete, ADMIN, request);
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld}", id);
  CHECK_FAILS(rma_case_get(engine, ADMIN, request, &out), RMA_E_NOT_FOUND, "case_id");
}
