/* hostile_input.c — hostile input: a million levels of nesting on a small stack, integers past
 * 64 bits. */

#define _POSIX_C_SOURCE 200809L /* pthreads */

#include <pthread.h>

#include "areas.h"
#include "fixtures.h"

#define DEEP_LEVELS 1000000

struct deep_call {
  const char *actor;
  const char *op;
  const char *request;
  rma_status status;
  char field[1024];
};

/* Runs the call and keeps this thread's rma_last_error_field() before the thread ends. */
static void *deep_call_thread(void *arg) {
  struct deep_call *call = (struct deep_call *)arg;
  char *out = NULL;
  call->status = rma_engine_call(engine, call->actor, call->op, call->request, &out);
  sprintf(call->field, "%.1000s", rma_last_error_field());
  rma_free(out);
  return NULL;
}

/* The call on a thread with a 256 KiB stack, what a JVM or .NET host may give its threads. */
static void call_on_small_stack(struct deep_call *call, const char *actor, const char *op,
                                const char *request) {
  pthread_attr_t attr;
  pthread_t thread;
  call->actor = actor;
  call->op = op;
  call->request = request;
  call->status = RMA_OK;
  call->field[0] = '\0';
  CHECK(pthread_attr_init(&attr) == 0);
  CHECK(pthread_attr_setstacksize(&attr, 256 * 1024) == 0);
  CHECK(pthread_create(&thread, &attr, deep_call_thread, call) == 0);
  CHECK(pthread_join(thread, NULL) == 0);
  pthread_attr_destroy(&attr);
}

/* prefix, DEEP_LEVELS '[', inner, DEEP_LEVELS ']', suffix; free() it. */
static char *deep_request(const char *prefix, const char *inner, const char *suffix) {
  size_t p = strlen(prefix);
  size_t i = strlen(inner);
  char *text = (char *)malloc(p + i + strlen(suffix) + 2 * DEEP_LEVELS + 1);
  CHECK(text != NULL);
  memcpy(text, prefix, p);
  memset(text + p, '[', DEEP_LEVELS);
  memcpy(text + p + DEEP_LEVELS, inner, i);
  memset(text + p + DEEP_LEVELS + i, ']', DEEP_LEVELS);
  strcpy(text + p + 2 * DEEP_LEVELS + i, suffix);
  return text;
}

/* `base` followed by `count` times "[0]": where the 65th level sits. */
static const char *indexes(char *out, const char *base, int count) {
  char *end = out + sprintf(out, "%s", base);
  int i;
  for (i = 0; i < count; ++i) end += sprintf(end, "[0]");
  return out;
}

void test_hostile_input(void) {
  long long seq = last_event_seq();
  char expected[1024];
  char *out = NULL;
  struct deep_call call;
  char *number = deep_request("{\"number\": ", "", "}");
  char *bad_byte = deep_request("", "\"caf\xc3\"", "");
  char *custom = deep_request("{\"kind\": \"return\", \"channel\": \"b2c\", \"customer_id\": \"C1\","
                              " \"lines\": [{\"sku\": \"X\", \"quantity\": 1}], \"custom_fields\": {\"a\": ",
                              "", "}}");

  /* Refused while parsing (too_large naming where the limit of 64 was crossed), before any
   * recursive code runs and before the actor's rights are looked at; nothing is written. */
  call_on_small_stack(&call, "customer:nobody", "number.parse", number);
  CHECK(call.status == RMA_E_TOO_LARGE);
  CHECK_STR(call.field, indexes(expected, "number", 63));
  call_on_small_stack(&call, "customer:nobody", "number.parse", bad_byte);
  CHECK(call.status == RMA_E_TOO_LARGE);
  CHECK_STR(call.field, indexes(expected, "", 64));
  call_on_small_stack(&call, OPERATOR, "case.create", custom);
  CHECK(call.status == RMA_E_TOO_LARGE);
  CHECK_STR(call.field, indexes(expected, "custom_fields.a", 62));
  free(number);
  free(bad_byte);
  free(custom);

  /* Integers past 64 bits are out of range, not of the wrong type; 2^63-1 is a case id. */
  CHECK(rma_case_get(engine, OPERATOR, "{\"case_id\": 9223372036854775807}", &out) == RMA_E_NOT_FOUND);
  CHECK_FAILS(rma_case_get(engine, OPERATOR, "{\"case_id\": 9223372036854775808}", &out),
              RMA_E_OUT_OF_RANGE, "case_id");
  CHECK_FAILS(rma_case_get(engine, OPERATOR, "{\"case_id\": 18446744073709551616}", &out),
              RMA_E_OUT_OF_RANGE, "case_id");
  CHECK_FAILS(rma_case_get(engine, OPERATOR, "{\"case_id\": -9223372036854775809}", &out),
              RMA_E_OUT_OF_RANGE, "case_id");
  CHECK_FAILS(rma_case_get(engine, OPERATOR, "{\"case_id\": 1.5}", &out), RMA_E_WRONG_TYPE, "case_id");
  CHECK(out == NULL);
  CHECK(last_event_seq() == seq);
}
