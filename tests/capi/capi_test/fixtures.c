/* fixtures.c — the shared engine, the first case's id and the helpers of fixtures.h. */
#include "fixtures.h"

rma_engine *engine;
long long case_id;

char *ok_at(rma_status status, char **response, const char *file, int line) {
  if (status != RMA_OK) {
    char what[160];
    sprintf(what, "command returned %s", rma_status_name(status));
    fail_at(file, line, what);
  }
  if (*response == NULL) fail_at(file, line, "RMA_OK without a response");
  ++passed;
  return *response;
}

char *import_request(const char *kind, const char *format, const char *content, const char *extra) {
  char *request =
      (char *)malloc(2 * strlen(content) + strlen(kind) + strlen(format) + strlen(extra) + 96);
  char *w;
  CHECK(request != NULL);
  w = request +
      sprintf(request, "{\"kind\": \"%s\", \"format\": \"%s\", \"content\": \"", kind, format);
  for (; *content != '\0'; ++content) {
    if (*content == '"' || *content == '\\') {
      *w++ = '\\';
      *w++ = *content;
    } else if (*content == '\n') {
      *w++ = '\\';
      *w++ = 'n';
    } else {
      *w++ = *content;
    }
  }
  sprintf(w, "\"%s}", extra);
  return request;
}

long long last_event_seq(void) {
  char *out = NULL;
  long long seq;
  CHECK_OK(rma_engine_stats(engine, OPERATOR, NULL, &out));
  seq = JSON_INT(out, "last_event_seq");
  rma_free(out);
  return seq;
}

long long case_count(void) {
  char *out = NULL;
  long long cases;
  CHECK_OK(rma_engine_stats(engine, OPERATOR, "{}", &out));
  cases = JSON_INT(out, "cases");
  rma_free(out);
  return cases;
}

int64_t read_test_clock(void *user_data) {
  test_clock *clock = (test_clock *)user_data;
  ++clock->calls;
  return clock->now;
}

long long create_return_case(void) {
  char *out = NULL;
  long long id;
  out = OK(rma_case_create, OPERATOR,
           "{\"kind\": \"return\", \"channel\": \"b2c\", \"customer_id\": \"c1\","
           " \"lines\": [{\"sku\": \"CABLE-2\", \"quantity\": 2, \"reason_code\": \"wrong_order\"}]}");
  id = JSON_INT(out, "id");
  rma_free(out);
  return id;
}
