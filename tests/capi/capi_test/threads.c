/* threads.c — two threads create cases on the shared engine; each thread has its own last
 * error. */

#define _POSIX_C_SOURCE 200809L /* pthreads */

#include <pthread.h>

#include "areas.h"
#include "fixtures.h"

#define THREAD_CASES 5

typedef struct {
  int created;
  int own_error_seen;    /* this thread's failure is what it reads back */
  int clean_before_fail; /* a fresh thread starts with "" */
} thread_result;

static void *create_cases_in_thread(void *arg) {
  thread_result *result = (thread_result *)arg;
  char *out = NULL;
  int i;
  result->clean_before_fail = rma_last_error()[0] == '\0' && rma_last_error_field()[0] == '\0';
  for (i = 0; i < THREAD_CASES; ++i) {
    if (rma_case_create(engine, OPERATOR, CASE_DRAFT, &out) == RMA_OK) ++result->created;
    rma_free(out);
  }
  result->own_error_seen =
      rma_case_get(engine, OPERATOR, "{\"case_id\": \"thread\"}", &out) == RMA_E_WRONG_TYPE &&
      strcmp(rma_last_error_field(), "case_id") == 0;
  return NULL;
}

void test_threads(void) {
  pthread_t threads[2];
  thread_result results[2];
  long long cases = case_count();
  char *out = NULL;
  int i;
  /* This thread's last error must not move because other threads fail. */
  CHECK(rma_outbox_ack(engine, OPERATOR, "{\"seqs\": 3}", &out) == RMA_E_WRONG_TYPE);
  CHECK_STR(rma_last_error_field(), "seqs");

  memset(results, 0, sizeof(results));
  for (i = 0; i < 2; ++i)
    CHECK(pthread_create(&threads[i], NULL, create_cases_in_thread, &results[i]) == 0);
  for (i = 0; i < 2; ++i) CHECK(pthread_join(threads[i], NULL) == 0);
  for (i = 0; i < 2; ++i) {
    CHECK(results[i].created == THREAD_CASES);
    CHECK(results[i].clean_before_fail);
    CHECK(results[i].own_error_seen);
  }
  CHECK(case_count() == cases + 2 * THREAD_CASES);
  CHECK_STR(rma_last_error_field(), "seqs");
}
