/* capi_test.c — exercises every function of rma.h from C99, error paths included.
 *
 * Usage: rma_capi_test DATABASE_PATH (the file and its -wal/-shm are deleted first).
 * Each failed check prints file:line and exits 1; the end prints "N passed, 0 failed".
 * After every failing call the test checks that the database is unchanged: the newest event
 * sequence (engine.stats last_event_seq) must not move. */
#define _POSIX_C_SOURCE 200809L /* pthreads */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rma/rma.h"

/* ---- Checks ---------------------------------------------------------------------------------- */

static int passed;
static const char *context = ""; /* which table row a loop is checking, for the failure report */

static void fail_at(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
  if (context[0] != '\0') fprintf(stderr, "  while checking: %s\n", context);
  fprintf(stderr, "  last error: [%s] %s\n", rma_last_error_field(), rma_last_error());
  fprintf(stderr, "%d passed, 1 failed\n", passed);
  exit(1);
}

#define CHECK(cond)                                  \
  do {                                               \
    if (!(cond)) fail_at(__FILE__, __LINE__, #cond); \
    ++passed;                                        \
  } while (0)

#define CHECK_OK(call) CHECK((call) == RMA_OK)

#define CHECK_STR(actual, expected) CHECK(strcmp((actual), (expected)) == 0)

/* The call fails with `status`, explains itself and blames `field` ("" for none). */
#define CHECK_FAILS(call, status, field)        \
  do {                                          \
    CHECK((call) == (status));                  \
    CHECK(rma_last_error() != NULL);            \
    CHECK(rma_last_error()[0] != '\0');         \
    CHECK(rma_last_error_field() != NULL);      \
    CHECK_STR(rma_last_error_field(), (field)); \
  } while (0)

/* ---- A little JSON reading, enough for the responses (no library in a C test) --------------- */

/* The value of `key` among the members of the object starting at `object` ('{'), or NULL.
 * Nested objects and arrays are skipped, so a key only matches at the top level. */
static const char *json_find(const char *object, const char *key) {
  size_t key_len = strlen(key);
  int depth = 0;
  const char *p;
  for (p = object; *p != '\0'; ++p) {
    if (*p == '"') {
      const char *start = ++p;
      while (*p != '\0' && *p != '"') p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
      if (*p == '\0') return NULL;
      if (depth == 1) {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\n') ++q;
        if (*q == ':' && (size_t)(p - start) == key_len && memcmp(start, key, key_len) == 0) {
          ++q;
          while (*q == ' ' || *q == '\n') ++q;
          return q;
        }
      }
    } else if (*p == '{' || *p == '[') {
      ++depth;
    } else if (*p == '}' || *p == ']') {
      if (--depth == 0) return NULL;
    }
  }
  return NULL;
}

static const char *json_get(const char *object, const char *key, int line) {
  const char *value = object == NULL ? NULL : json_find(object, key);
  if (value == NULL) {
    fprintf(stderr, "%s:%d: key \"%s\" not found in: %.300s\n", __FILE__, line, key,
            object == NULL ? "(null)" : object);
    exit(1);
  }
  return value;
}
#define JSON_GET(object, key) json_get((object), (key), __LINE__)

static long long json_int_at(const char *object, const char *key, int line) {
  return strtoll(json_get(object, key, line), NULL, 10);
}
#define JSON_INT(object, key) json_int_at((object), (key), __LINE__)

/* Copies a string value without escapes into buf; NUL-terminated, truncated to size. */
static const char *json_str_at(const char *object, const char *key, char *buf, size_t size,
                               int line) {
  const char *value = json_get(object, key, line);
  size_t n = 0;
  if (*value != '"') fail_at(__FILE__, line, "JSON value is not a string");
  for (++value; *value != '"' && *value != '\0' && n + 1 < size; ++value) buf[n++] = *value;
  buf[n] = '\0';
  return buf;
}
#define JSON_STR(object, key, buf) json_str_at((object), (key), (buf), sizeof(buf), __LINE__)

/* The first element of the array value of `key`, or NULL when the array is empty. */
static const char *json_first_item(const char *object, const char *key, int line) {
  const char *value = json_get(object, key, line);
  if (*value != '[') fail_at(__FILE__, line, "JSON value is not an array");
  ++value;
  while (*value == ' ' || *value == '\n') ++value;
  return *value == ']' ? NULL : value;
}
#define JSON_FIRST(object, key) json_first_item((object), (key), __LINE__)

static int count_of(const char *haystack, const char *needle) {
  int n = 0;
  const char *p = haystack;
  while ((p = strstr(p, needle)) != NULL) {
    ++n;
    p += strlen(needle);
  }
  return n;
}

/* ---- Fixtures -------------------------------------------------------------------------------- */

#define ADMIN "admin:root"
#define OPERATOR "operator:anna"
#define INJECTED_NOW 1795599000000000LL /* 2026-11-25T09:30:00Z */
#define INJECTED_NOW_ISO "2026-11-25T09:30:00Z"
#define SHA256_A "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

static rma_engine *engine;

/* Runs a command that must succeed; the response belongs to the caller (rma_free). */
static char *ok_at(rma_status status, char **response, int line) {
  if (status != RMA_OK) {
    char what[160];
    sprintf(what, "command returned %s", rma_status_name(status));
    fail_at(__FILE__, line, what);
  }
  if (*response == NULL) fail_at(__FILE__, line, "RMA_OK without a response");
  ++passed;
  return *response;
}
/* `out` is passed by address: it is read after the call, not alongside it. */
#define OK(fn, actor, request) ok_at((fn)(engine, (actor), (request), &out), &out, __LINE__)

static long long last_event_seq(void) {
  char *out = NULL;
  long long seq;
  CHECK_OK(rma_engine_stats(engine, OPERATOR, NULL, &out));
  seq = JSON_INT(out, "last_event_seq");
  rma_free(out);
  return seq;
}

static long long case_count(void) {
  char *out = NULL;
  long long cases;
  CHECK_OK(rma_engine_stats(engine, OPERATOR, "{}", &out));
  cases = JSON_INT(out, "cases");
  rma_free(out);
  return cases;
}

typedef struct {
  int64_t now;
  int calls;
} test_clock;

static int64_t read_test_clock(void *user_data) {
  test_clock *clock = (test_clock *)user_data;
  ++clock->calls;
  return clock->now;
}

typedef struct {
  int events;
  long long last_seq;
  long long seq_seen_by_engine; /* engine.stats called from inside the callback */
  int lengths_match;
  int32_t answer; /* what the callback returns */
  char last_type[64];
  char last_event[2048];
} event_log;

static int32_t record_event(void *user_data, const char *event_json, size_t len) {
  event_log *log = (event_log *)user_data;
  char *stats = NULL;
  ++log->events;
  log->lengths_match = strlen(event_json) == len;
  log->last_seq = JSON_INT(event_json, "seq");
  JSON_STR(event_json, "type", log->last_type);
  strncpy(log->last_event, event_json, sizeof(log->last_event) - 1);
  /* Callbacks run outside the engine's lock, after the commit: the engine answers and already
   * shows the event. */
  if (rma_engine_stats(engine, OPERATOR, NULL, &stats) == RMA_OK) {
    log->seq_seen_by_engine = JSON_INT(stats, "last_event_seq");
  }
  rma_free(stats);
  return log->answer;
}

/* The ids the steps below share. */
static long long case_id;
static long long action_id;
static char case_number[64];

/* ---- Process-wide functions ------------------------------------------------------------------ */

static void test_versions(void) {
  char expected[32];
  sprintf(expected, "%d.%d.%d", RMA_VERSION_MAJOR, RMA_VERSION_MINOR, RMA_VERSION_PATCH);
  CHECK(rma_version_number() == RMA_VERSION_NUMBER);
  CHECK(RMA_VERSION_NUMBER ==
        RMA_VERSION_MAJOR * 10000 + RMA_VERSION_MINOR * 100 + RMA_VERSION_PATCH);
  CHECK_STR(rma_version(), expected);
  CHECK(rma_abi_version() == RMA_ABI_VERSION);
  CHECK(RMA_ABI_VERSION == 1);
}

/* The numbers are part of the ABI: each macro keeps its fixed value and name, which hosts and
 * bindings in other languages repeat. */
static void test_status_names(void) {
  static const struct {
    rma_status code;
    int number;
    const char *name;
  } statuses[] = {
      {RMA_OK, 0, "ok"},
      {RMA_E_INVALID_ARGUMENT, 1, "invalid_argument"},
      {RMA_E_NOT_FOUND, 2, "not_found"},
      {RMA_E_CONFLICT, 3, "conflict"},
      {RMA_E_TRANSITION_DENIED, 4, "transition_denied"},
      {RMA_E_PERMISSION_DENIED, 5, "permission_denied"},
      {RMA_E_MALFORMED_JSON, 6, "malformed_json"},
      {RMA_E_MISSING_FIELD, 7, "missing_field"},
      {RMA_E_WRONG_TYPE, 8, "wrong_type"},
      {RMA_E_UNKNOWN_VALUE, 9, "unknown_value"},
      {RMA_E_OUT_OF_RANGE, 10, "out_of_range"},
      {RMA_E_TOO_LARGE, 11, "too_large"},
      {RMA_E_INVALID_UTF8, 12, "invalid_utf8"},
      {RMA_E_DUPLICATE, 13, "duplicate"},
      {RMA_E_STORAGE, 14, "storage"},
      {RMA_E_NO_MEMORY, 15, "no_memory"},
      {RMA_E_INTERNAL, 16, "internal"},
  };
  size_t i;
  for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); ++i) {
    context = statuses[i].name;
    CHECK(statuses[i].code == statuses[i].number);
    CHECK_STR(rma_status_name(statuses[i].code), statuses[i].name);
  }
  context = "";
  CHECK_STR(rma_status_name(RMA_E_INTERNAL + 1), "unknown");
  CHECK_STR(rma_status_name(-1), "unknown");
}

static void test_last_error_before_any_failure(void) {
  CHECK(rma_last_error() != NULL);
  CHECK_STR(rma_last_error(), "");
  CHECK(rma_last_error_field() != NULL);
  CHECK_STR(rma_last_error_field(), "");
}

static void test_null_is_a_no_op_for_free_and_close(void) {
  rma_free(NULL);
  rma_engine_close(NULL);
  CHECK_STR(rma_last_error(), "");
}

/* ---- Opening ------------------------------------------------------------------------------- */

static void test_open_errors(const char *path) {
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
static void test_options(void) {
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
  CHECK_OK(rma_customer_upsert(other, ADMIN, "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
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

static void test_open(const char *path) {
  CHECK_OK(rma_engine_open(path, "{}", &engine));
  CHECK(engine != NULL);
  CHECK(case_count() == 0);
  CHECK(last_event_seq() == 0);
}

/* ---- Parties and catalogue ------------------------------------------------------------------- */

static void test_parties(void) {
  char *out = NULL;
  char text[128];

  out =
      OK(rma_customer_upsert, ADMIN,
         "{\"id\": \"c1\", \"name\": \"Rossi Elettronica S.r.l.\", \"tax_id\": \"IT01234567890\","
         " \"email\": \"resi@rossi.example\", \"phones\": [\"+39 02 1234567\"], \"tier\": \"gold\","
         " \"language\": \"it\", \"addresses\": [{\"kind\": \"billing\", \"line1\": \"Via Roma 1\","
         " \"city\": \"Milano\", \"postal_code\": \"20121\", \"country\": \"IT\"}]}");
  CHECK_STR(JSON_STR(out, "name", text), "Rossi Elettronica S.r.l.");
  rma_free(out);
  out = OK(rma_customer_get, OPERATOR, "{\"id\": \"c1\"}");
  CHECK_STR(JSON_STR(out, "tier", text), "gold");
  CHECK_STR(JSON_STR(JSON_FIRST(out, "addresses"), "city", text), "Milano");
  rma_free(out);

  out = OK(rma_supplier_upsert, ADMIN, "{\"id\": \"s1\", \"name\": \"Elektro Zulieferer GmbH\"}");
  rma_free(out);
  out = OK(rma_supplier_get, OPERATOR, "{\"id\": \"s1\"}");
  CHECK_STR(JSON_STR(out, "name", text), "Elektro Zulieferer GmbH");
  rma_free(out);

  out = OK(rma_operator_upsert, ADMIN,
           "{\"id\": \"anna\", \"name\": \"Anna Nowak\", \"role\": \"operator\", \"team\": "
           "\"returns\"}");
  rma_free(out);
  out = OK(rma_operator_get, OPERATOR, "{\"id\": \"anna\"}");
  CHECK_STR(JSON_STR(out, "role", text), "operator");
  CHECK_STR(JSON_STR(out, "team", text), "returns");
  rma_free(out);

  out = OK(rma_product_upsert, ADMIN,
           "{\"sku\": \"TV-55\", \"name\": \"Television 55\", \"brand\": \"Vista\", "
           "\"serialized\": true}");
  rma_free(out);
  out = OK(rma_product_upsert, ADMIN, "{\"sku\": \"CABLE-2M\", \"name\": \"HDMI cable 2 m\"}");
  rma_free(out);
  out = OK(rma_product_get, OPERATOR, "{\"sku\": \"TV-55\"}");
  CHECK_STR(JSON_STR(out, "brand", text), "Vista");
  CHECK(strncmp(JSON_GET(out, "serialized"), "true", 4) == 0);
  rma_free(out);

  CHECK_FAILS(rma_customer_get(engine, OPERATOR, "{\"id\": \"nobody\"}", &out), RMA_E_NOT_FOUND,
              "id");
  CHECK(out == NULL);
  CHECK_FAILS(rma_supplier_get(engine, OPERATOR, "{\"id\": \"nobody\"}", &out), RMA_E_NOT_FOUND,
              "id");
  CHECK_FAILS(rma_operator_get(engine, OPERATOR, "{\"id\": \"nobody\"}", &out), RMA_E_NOT_FOUND,
              "id");
  CHECK_FAILS(rma_product_get(engine, OPERATOR, "{\"sku\": \"NOPE\"}", &out), RMA_E_NOT_FOUND,
              "sku");
}

/* ---- The case lifecycle ---------------------------------------------------------------------- */

#define CASE_DRAFT                                                                                 \
  "{\"kind\": \"return\", \"channel\": \"b2b\", \"customer_id\": \"c1\", \"lines\": ["             \
  "{\"sku\": \"TV-55\", \"serial\": \"SN-0001\", \"quantity\": 1, \"reason_code\": \"defective\"," \
  " \"sales_document\": {\"document\": \"INV-2026-77\", \"line\": 1}},"                            \
  " {\"sku\": \"CABLE-2M\", \"quantity\": 3, \"reason_code\": \"wrong_order\"}]}"

static void test_injected_clock_and_create(void) {
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
  CHECK_STR(JSON_STR(out, "status", text), "new");
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

static void test_get_update_and_conflict(void) {
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

static void test_notes_attachments_actions(void) {
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

static void test_views_queries_history(void) {
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

  out = OK(rma_case_query, OPERATOR, "{\"customer_id\": \"c1\", \"status\": \"new\"}");
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

static void test_permissions(void) {
  char *out = NULL;
  char request[256];
  long long seq = last_event_seq();

  sprintf(request, "{\"case_id\": %lld}", case_id);
  CHECK_FAILS(rma_case_get(engine, "customer:someone-else", request, &out), RMA_E_PERMISSION_DENIED,
              "case_id");
  CHECK_FAILS(rma_case_customer_view(engine, "customer:someone-else", request, &out),
              RMA_E_PERMISSION_DENIED, "case_id");
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"internal\", \"body\": \"let me in\"}",
          case_id);
  CHECK_FAILS(rma_case_add_note(engine, "customer:c1", request, &out), RMA_E_PERMISSION_DENIED,
              "channel");
  CHECK_FAILS(rma_operator_upsert(engine, OPERATOR, "{\"id\": \"eve\", \"role\": \"admin\"}", &out),
              RMA_E_PERMISSION_DENIED, "actor");
  CHECK(out == NULL);
  CHECK(last_event_seq() == seq);
}

static void test_split(void) {
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

static void test_idempotent_create(void) {
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

static void test_outbox(void) {
  char *out = NULL;
  char request[256];
  long long seq;

  sprintf(
      request,
      "{\"case_id\": %lld, \"topic\": \"credit_note.request\", \"payload\": {\"amount\": 4990}}",
      case_id);
  out = OK(rma_outbox_post, OPERATOR, request);
  seq = JSON_INT(out, "seq");
  CHECK(seq > 0);
  rma_free(out);

  out = OK(rma_outbox_fetch, "system:erp-sync", NULL);
  CHECK(JSON_INT(JSON_FIRST(out, "messages"), "seq") == seq);
  CHECK(strstr(out, "credit_note.request") != NULL);
  rma_free(out);

  sprintf(request, "{\"seqs\": [%lld]}", seq);
  out = OK(rma_outbox_ack, "system:erp-sync", request);
  CHECK(JSON_INT(out, "acknowledged") == 1);
  rma_free(out);
  out = OK(rma_outbox_fetch, "system:erp-sync", "{\"limit\": 1}");
  CHECK(JSON_FIRST(out, "messages") == NULL);
  rma_free(out);
  out = OK(rma_outbox_ack, "system:erp-sync", request); /* acknowledging twice is harmless */
  CHECK(JSON_INT(out, "acknowledged") == 0);
  rma_free(out);

  seq = last_event_seq();
  CHECK_FAILS(rma_outbox_ack(engine, "system:erp-sync", "{\"seqs\": [987654]}", &out),
              RMA_E_NOT_FOUND, "seqs");
  CHECK_FAILS(rma_outbox_fetch(engine, "system:erp-sync", "{\"limit\": 0}", &out),
              RMA_E_OUT_OF_RANGE, "limit");
  CHECK_FAILS(rma_outbox_post(engine, OPERATOR,
                              "{\"case_id\": 987654, \"topic\": \"t\", \"payload\": {}}", &out),
              RMA_E_NOT_FOUND, "case_id");
  CHECK(last_event_seq() == seq);
}

static void test_generic_call(void) {
  char *named = NULL;
  char *generic = NULL;
  char *out = NULL;
  char request[64];
  long long seq = last_event_seq();

  sprintf(request, "{\"case_id\": %lld}", case_id);
  CHECK_OK(rma_case_get(engine, OPERATOR, request, &named));
  CHECK_OK(rma_engine_call(engine, OPERATOR, "case.get", request, &generic));
  CHECK_STR(generic, named);
  rma_free(named);
  rma_free(generic);

  CHECK_FAILS(rma_engine_call(engine, OPERATOR, "case.explode", request, &out), RMA_E_UNKNOWN_VALUE,
              "op");
  CHECK_FAILS(rma_engine_call(engine, OPERATOR, NULL, request, &out), RMA_E_INVALID_ARGUMENT, "op");
  CHECK_FAILS(rma_engine_call(NULL, OPERATOR, "case.get", request, &out), RMA_E_INVALID_ARGUMENT,
              "engine");
  CHECK_FAILS(rma_engine_call(engine, OPERATOR, "case.get", request, NULL), RMA_E_INVALID_ARGUMENT,
              "out_response_json");
  CHECK(out == NULL);
  CHECK(last_event_seq() == seq);
}

static void test_batch(void) {
  char *out = NULL;
  char request[1024];
  long long cases = case_count();
  long long seq;

  sprintf(request,
          "{\"commands\": [{\"op\": \"case.create\", \"request\": " CASE_DRAFT
          "},"
          " {\"op\": \"case.add_note\", \"request\": {\"case_id\": %lld, \"channel\": \"internal\","
          " \"body\": \"batched\"}}]}",
          case_id);
  out = OK(rma_engine_batch, OPERATOR, request);
  CHECK(count_of(JSON_GET(out, "results"), "\"number\"") == 2);
  rma_free(out);
  CHECK(case_count() == cases + 1);

  /* The second command lacks its body: the first one must not commit either. */
  seq = last_event_seq();
  sprintf(
      request,
      "{\"commands\": [{\"op\": \"case.create\", \"request\": " CASE_DRAFT
      "},"
      " {\"op\": \"case.add_note\", \"request\": {\"case_id\": %lld, \"channel\": \"internal\"}}]}",
      case_id);
  CHECK_FAILS(rma_engine_batch(engine, OPERATOR, request, &out), RMA_E_MISSING_FIELD,
              "commands[1].request.body");
  CHECK(out == NULL);
  /* Reads cannot run in a batch. */
  sprintf(request, "{\"commands\": [{\"op\": \"case.get\", \"request\": {\"case_id\": %lld}}]}",
          case_id);
  CHECK_FAILS(rma_engine_batch(engine, OPERATOR, request, &out), RMA_E_INVALID_ARGUMENT,
              "commands[0].op");
  CHECK(case_count() == cases + 1);
  CHECK(last_event_seq() == seq);
}

/* ---- Events ---------------------------------------------------------------------------------- */

static void test_subscriptions(void) {
  static event_log seen; /* zero-initialized */
  static event_log refusing;
  int64_t subscription = 0;
  int64_t refusing_subscription = 0;
  char *out = NULL;
  char request[256];
  long long cases;
  int events;

  CHECK_FAILS(rma_engine_subscribe(NULL, record_event, &seen, &subscription),
              RMA_E_INVALID_ARGUMENT, "engine");
  CHECK_FAILS(rma_engine_subscribe(engine, NULL, &seen, &subscription), RMA_E_INVALID_ARGUMENT,
              "fn");
  CHECK_FAILS(rma_engine_subscribe(engine, record_event, &seen, NULL), RMA_E_INVALID_ARGUMENT,
              "out_subscription");

  CHECK_OK(rma_engine_subscribe(engine, record_event, &seen, &subscription));
  refusing.answer = -1;
  CHECK_OK(rma_engine_subscribe(engine, record_event, &refusing, &refusing_subscription));
  CHECK(refusing_subscription != subscription);

  sprintf(request,
          "{\"case_id\": %lld, \"channel\": \"external\", \"body\": \"We received the TV.\"}",
          case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(seen.events == 1);
  CHECK(seen.lengths_match);
  CHECK_STR(seen.last_type, "note.added");
  CHECK(JSON_INT(seen.last_event, "case_id") == case_id);
  CHECK(strstr(seen.last_event, "\"actor\":\"" OPERATOR "\"") != NULL);
  CHECK(seen.last_seq == last_event_seq());
  CHECK(seen.seq_seen_by_engine == seen.last_seq); /* committed before the callback ran */

  /* A callback answering non-zero loses no data: the note above is there, and so is this case. */
  CHECK(refusing.events == 1);
  cases = case_count();
  out = OK(rma_case_create, OPERATOR, CASE_DRAFT);
  rma_free(out);
  CHECK(case_count() == cases + 1);
  CHECK(refusing.events == 2);
  CHECK_STR(refusing.last_type, "case.created");

  CHECK_OK(rma_engine_unsubscribe(engine, refusing_subscription));
  CHECK_FAILS(rma_engine_unsubscribe(NULL, subscription), RMA_E_INVALID_ARGUMENT, "engine");
  CHECK_OK(rma_engine_unsubscribe(engine, subscription));
  CHECK(rma_engine_unsubscribe(engine, subscription) == RMA_E_NOT_FOUND);
  events = seen.events;
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(seen.events == events);
  CHECK(refusing.events == 2);
}

/* ---- Bad input: every failure has its code and field, and writes nothing --------------------- */

typedef rma_status (*command_fn)(rma_engine *, const char *, const char *, char **);

static const struct {
  const char *name;
  command_fn fn;
} commands[] = {
    {"rma_customer_upsert", rma_customer_upsert},
    {"rma_customer_get", rma_customer_get},
    {"rma_supplier_upsert", rma_supplier_upsert},
    {"rma_supplier_get", rma_supplier_get},
    {"rma_operator_upsert", rma_operator_upsert},
    {"rma_operator_get", rma_operator_get},
    {"rma_product_upsert", rma_product_upsert},
    {"rma_product_get", rma_product_get},
    {"rma_case_create", rma_case_create},
    {"rma_case_get", rma_case_get},
    {"rma_case_update", rma_case_update},
    {"rma_case_add_note", rma_case_add_note},
    {"rma_case_add_attachment", rma_case_add_attachment},
    {"rma_case_add_action", rma_case_add_action},
    {"rma_case_complete_action", rma_case_complete_action},
    {"rma_case_split", rma_case_split},
    {"rma_case_query", rma_case_query},
    {"rma_case_history", rma_case_history},
    {"rma_case_customer_view", rma_case_customer_view},
    {"rma_outbox_post", rma_outbox_post},
    {"rma_outbox_fetch", rma_outbox_fetch},
    {"rma_outbox_ack", rma_outbox_ack},
    {"rma_number_parse", rma_number_parse},
    {"rma_engine_stats", rma_engine_stats},
    {"rma_engine_batch", rma_engine_batch},
};

static void test_every_command_rejects_bad_arguments(void) {
  size_t i;
  long long seq = last_event_seq();
  for (i = 0; i < sizeof(commands) / sizeof(commands[0]); ++i) {
    command_fn fn = commands[i].fn;
    char *out = (char *)&passed; /* any non-NULL value: a failure must reset it */
    context = commands[i].name;
    CHECK_FAILS(fn(NULL, OPERATOR, "{}", &out), RMA_E_INVALID_ARGUMENT, "engine");
    CHECK(out == NULL);
    out = (char *)&passed;
    CHECK_FAILS(fn(engine, NULL, "{}", &out), RMA_E_INVALID_ARGUMENT, "actor");
    CHECK(out == NULL);
    CHECK_FAILS(fn(engine, OPERATOR, "{}", NULL), RMA_E_INVALID_ARGUMENT, "out_json");
    CHECK_FAILS(fn(engine, "anna", "{}", &out), RMA_E_INVALID_ARGUMENT, "actor");
    CHECK_FAILS(fn(engine, "wizard:anna", "{}", &out), RMA_E_UNKNOWN_VALUE, "actor");
    CHECK_FAILS(fn(engine, OPERATOR, "{\"case_id\": ", &out), RMA_E_MALFORMED_JSON, "");
    CHECK(out == NULL);
    CHECK_FAILS(fn(engine, OPERATOR, "[1, 2]", &out), RMA_E_WRONG_TYPE,
                ""); /* JSON, not an object */
  }
  context = "";
  CHECK(last_event_seq() == seq);
}

static char *note_request(long long id, size_t body_bytes) {
  static const char head[] = "{\"case_id\": %lld, \"channel\": \"internal\", \"body\": \"";
  char *request = (char *)malloc(body_bytes + 128);
  int n;
  CHECK(request != NULL);
  n = sprintf(request, head, id);
  memset(request + n, 'a', body_bytes);
  strcpy(request + n + body_bytes, "\"}");
  return request;
}

static void test_bad_input_changes_nothing(void) {
  static const struct {
    const char *what;
    const char *request; /* for case.create unless it names a case (then case.add_note) */
    rma_status status;
    const char *field;
  } create_cases[] = {
      {"malformed", "{\"kind\": \"return\",", RMA_E_MALFORMED_JSON, ""},
      {"missing customer",
       "{\"kind\": \"return\", \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": 1}]}",
       RMA_E_MISSING_FIELD, "customer_id"},
      {"missing lines", "{\"customer_id\": \"c1\"}", RMA_E_MISSING_FIELD, "lines"},
      {"wrong type", "{\"customer_id\": 7, \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": 1}]}",
       RMA_E_WRONG_TYPE, "customer_id"},
      {"unknown kind",
       "{\"kind\": \"exchange\", \"customer_id\": \"c1\", \"lines\": [{\"sku\": \"CABLE-2M\"}]}",
       RMA_E_UNKNOWN_VALUE, "kind"},
      {"zero quantity",
       "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": 0}]}",
       RMA_E_OUT_OF_RANGE, "lines[0].quantity"},
      {"negative quantity",
       "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": -1}]}",
       RMA_E_OUT_OF_RANGE, "lines[0].quantity"},
      {"invalid UTF-8",
       "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": 1,"
       " \"defect_description\": \"broken \xff\xfe screen\"}]}",
       RMA_E_INVALID_UTF8, "lines[0].defect_description"},
  };
  char *out = NULL;
  char request[256];
  char *big;
  size_t i;
  long long seq = last_event_seq();
  long long cases = case_count();

  for (i = 0; i < sizeof(create_cases) / sizeof(create_cases[0]); ++i) {
    context = create_cases[i].what;
    CHECK_FAILS(rma_case_create(engine, OPERATOR, create_cases[i].request, &out),
                create_cases[i].status, create_cases[i].field);
    CHECK(out == NULL);
  }
  context = "";
  /* The other side of the quantity boundary: 1 is accepted (checked below, after the count). */

  sprintf(request, "{\"case_id\": 987654}");
  CHECK_FAILS(rma_case_get(engine, OPERATOR, request, &out), RMA_E_NOT_FOUND, "case_id");
  sprintf(request, "{\"case_id\": 987654, \"channel\": \"internal\", \"body\": \"x\"}");
  CHECK_FAILS(rma_case_add_note(engine, OPERATOR, request, &out), RMA_E_NOT_FOUND, "case_id");
  sprintf(request, "{\"case_id\": \"one\"}");
  CHECK_FAILS(rma_case_get(engine, OPERATOR, request, &out), RMA_E_WRONG_TYPE, "case_id");
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"secret\", \"body\": \"x\"}", case_id);
  CHECK_FAILS(rma_case_add_note(engine, OPERATOR, request, &out), RMA_E_UNKNOWN_VALUE, "channel");
  sprintf(request,
          "{\"case_id\": %lld, \"version\": 1, \"channel\": \"internal\", \"body\": \"late\"}",
          case_id);
  CHECK_FAILS(rma_case_add_note(engine, OPERATOR, request, &out), RMA_E_CONFLICT, "version");

  {
    static const struct {
      const char *file_name;
      const char *sha256;
      const char *size_bytes;
      rma_status status;
      const char *field;
    } attachments[] = {
        {"../etc/passwd", SHA256_A, "10", RMA_E_INVALID_ARGUMENT, "file_name"},
        {"front.jpg", "9F86", "10", RMA_E_INVALID_ARGUMENT, "sha256"},
        {"front.jpg", SHA256_A, "-1", RMA_E_OUT_OF_RANGE, "size_bytes"},
    };
    char attachment[512];
    for (i = 0; i < sizeof(attachments) / sizeof(attachments[0]); ++i) {
      context = attachments[i].field;
      sprintf(attachment,
              "{\"case_id\": %lld, \"file_name\": \"%s\", \"media_type\": \"image/jpeg\","
              " \"size_bytes\": %s, \"sha256\": \"%s\", \"uri\": \"s3://rma/x\","
              " \"visibility\": \"internal\"}",
              case_id, attachments[i].file_name, attachments[i].size_bytes, attachments[i].sha256);
      CHECK_FAILS(rma_case_add_attachment(engine, OPERATOR, attachment, &out),
                  attachments[i].status, attachments[i].field);
    }
    context = "";
  }

  /* A 20 MB note is over the request limit; a note one byte over max_note_bytes (64 KiB) is
   * refused by its own limit. */
  big = note_request(case_id, 20u * 1024u * 1024u);
  CHECK(rma_case_add_note(engine, OPERATOR, big, &out) == RMA_E_TOO_LARGE);
  CHECK(rma_last_error()[0] != '\0');
  CHECK(out == NULL);
  free(big);
  big = note_request(case_id, 64u * 1024u + 1u);
  CHECK_FAILS(rma_case_add_note(engine, OPERATOR, big, &out), RMA_E_TOO_LARGE, "body");
  free(big);

  CHECK(last_event_seq() == seq);
  CHECK(case_count() == cases);

  /* The accepted side of both boundaries. */
  big = note_request(case_id, 64u * 1024u);
  out = OK(rma_case_add_note, OPERATOR, big);
  rma_free(out);
  free(big);
  out = OK(rma_case_create, OPERATOR,
           "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": 1}]}");
  rma_free(out);
  CHECK(case_count() == cases + 1);
}

static void test_last_error_outlives_success(void) {
  char *out = NULL;
  char remembered[256];
  CHECK(rma_case_get(engine, OPERATOR, "{\"case_id\": 424242}", &out) == RMA_E_NOT_FOUND);
  strncpy(remembered, rma_last_error(), sizeof(remembered) - 1);
  remembered[sizeof(remembered) - 1] = '\0';
  CHECK(strstr(remembered, "424242") != NULL); /* the message names the value */
  out = OK(rma_engine_stats, OPERATOR, NULL);
  rma_free(out);
  CHECK_STR(rma_last_error(), remembered);
  CHECK_STR(rma_last_error_field(), "case_id");
}

/* ---- Threads --------------------------------------------------------------------------------- */

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

static void test_threads(void) {
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

/* ---- Clock reset, reopening, a second engine ------------------------------------------------- */

static void test_system_clock_restored(void) {
  char *out = NULL;
  char text[64];
  CHECK_OK(rma_engine_set_clock(engine, NULL, NULL));
  out = OK(rma_case_create, OPERATOR, CASE_DRAFT);
  CHECK(strcmp(JSON_STR(out, "created_at", text), INJECTED_NOW_ISO) != 0);
  rma_free(out);
}

static void test_reopen_and_second_engine(const char *path) {
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

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "rma_capi_test.db";
  char side_file[1024];

  remove(path);
  sprintf(side_file, "%.1000s-wal", path);
  remove(side_file);
  sprintf(side_file, "%.1000s-shm", path);
  remove(side_file);

  test_last_error_before_any_failure();
  test_versions();
  test_status_names();
  test_null_is_a_no_op_for_free_and_close();
  test_open_errors(path);
  test_options();
  test_open(path);
  test_parties();
  test_injected_clock_and_create();
  test_get_update_and_conflict();
  test_notes_attachments_actions();
  test_views_queries_history();
  test_permissions();
  test_split();
  test_idempotent_create();
  test_outbox();
  test_generic_call();
  test_batch();
  test_subscriptions();
  test_every_command_rejects_bad_arguments();
  test_bad_input_changes_nothing();
  test_last_error_outlives_success();
  test_threads();
  test_system_clock_restored();
  test_reopen_and_second_engine(path);

  rma_engine_close(engine);
  printf("%d passed, 0 failed\n", passed);
  return 0;
}
