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

/* The first character after the JSON value that starts at `p`. */
static const char *json_skip_value(const char *p) {
  int depth = 0;
  do {
    if (*p == '"') {
      ++p;
      while (*p != '\0' && *p != '"') p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
      if (*p == '\0') return p;
      ++p;
    } else if (*p == '{' || *p == '[') {
      ++depth;
      ++p;
    } else if (*p == '}' || *p == ']') {
      --depth;
      ++p;
    } else if (depth == 0) {
      while (*p != '\0' && *p != ',' && *p != '}' && *p != ']') ++p;
      return p;
    } else {
      ++p;
    }
  } while (depth > 0 && *p != '\0');
  return p;
}

/* Element `n` (0-based) of the array value of `key`, or NULL when the array is shorter. */
static const char *json_nth_item(const char *object, const char *key, int n, int line) {
  const char *p = json_first_item(object, key, line);
  int i;
  for (i = 0; p != NULL && i < n; ++i) {
    p = json_skip_value(p);
    while (*p == ' ' || *p == '\n') ++p;
    if (*p != ',') return NULL;
    ++p;
    while (*p == ' ' || *p == '\n') ++p;
  }
  return p;
}
#define JSON_NTH(object, key, n) json_nth_item((object), (key), (n), __LINE__)

/* The number of elements of the array value of `key`. */
static int json_count_at(const char *object, const char *key, int line) {
  int n = 0;
  while (json_nth_item(object, key, n, line) != NULL) ++n;
  return n;
}
#define JSON_COUNT(object, key) json_count_at((object), (key), __LINE__)

/* Whether the value of `key` starts with `literal` (true, false, null, a number). */
#define JSON_IS(object, key, literal) \
  (strncmp(JSON_GET((object), (key)), (literal), strlen(literal)) == 0)

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

/* {"kind": kind, "format": format, "content": content as a JSON string EXTRA}; free() it. */
static char *import_request(const char *kind, const char *format, const char *content,
                            const char *extra) {
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
  CHECK_OK(rma_customer_upsert(other, "system:setup", "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
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

  /* admin: actors must be registered operators: the host registers the first admin itself. */
  out = OK(rma_operator_upsert, "system:setup", "{\"id\": \"root\", \"name\": \"Root\", \"role\": \"admin\"}");
  rma_free(out);

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

static void test_permissions(void) {
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
  /* Compact answers: the op, the case and its version per command. */
  CHECK(count_of(JSON_GET(out, "results"), "\"number\"") == 0);
  CHECK(count_of(JSON_GET(out, "results"), "\"case_id\"") == 2);
  CHECK(count_of(JSON_GET(out, "results"), "\"op\":\"case.add_note\"") == 1);
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

/* A subscription made for a customer hears only of its own cases, in its view. */
static void test_subscription_as_actor(void) {
  static event_log mine;
  static event_log others;
  int64_t sub_mine = 0;
  int64_t sub_others = 0;
  char *out = NULL;
  char request[256];

  CHECK_FAILS(rma_engine_subscribe_as(engine, NULL, record_event, &mine, &sub_mine), RMA_E_INVALID_ARGUMENT,
              "actor");
  CHECK_OK(rma_engine_subscribe_as(engine, "customer:c1", record_event, &mine, &sub_mine));
  CHECK_OK(rma_engine_subscribe_as(engine, "customer:c2", record_event, &others, &sub_others));
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"internal\", \"body\": \"margin is thin\"}", case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(mine.events == 0); /* an internal note is never delivered to the claimant */
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"external\", \"body\": \"Parcel received.\"}", case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(mine.events == 1);
  CHECK_STR(mine.last_type, "note.added");
  CHECK(strstr(mine.last_event, "Parcel received.") != NULL);
  CHECK(strstr(mine.last_event, "\"actor\"") == NULL); /* who wrote it is staff's business */
  CHECK(others.events == 0);
  CHECK_OK(rma_engine_unsubscribe(engine, sub_mine));
  CHECK_OK(rma_engine_unsubscribe(engine, sub_others));
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
    {"rma_sales_document_get", rma_sales_document_get},
    {"rma_purchase_document_get", rma_purchase_document_get},
    {"rma_sold_units_by_serial", rma_sold_units_by_serial},
    {"rma_sold_units_by_customer", rma_sold_units_by_customer},
    {"rma_sold_units_by_document", rma_sold_units_by_document},
    {"rma_warranty_configure", rma_warranty_configure},
    {"rma_warranty_config", rma_warranty_config},
    {"rma_warranty_add_extended", rma_warranty_add_extended},
    {"rma_unit_register", rma_unit_register},
    {"rma_warranty_check", rma_warranty_check},
    {"rma_case_check_eligibility", rma_case_check_eligibility},
    {"rma_case_check_line", rma_case_check_line},
    {"rma_unit_history", rma_unit_history},
    {"rma_valuation_configure", rma_valuation_configure},
    {"rma_valuation_rules", rma_valuation_rules},
    {"rma_case_valuation", rma_case_valuation},
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

/* ---- The ERP feed: imports, sales documents, sold units -------------------------------------- */

/* Two sales documents: a distance sale of two serialized televisions and three cables, delivered
 * five days before the injected clock's date (so the 14-day withdrawal window is open), and a
 * shop sale of one cable. */
#define SALES_JSONL                                                                         \
  "{\"id\": \"INV-2026-100\", \"date\": \"2026-11-18\", \"delivery_date\": \"2026-11-20\"," \
  " \"customer_id\": \"c1\", \"channel\": \"b2c\", \"jurisdiction\": \"IT\", \"lines\": ["  \
  "{\"line_no\": 1, \"sku\": \"TV-55\", \"quantity\": 2, \"unit_price\": 49900,"            \
  " \"vat_rate_bp\": 2200, \"serials\": [\"SN-9001\", \"SN-9002\"],"                        \
  " \"dispatch_document\": \"DDT-881\", \"packers\": [\"marco\", \"lucia\"]},"              \
  " {\"line_no\": 2, \"sku\": \"CABLE-2M\", \"quantity\": 3, \"unit_price\": 990,"          \
  " \"vat_rate_bp\": 2200}]}\n"                                                             \
  "{\"id\": \"INV-2026-101\", \"date\": \"2026-11-19\", \"delivery_date\": \"2026-11-19\"," \
  " \"customer_id\": \"c1\", \"channel\": \"b2c\", \"distance_sale\": false, \"lines\": ["  \
  "{\"line_no\": 1, \"sku\": \"CABLE-2M\", \"quantity\": 1, \"unit_price\": 990,"           \
  " \"vat_rate_bp\": 2200}]}\n"

/* One good document and one whose only line sells zero units (line 2 of the input). */
#define ONE_BAD_ROW_JSONL                                                                        \
  "{\"id\": \"INV-2026-200\", \"date\": \"2026-11-20\", \"customer_id\": \"c1\","                \
  " \"channel\": \"b2b\", \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": 5, \"unit_price\": " \
  "800,"                                                                                         \
  " \"vat_rate_bp\": 2200}]}\n"                                                                  \
  "{\"id\": \"INV-2026-201\", \"date\": \"2026-11-20\", \"customer_id\": \"c1\","                \
  " \"channel\": \"b2b\", \"lines\": [{\"sku\": \"CABLE-2M\", \"quantity\": 0, \"unit_price\": " \
  "800,"                                                                                         \
  " \"vat_rate_bp\": 2200}]}\n"

#define PURCHASES_CSV                                                     \
  "id,date,supplier_id,currency,line_no,sku,quantity,unit_cost,serials\n" \
  "PO-77,2026-09-15,s1,EUR,1,TV-55,2,30000,SN-9001|SN-9002\n"

typedef struct {
  int calls;
  int cancel_at_call; /* answer non-zero on this call; 0: never */
  int in_order;       /* rows_done never went down and never passed rows_total */
  long long last_done;
  long long last_total;
} progress_log;

static int32_t record_progress(void *user_data, int64_t rows_done, int64_t rows_total) {
  progress_log *log = (progress_log *)user_data;
  ++log->calls;
  if (rows_done < log->last_done || rows_done > rows_total) log->in_order = 0;
  log->last_done = rows_done;
  log->last_total = rows_total;
  return log->cancel_at_call != 0 && log->calls >= log->cancel_at_call;
}

static void test_import(void) {
  progress_log progress = {0, 0, 1, 0, 0};
  char *out = NULL;
  char *request;
  char text[128];
  const char *error;
  long long seq;

  /* Every row reported, then the end: two rows, so two calls, the last one 2 of 2. */
  request = import_request("sales_documents", "jsonl", SALES_JSONL, ", \"progress_every\": 1");
  CHECK_OK(rma_import(engine, OPERATOR, request, record_progress, &progress, &out));
  CHECK(progress.calls == 2);
  CHECK(progress.in_order);
  CHECK(progress.last_done == 2);
  CHECK(progress.last_total == 2);
  CHECK(JSON_INT(out, "rows_read") == 2);
  CHECK(JSON_INT(out, "records_written") == 2);
  CHECK(JSON_INT(out, "records_unchanged") == 0);
  CHECK(JSON_INT(out, "rows_rejected") == 0);
  CHECK(JSON_IS(out, "committed", "true"));
  CHECK(JSON_FIRST(out, "errors") == NULL);
  rma_free(out);

  /* The same file again changes nothing, not even the audit log, and the progress callback is
   * optional. */
  seq = last_event_seq();
  CHECK_OK(rma_import(engine, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_INT(out, "records_written") == 0);
  CHECK(JSON_INT(out, "records_unchanged") == 2);
  rma_free(out);
  CHECK(last_event_seq() == seq);
  seq = last_event_seq();
  free(request);

  /* Cancelled on the first report: nothing written, and the call says why. */
  memset(&progress, 0, sizeof progress);
  progress.in_order = 1;
  progress.cancel_at_call = 1;
  request = import_request("sales_documents", "jsonl", ONE_BAD_ROW_JSONL,
                           ", \"skip_bad_rows\": true, \"progress_every\": 1");
  out = (char *)&passed;
  CHECK_FAILS(rma_import(engine, OPERATOR, request, record_progress, &progress, &out),
              RMA_E_INVALID_ARGUMENT, "progress");
  CHECK(out == NULL);
  CHECK(progress.calls == 1);
  CHECK(last_event_seq() == seq);
  CHECK_FAILS(rma_sales_document_get(engine, OPERATOR, "{\"id\": \"INV-2026-200\"}", &out),
              RMA_E_NOT_FOUND, "id");

  /* Cancelling on the last report (rows 2 of 2) still writes nothing. */
  memset(&progress, 0, sizeof progress);
  progress.in_order = 1;
  progress.cancel_at_call = 2;
  CHECK_FAILS(rma_import(engine, OPERATOR, request, record_progress, &progress, &out),
              RMA_E_INVALID_ARGUMENT, "progress");
  CHECK(progress.calls == 2);
  CHECK(progress.last_done == 2);
  CHECK(last_event_seq() == seq);
  free(request);

  /* Atomic by default: one bad row rejects the batch, and the report names the row. */
  request = import_request("sales_documents", "jsonl", ONE_BAD_ROW_JSONL, "");
  CHECK_OK(rma_import(engine, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_IS(out, "committed", "false"));
  CHECK(JSON_INT(out, "rows_read") == 2);
  CHECK(JSON_INT(out, "rows_rejected") == 1);
  CHECK(JSON_INT(out, "records_written") == 0);
  error = JSON_FIRST(out, "errors");
  CHECK(error != NULL);
  CHECK(JSON_INT(error, "line") == 2);
  CHECK_STR(JSON_STR(error, "field", text), "lines[0].quantity");
  CHECK(JSON_GET(error, "reason")[1] != '"'); /* a non-empty reason */
  rma_free(out);
  free(request);
  CHECK(last_event_seq() == seq);
  CHECK_FAILS(rma_sales_document_get(engine, OPERATOR, "{\"id\": \"INV-2026-200\"}", &out),
              RMA_E_NOT_FOUND, "id");

  /* skip_bad_rows: the good row is written, the bad one reported. */
  request =
      import_request("sales_documents", "jsonl", ONE_BAD_ROW_JSONL, ", \"skip_bad_rows\": true");
  CHECK_OK(rma_import(engine, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_IS(out, "committed", "true"));
  CHECK(JSON_INT(out, "records_written") == 1);
  CHECK(JSON_INT(out, "rows_rejected") == 1);
  CHECK(JSON_INT(JSON_FIRST(out, "errors"), "line") == 2);
  rma_free(out);
  free(request);
  CHECK(last_event_seq() > seq);
  out = OK(rma_sales_document_get, OPERATOR, "{\"id\": \"INV-2026-200\"}");
  rma_free(out);

  /* CSV, for purchase documents: the serials column is '|'-separated. */
  request = import_request("purchase_documents", "csv", PURCHASES_CSV, "");
  CHECK_OK(rma_import(engine, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_INT(out, "records_written") == 1);
  CHECK(JSON_IS(out, "committed", "true"));
  rma_free(out);
  free(request);
}

static void test_import_rejects_bad_requests(void) {
  static const struct {
    const char *what;
    const char *request;
    rma_status status;
    const char *field;
  } requests[] = {
      {"malformed", "{\"kind\": \"customers\", ", RMA_E_MALFORMED_JSON, ""},
      {"not an object", "[\"customers\"]", RMA_E_WRONG_TYPE, ""},
      {"missing kind", "{\"format\": \"jsonl\", \"content\": \"\"}", RMA_E_MISSING_FIELD, "kind"},
      {"unknown kind", "{\"kind\": \"invoices\", \"format\": \"jsonl\", \"content\": \"\"}",
       RMA_E_UNKNOWN_VALUE, "kind"},
      {"unknown format", "{\"kind\": \"customers\", \"format\": \"xlsx\", \"content\": \"\"}",
       RMA_E_UNKNOWN_VALUE, "format"},
      {"missing content", "{\"kind\": \"customers\", \"format\": \"jsonl\"}", RMA_E_MISSING_FIELD,
       "content"},
      {"content not text", "{\"kind\": \"customers\", \"format\": \"jsonl\", \"content\": 7}",
       RMA_E_WRONG_TYPE, "content"},
  };
  progress_log progress = {0, 0, 1, 0, 0};
  char *out = (char *)&passed;
  size_t i;
  long long seq = last_event_seq();

  for (i = 0; i < sizeof(requests) / sizeof(requests[0]); ++i) {
    context = requests[i].what;
    CHECK_FAILS(rma_import(engine, OPERATOR, requests[i].request, record_progress, &progress, &out),
                requests[i].status, requests[i].field);
    CHECK(out == NULL);
  }
  context = "";
  CHECK(progress.calls == 0);
  CHECK_FAILS(rma_import(NULL, OPERATOR, "{}", NULL, NULL, &out), RMA_E_INVALID_ARGUMENT, "engine");
  CHECK_FAILS(rma_import(engine, NULL, "{}", NULL, NULL, &out), RMA_E_INVALID_ARGUMENT, "actor");
  CHECK_FAILS(rma_import(engine, OPERATOR, "{}", NULL, NULL, NULL), RMA_E_INVALID_ARGUMENT,
              "out_report_json");
  CHECK_FAILS(rma_import(engine, OPERATOR, NULL, NULL, NULL, &out), RMA_E_MISSING_FIELD, "kind");
  CHECK_FAILS(rma_import(engine, "wizard:anna", "{}", NULL, NULL, &out), RMA_E_UNKNOWN_VALUE,
              "actor");
  /* The ERP feed is for staff. */
  CHECK_FAILS(rma_import(engine, "customer:c1",
                         "{\"kind\": \"customers\", \"format\": \"jsonl\", \"content\": \"\"}",
                         NULL, NULL, &out),
              RMA_E_PERMISSION_DENIED, "actor");
  CHECK(last_event_seq() == seq);
}

static void test_sales_lookups(void) {
  char *out = NULL;
  char text[64];
  const char *line;
  const char *unit;

  out = OK(rma_sales_document_get, OPERATOR, "{\"id\": \"INV-2026-100\"}");
  CHECK_STR(JSON_STR(out, "date", text), "2026-11-18");
  CHECK_STR(JSON_STR(out, "delivery_date", text), "2026-11-20");
  CHECK_STR(JSON_STR(out, "channel", text), "b2c");
  CHECK(JSON_COUNT(out, "lines") == 2);
  line = JSON_FIRST(out, "lines");
  CHECK(JSON_COUNT(line, "serials") == 2);
  CHECK_STR(JSON_STR(line, "dispatch_document", text), "DDT-881");
  CHECK(JSON_INT(JSON_NTH(out, "lines", 1), "quantity") == 3);
  rma_free(out);

  out = OK(rma_purchase_document_get, OPERATOR, "{\"id\": \"PO-77\"}");
  CHECK_STR(JSON_STR(out, "supplier_id", text), "s1");
  CHECK(JSON_INT(JSON_FIRST(out, "lines"), "unit_cost") == 30000);
  CHECK(JSON_COUNT(JSON_FIRST(out, "lines"), "serials") == 2);
  rma_free(out);

  out = OK(rma_sold_units_by_serial, OPERATOR, "{\"serial\": \"SN-9002\"}");
  CHECK(JSON_COUNT(out, "units") == 1);
  unit = JSON_FIRST(out, "units");
  CHECK_STR(JSON_STR(unit, "document", text), "INV-2026-100");
  CHECK(JSON_INT(unit, "line_no") == 1);
  CHECK(JSON_INT(unit, "quantity") == 1);
  CHECK(JSON_INT(unit, "unit_price") == 49900);
  CHECK_STR(JSON_STR(unit, "customer_id", text), "c1");
  CHECK_STR(JSON_STR(unit, "sale_date", text), "2026-11-18");
  rma_free(out);
  out = OK(rma_sold_units_by_serial, OPERATOR, "{\"serial\": \"SN-NEVER-SOLD\"}");
  CHECK(JSON_FIRST(out, "units") == NULL);
  rma_free(out);

  out = OK(rma_sold_units_by_customer, OPERATOR, "{\"customer_id\": \"c1\", \"sku\": \"TV-55\"}");
  CHECK(JSON_COUNT(out, "units") == 2);
  rma_free(out);
  out =
      OK(rma_sold_units_by_customer, OPERATOR, "{\"customer_id\": \"c1\", \"sku\": \"CABLE-2M\"}");
  CHECK(JSON_COUNT(out, "units") == 3); /* a line on each of INV-2026-100, -101 and -200 */
  rma_free(out);

  out = OK(rma_sold_units_by_document, OPERATOR, "{\"document\": \"INV-2026-100\"}");
  CHECK(JSON_COUNT(out, "units") == 3); /* two televisions and the cable line */
  rma_free(out);
  out = OK(rma_sold_units_by_document, OPERATOR, "{\"document\": \"INV-2026-101\"}");
  CHECK(JSON_COUNT(out, "units") == 1);
  CHECK_STR(JSON_STR(JSON_FIRST(out, "units"), "serial", text), "");
  CHECK(JSON_INT(JSON_FIRST(out, "units"), "quantity") == 1);
  rma_free(out);

  CHECK_FAILS(rma_sales_document_get(engine, OPERATOR, "{\"id\": \"INV-0\"}", &out),
              RMA_E_NOT_FOUND, "id");
  CHECK(out == NULL);
  CHECK_FAILS(rma_purchase_document_get(engine, OPERATOR, "{\"id\": \"PO-0\"}", &out),
              RMA_E_NOT_FOUND, "id");
  CHECK_FAILS(rma_sales_document_get(engine, OPERATOR, "{}", &out), RMA_E_MISSING_FIELD, "id");
  CHECK_FAILS(rma_sold_units_by_serial(engine, OPERATOR, "{}", &out), RMA_E_MISSING_FIELD,
              "serial");
  CHECK_FAILS(rma_sold_units_by_serial(engine, OPERATOR, "{\"serial\": 9001}", &out),
              RMA_E_WRONG_TYPE, "serial");
  CHECK_FAILS(rma_sold_units_by_customer(engine, OPERATOR, "{\"customer_id\": \"c1\"}", &out),
              RMA_E_MISSING_FIELD, "sku");
  CHECK_FAILS(rma_sold_units_by_document(engine, OPERATOR, "{\"doc\": \"INV-2026-100\"}", &out),
              RMA_E_MISSING_FIELD, "document");
  CHECK_FAILS(rma_sold_units_by_document(engine, OPERATOR,
                                         "{\"document\": \"INV-2026-100\", \"line\": 1}", &out),
              RMA_E_UNKNOWN_VALUE, "line");
}

/* ---- Warranty rules and verdicts ------------------------------------------------------------- */

/* Televisions get 36 months from the manufacturer; everything else the default 24. */
#define WARRANTY_CONFIG                                                 \
  "{\"policies\": [{\"name\": \"tv\", \"match\": {\"sku\": \"TV-55\"}," \
  " \"manufacturer_months\": 36}, {\"name\": \"default\", \"manufacturer_months\": 24}]}"

static void test_warranty_config(void) {
  char *out = NULL;
  char text[64];
  long long seq = last_event_seq();

  out = OK(rma_warranty_config, OPERATOR, NULL);
  CHECK(JSON_COUNT(out, "policies") == 1);
  CHECK_STR(JSON_STR(JSON_FIRST(out, "policies"), "name", text), "default");
  CHECK(JSON_INT(JSON_GET(out, "returns"), "withdrawal_days") == 14);
  rma_free(out);

  CHECK_FAILS(rma_warranty_configure(engine, OPERATOR, WARRANTY_CONFIG, &out),
              RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(
      rma_warranty_configure(
          engine, ADMIN, "{\"policies\": [{\"name\": \"x\", \"manufacturer_months\": -1}]}", &out),
      RMA_E_OUT_OF_RANGE, "policies[0].manufacturer_months");
  CHECK_FAILS(rma_warranty_configure(engine, ADMIN, "{\"polices\": []}", &out), RMA_E_UNKNOWN_VALUE,
              "polices");
  CHECK_FAILS(rma_warranty_configure(engine, ADMIN, "{\"time_zone\": \"Mars/Olympus\"}", &out),
              RMA_E_UNKNOWN_VALUE, "time_zone");
  CHECK(out == NULL);
  CHECK(last_event_seq() == seq);

  out = OK(rma_warranty_configure, ADMIN, WARRANTY_CONFIG);
  CHECK(JSON_COUNT(out, "policies") == 2);
  CHECK(JSON_INT(JSON_FIRST(out, "policies"), "manufacturer_months") == 36);
  rma_free(out);
  CHECK(last_event_seq() == seq + 1);
  out = OK(rma_warranty_config, OPERATOR, "{}");
  CHECK_STR(JSON_STR(JSON_NTH(out, "policies", 1), "name", text), "default");
  rma_free(out);
}

static void test_warranty_check(void) {
  char *out = NULL;
  char text[64];
  const char *evidence;
  long long seq;

  /* Sold 2026-11-18, delivered 2026-11-20: in June 2029 only the 36 manufacturer months cover. */
  out = OK(rma_warranty_check, OPERATOR, "{\"serial\": \"SN-9001\", \"on\": \"2029-06-01\"}");
  CHECK(JSON_IS(out, "covered", "true"));
  CHECK_STR(JSON_STR(out, "coverage", text), "manufacturer");
  CHECK(JSON_INT(out, "days_remaining") > 0);
  evidence = JSON_GET(out, "evidence");
  CHECK_STR(JSON_STR(evidence, "policy", text), "tv");
  CHECK_STR(JSON_STR(evidence, "policy_match", text), "sku");
  CHECK_STR(JSON_STR(evidence, "today", text), "2029-06-01");
  CHECK_STR(JSON_STR(evidence, "sale_date", text), "2026-11-18");
  CHECK_STR(JSON_STR(evidence, "document", text), "INV-2026-100");
  /* Delivered 2026-11-20 in Italy: the 12-month presumption of non-conformity (2019/771 art. 11)
     ends on Saturday 2027-11-20, so on Monday 2027-11-22 (Reg. 1182/71 art. 3(4)). */
  CHECK_STR(JSON_STR(out, "presumption_until", text), "2027-11-22");
  CHECK_STR(JSON_STR(JSON_NTH(evidence, "periods", 0), "nominal_end", text), "2027-11-20");
  CHECK_STR(JSON_STR(JSON_NTH(evidence, "periods", 0), "end", text), "2027-11-22");
  rma_free(out);

  /* Without "on" the verdict is for today in the configured zone: the injected clock's date. */
  out = OK(rma_warranty_check, OPERATOR, "{\"serial\": \"SN-9001\"}");
  CHECK(JSON_IS(out, "covered", "true"));
  CHECK_STR(JSON_STR(JSON_GET(out, "evidence"), "today", text), "2026-11-25");
  /* Bought from s1 on PO-77 (2026-09-15): claimable from the supplier for its 12 months. */
  CHECK(JSON_IS(out, "supplier_recoverable", "true"));
  CHECK_STR(JSON_STR(JSON_GET(out, "evidence"), "purchase_document", text), "PO-77");
  rma_free(out);

  out = OK(rma_warranty_check, OPERATOR, "{\"serial\": \"SN-9001\", \"on\": \"2031-01-01\"}");
  CHECK(JSON_IS(out, "covered", "false"));
  CHECK_STR(JSON_STR(out, "coverage", text), "none");
  CHECK(JSON_FIRST(out, "reasons") != NULL);
  rma_free(out);

  /* An extended contract on the other television covers it then. */
  seq = last_event_seq();
  out = OK(rma_warranty_add_extended, OPERATOR,
           "{\"serial\": \"SN-9002\", \"contract\": \"EXT-5\", \"start\": \"2029-11-18\","
           " \"end\": \"2031-11-17\", \"coverage\": \"full\"}");
  CHECK_STR(out, "{}");
  rma_free(out);
  CHECK(last_event_seq() == seq + 1);
  out = OK(rma_warranty_check, OPERATOR, "{\"serial\": \"SN-9002\", \"on\": \"2031-01-01\"}");
  CHECK(JSON_IS(out, "covered", "true"));
  CHECK_STR(JSON_STR(out, "coverage", text), "extended");
  CHECK_STR(JSON_STR(out, "expires", text), "2031-11-17");
  rma_free(out);

  out = OK(rma_unit_register, "customer:c1",
           "{\"serial\": \"SN-9002\", \"registered_on\": \"2026-11-22\"}");
  CHECK_STR(out, "{}");
  rma_free(out);

  /* A serial nobody sold has no coverage: a verdict, not an error. */
  out = OK(rma_warranty_check, OPERATOR, "{\"serial\": \"SN-NEVER-SOLD\"}");
  CHECK(JSON_IS(out, "covered", "false"));
  rma_free(out);

  seq = last_event_seq();
  CHECK_FAILS(rma_warranty_check(engine, OPERATOR, "{}", &out), RMA_E_MISSING_FIELD, "serial");
  CHECK_FAILS(rma_warranty_check(engine, OPERATOR,
                                 "{\"serial\": \"SN-9001\", \"on\": \"2029-02-29\"}", &out),
              RMA_E_OUT_OF_RANGE, "on");
  CHECK_FAILS(
      rma_warranty_check(engine, OPERATOR, "{\"serial\": \"SN-9001\", \"on\": \"soon\"}", &out),
      RMA_E_INVALID_ARGUMENT, "on");
  CHECK_FAILS(rma_warranty_add_extended(engine, OPERATOR,
                                        "{\"serial\": \"SN-9002\", \"contract\": \"EXT-6\","
                                        " \"start\": \"2030-01-02\", \"end\": \"2030-01-01\","
                                        " \"coverage\": \"full\"}",
                                        &out),
              RMA_E_OUT_OF_RANGE, "end");
  CHECK_FAILS(rma_warranty_add_extended(engine, OPERATOR,
                                        "{\"contract\": \"EXT-6\", \"start\": \"2030-01-01\","
                                        " \"end\": \"2030-01-02\", \"coverage\": \"full\"}",
                                        &out),
              RMA_E_MISSING_FIELD, "serial");
  CHECK_FAILS(rma_unit_register(engine, OPERATOR, "{\"registered_on\": \"2026-11-22\"}", &out),
              RMA_E_MISSING_FIELD, "serial");
  CHECK_FAILS(
      rma_unit_register(engine, "customer:c2",
                        "{\"serial\": \"SN-9001\", \"registered_on\": \"2026-11-22\"}", &out),
      RMA_E_PERMISSION_DENIED, "serial");
  CHECK_FAILS(
      rma_unit_register(engine, "supplier:s1",
                        "{\"serial\": \"SN-9001\", \"registered_on\": \"2026-11-22\"}", &out),
      RMA_E_PERMISSION_DENIED, "actor");
  CHECK(out == NULL);
  CHECK(last_event_seq() == seq);
}

/* ---- Eligibility, host validators and checked lines ------------------------------------------ */

typedef struct {
  int calls;
  int mode;        /* 0: fail line 2; 1: answer 7; 2: fill the code buffer; 3: invalid UTF-8 */
  int well_formed; /* every input had its keys, the right length and zeroed buffers */
  char today[16];
  char unit_serial[32]; /* of the last line 1 seen */
} validator_log;

static int all_zero(const char *buffer, size_t size) {
  size_t i;
  for (i = 0; i < size; ++i) {
    if (buffer[i] != '\0') return 0;
  }
  return 1;
}

static int32_t receipt_validator(void *user_data, const char *input_json, size_t len,
                                 char *reason_code, size_t reason_code_cap, char *message,
                                 size_t message_cap) {
  validator_log *log = (validator_log *)user_data;
  const char *unit = json_find(input_json, "unit");
  long long line_no = JSON_INT(input_json, "line_no");
  ++log->calls;
  if (strlen(input_json) != len || reason_code_cap != 64 || message_cap != 512 ||
      !all_zero(reason_code, reason_code_cap) || !all_zero(message, message_cap) ||
      json_find(input_json, "case") == NULL || unit == NULL) {
    log->well_formed = 0;
  }
  JSON_STR(input_json, "today", log->today);
  if (line_no == 1 && *unit == '{') JSON_STR(unit, "serial", log->unit_serial);
  switch (log->mode) {
    case 1:
      return 7;
    case 2:
      memset(reason_code, 'x', reason_code_cap); /* no room left for a NUL */
      return RMA_OUTCOME_MANUAL_REVIEW;
    case 3:
      strcpy(reason_code, "bad_text");
      strcpy(message, "broken \xff\xfe text");
      return RMA_OUTCOME_FAIL;
    default:
      break;
  }
  if (line_no == 2) {
    strcpy(reason_code, "receipt_missing");
    strcpy(message, "the cable's till receipt is missing");
    return RMA_OUTCOME_FAIL;
  }
  return RMA_OUTCOME_PASS;
}

/* The result of `validator` in an Eligibility document, or NULL. */
static const char *validator_result(const char *eligibility, const char *validator) {
  char name[64];
  int i;
  const char *item;
  for (i = 0; (item = JSON_NTH(eligibility, "results", i)) != NULL; ++i) {
    if (strcmp(JSON_STR(item, "validator", name), validator) == 0) return item;
  }
  return NULL;
}

static long long checked_case_id;

static void test_case_from_serial(void) {
  char *out = NULL;
  char text[64];
  const char *line;

  /* A serial alone, and a sales line alone: the sale fills in customer, product and prices. */
  out = OK(rma_case_create, OPERATOR,
           "{\"kind\": \"return\", \"channel\": \"b2c\", \"lines\": ["
           "{\"serial\": \"SN-9001\", \"quantity\": 1, \"reason_code\": \"defective\"},"
           " {\"sales_document\": {\"document\": \"INV-2026-100\", \"line\": 2}, \"quantity\": 1,"
           " \"reason_code\": \"wrong_order\"}]}");
  checked_case_id = JSON_INT(out, "id");
  CHECK_STR(JSON_STR(out, "customer_id", text), "c1");
  line = JSON_FIRST(out, "lines");
  CHECK_STR(JSON_STR(line, "sku", text), "TV-55");
  CHECK_STR(JSON_STR(line, "purchase_date", text), "2026-11-18");
  CHECK(JSON_INT(line, "unit_price") == 49900);
  CHECK_STR(JSON_STR(line, "currency", text), "EUR");
  CHECK(JSON_INT(line, "vat_rate_bp") == 2200);
  CHECK_STR(JSON_STR(line, "dispatch_document", text), "DDT-881");
  CHECK(JSON_COUNT(line, "packers") == 2);
  CHECK_STR(JSON_STR(JSON_GET(line, "sales_document"), "document", text), "INV-2026-100");
  CHECK(JSON_IS(line, "warranty", "null"));
  CHECK(JSON_IS(line, "eligibility", "null"));
  line = JSON_NTH(out, "lines", 1);
  CHECK_STR(JSON_STR(line, "sku", text), "CABLE-2M");
  CHECK(JSON_INT(line, "unit_price") == 990);
  rma_free(out);

  CHECK_FAILS(
      rma_case_create(engine, OPERATOR,
                      "{\"kind\": \"return\", \"customer_id\": \"c1\", \"lines\": ["
                      "{\"sku\": \"TV-55\", \"sales_document\": {\"document\": \"INV-2026-100\","
                      " \"line\": 9}}]}",
                      &out),
      RMA_E_NOT_FOUND, "lines[0].sales_document");
}

static void test_validators_and_eligibility(void) {
  static validator_log log;
  char *out = NULL;
  char request[128];
  char text[96];
  const char *result;
  long long seq = last_event_seq();

  CHECK_FAILS(rma_engine_add_validator(NULL, "receipt", receipt_validator, &log),
              RMA_E_INVALID_ARGUMENT, "engine");
  CHECK_FAILS(rma_engine_add_validator(engine, NULL, receipt_validator, &log),
              RMA_E_INVALID_ARGUMENT, "name");
  CHECK_FAILS(rma_engine_add_validator(engine, "receipt", NULL, &log), RMA_E_INVALID_ARGUMENT,
              "fn");
  CHECK_FAILS(rma_engine_add_validator(engine, "", receipt_validator, &log), RMA_E_MISSING_FIELD,
              "name");
  CHECK_FAILS(rma_engine_add_validator(engine, "bad \xff name", receipt_validator, &log),
              RMA_E_INVALID_UTF8, "name");
  log.well_formed = 1;
  CHECK_OK(rma_engine_add_validator(engine, "receipt", receipt_validator, &log));
  CHECK(log.calls == 0);

  /* Line 1 passes every rule; line 2 passes the built-in ones and fails the host's. */
  sprintf(request, "{\"case_id\": %lld, \"line_no\": 1}", checked_case_id);
  out = OK(rma_case_check_eligibility, OPERATOR, request);
  CHECK(log.calls == 1);
  CHECK(log.well_formed);
  CHECK_STR(log.today, "2026-11-25");
  CHECK_STR(log.unit_serial, "SN-9001");
  CHECK_STR(JSON_STR(out, "outcome", text), "pass");
  result = validator_result(out, "receipt");
  CHECK(result != NULL);
  CHECK_STR(JSON_STR(result, "outcome", text), "pass");
  CHECK(validator_result(out, "withdrawal_window") != NULL); /* the built-ins ran too */
  rma_free(out);

  sprintf(request, "{\"case_id\": %lld, \"line_no\": 2}", checked_case_id);
  out = OK(rma_case_check_eligibility, OPERATOR, request);
  CHECK_STR(JSON_STR(out, "outcome", text), "fail");
  result = validator_result(out, "receipt");
  CHECK_STR(JSON_STR(result, "outcome", text), "fail");
  CHECK_STR(JSON_STR(JSON_GET(result, "reason"), "code", text), "receipt_missing");
  CHECK_STR(JSON_STR(JSON_GET(result, "reason"), "message", text),
            "the cable's till receipt is missing");
  rma_free(out);

  /* An answer outside RMA_OUTCOME_*, a code with no NUL and invalid UTF-8: the line goes to a
   * person, and the code is read up to the buffer's capacity, never beyond. */
  log.mode = 1;
  out = OK(rma_case_check_eligibility, OPERATOR, request);
  result = validator_result(out, "receipt");
  CHECK_STR(JSON_STR(result, "outcome", text), "manual_review");
  CHECK_STR(JSON_STR(JSON_GET(result, "reason"), "code", text), "validator_failed");
  CHECK_STR(JSON_STR(out, "outcome", text), "manual_review");
  rma_free(out);
  log.mode = 2;
  out = OK(rma_case_check_eligibility, OPERATOR, request);
  result = validator_result(out, "receipt");
  CHECK_STR(JSON_STR(result, "outcome", text), "manual_review");
  CHECK(strlen(JSON_STR(JSON_GET(result, "reason"), "code", text)) == 64);
  CHECK(strspn(text, "x") == 64);
  rma_free(out);
  log.mode = 3;
  out = OK(rma_case_check_eligibility, OPERATOR, request);
  result = validator_result(out, "receipt");
  CHECK_STR(JSON_STR(result, "outcome", text), "manual_review");
  CHECK_STR(JSON_STR(JSON_GET(result, "reason"), "code", text), "validator_failed");
  rma_free(out);
  log.mode = 0;

  CHECK(last_event_seq() == seq); /* eligibility checks only read */
  sprintf(request, "{\"case_id\": 987654, \"line_no\": 1}");
  CHECK_FAILS(rma_case_check_eligibility(engine, OPERATOR, request, &out), RMA_E_NOT_FOUND,
              "case_id");
  sprintf(request, "{\"case_id\": %lld, \"line_no\": 9}", checked_case_id);
  CHECK_FAILS(rma_case_check_eligibility(engine, OPERATOR, request, &out), RMA_E_NOT_FOUND,
              "line_no");
  sprintf(request, "{\"case_id\": %lld}", checked_case_id);
  CHECK_FAILS(rma_case_check_eligibility(engine, OPERATOR, request, &out), RMA_E_MISSING_FIELD,
              "line_no");
}

static void test_check_case_line(void) {
  char *out = NULL;
  char request[128];
  char text[64];
  const char *line;
  const char *warranty;
  long long version;
  long long seq;

  sprintf(request, "{\"case_id\": %lld}", checked_case_id);
  out = OK(rma_case_get, OPERATOR, request);
  version = JSON_INT(out, "version");
  rma_free(out);

  seq = last_event_seq();
  sprintf(request, "{\"case_id\": %lld, \"line_no\": 1, \"version\": %lld}", checked_case_id,
          version);
  out = OK(rma_case_check_line, OPERATOR, request);
  CHECK(JSON_INT(out, "version") == version + 1);
  /* The verdict and the eligibility are stored with the line. */
  line = JSON_FIRST(out, "lines");
  warranty = JSON_GET(line, "warranty");
  CHECK(*warranty == '{');
  CHECK(JSON_IS(warranty, "covered", "true"));
  CHECK_STR(JSON_STR(JSON_GET(warranty, "evidence"), "policy", text), "tv");
  CHECK_STR(JSON_STR(JSON_GET(line, "eligibility"), "outcome", text), "pass");
  CHECK(strstr(out, "\"validator\":\"receipt\"") != NULL);
  /* Line 2 was not checked. */
  CHECK(JSON_IS(JSON_NTH(out, "lines", 1), "warranty", "null"));
  CHECK(JSON_IS(JSON_NTH(out, "lines", 1), "eligibility", "null"));
  rma_free(out);
  /* line.checked, then case.valued: the verdict lets the valuation count on the supplier. */
  CHECK(last_event_seq() == seq + 2);

  /* Read back: the stored case has them, and its history says so. */
  sprintf(request, "{\"case_id\": %lld}", checked_case_id);
  out = OK(rma_case_get, OPERATOR, request);
  CHECK(strstr(out, "\"covered\":true") != NULL);
  rma_free(out);
  out = OK(rma_case_history, OPERATOR, request);
  CHECK(count_of(out, "\"type\":\"line.checked\"") == 1);
  rma_free(out);

  /* Line 2 fails the host validator: the failure is stored with it; a cable has no serial,
   * so no warranty verdict. */
  sprintf(request, "{\"case_id\": %lld, \"line_no\": 2}", checked_case_id);
  out = OK(rma_case_check_line, OPERATOR, request);
  line = JSON_NTH(out, "lines", 1);
  CHECK(JSON_IS(line, "warranty", "null"));
  CHECK_STR(JSON_STR(JSON_GET(line, "eligibility"), "outcome", text), "fail");
  CHECK(strstr(line, "receipt_missing") != NULL);
  rma_free(out);

  out = OK(rma_unit_history, OPERATOR, "{\"serial\": \"SN-9001\"}");
  CHECK(JSON_COUNT(out, "records") == 2);
  CHECK_STR(JSON_STR(JSON_FIRST(out, "records"), "type", text), "case.opened");
  CHECK(JSON_INT(JSON_FIRST(out, "records"), "case_id") == checked_case_id);
  CHECK_STR(JSON_STR(JSON_NTH(out, "records", 1), "type", text), "warranty.checked");
  rma_free(out);
  out = OK(rma_unit_history, OPERATOR, "{\"serial\": \"SN-NEVER-SOLD\"}");
  CHECK(JSON_FIRST(out, "records") == NULL);
  rma_free(out);

  /* Failures write nothing but the denial of a permission on the case. */
  seq = last_event_seq();
  sprintf(request, "{\"case_id\": %lld, \"line_no\": 1, \"version\": %lld}", checked_case_id,
          version);
  CHECK_FAILS(rma_case_check_line(engine, OPERATOR, request, &out), RMA_E_CONFLICT, "version");
  CHECK(out == NULL);
  CHECK_FAILS(rma_case_check_line(engine, OPERATOR, "{\"case_id\": 987654, \"line_no\": 1}", &out),
              RMA_E_NOT_FOUND, "case_id");
  sprintf(request, "{\"case_id\": %lld, \"line_no\": 3}", checked_case_id);
  CHECK_FAILS(rma_case_check_line(engine, OPERATOR, request, &out), RMA_E_NOT_FOUND, "line_no");
  sprintf(request, "{\"case_id\": %lld, \"line_no\": \"1\"}", checked_case_id);
  CHECK_FAILS(rma_case_check_line(engine, OPERATOR, request, &out), RMA_E_WRONG_TYPE, "line_no");
  sprintf(request, "{\"case_id\": %lld, \"line_no\": 1}", checked_case_id);
  CHECK_FAILS(rma_case_check_line(engine, "customer:c1", request, &out), RMA_E_PERMISSION_DENIED,
              "actor");
  CHECK_FAILS(rma_unit_history(engine, OPERATOR, "{}", &out), RMA_E_MISSING_FIELD, "serial");
  CHECK_FAILS(rma_unit_history(engine, "customer:c1", "{\"serial\": \"SN-9001\"}", &out),
              RMA_E_PERMISSION_DENIED, "actor");
  /* Nothing written: commands a role may never run are counted in its security log. */
  CHECK(last_event_seq() == seq);
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

/* ---- Workflows ---------------------------------------------------------------------------- */

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

static long long create_return_case(void) {
  char *out = NULL;
  long long id;
  out = OK(rma_case_create, OPERATOR,
           "{\"kind\": \"return\", \"channel\": \"b2c\", \"customer_id\": \"c1\","
           " \"lines\": [{\"sku\": \"CABLE-2\", \"quantity\": 2, \"reason_code\": \"wrong_order\"}]}");
  id = JSON_INT(out, "id");
  rma_free(out);
  return id;
}

static void test_workflows(void) {
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

/* ---- SLA ---------------------------------------------------------------------------------- */

static int first_response_due(long long id, int hours, char *due, size_t size);

static void test_sla(void) {
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
      json_str_at(item, "due_at", due, size, __LINE__);
      found = 1;
    }
  }
  rma_free(out);
  return found;
}

/* ---- Business-time arithmetic ------------------------------------------------------------ */

static void test_calendar_arithmetic(void) {
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

/* ---- Valuation ---------------------------------------------------------------------------- */

static void test_valuation(void) {
  char *out = NULL;
  char request[256];
  long long id;
  long long seq;

  /* The defaults until rules are stored: 100 % supplier recovery, nothing priced. */
  out = OK(rma_valuation_rules, OPERATOR, "{}");
  CHECK(strstr(out, "\"supplier_recovery_bp\":10000") != NULL);
  CHECK(JSON_FIRST(out, "labour_classes") == NULL);
  rma_free(out);

  /* Only an admin configures; a bad document names its path and writes nothing. */
  seq = last_event_seq();
  CHECK_FAILS(rma_valuation_configure(engine, OPERATOR, "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_valuation_configure(engine, ADMIN, "{\"restocking_fees\": [{\"percnt_bp\": 1000}]}", &out),
              RMA_E_UNKNOWN_VALUE, "restocking_fees[0].percnt_bp");
  CHECK_FAILS(rma_valuation_configure(engine, ADMIN, "{\"supplier_recovery_bp\": 10001}", &out),
              RMA_E_OUT_OF_RANGE, "supplier_recovery_bp");
  CHECK(last_event_seq() == seq);
  out = OK(rma_valuation_configure, ADMIN,
           "{\"labour_classes\": [{\"name\": \"standard\", \"hourly_rate\": \"60.00 EUR\"}]}");
  CHECK(strstr(out, "\"hourly_rate\":\"60.00 EUR\"") != NULL);
  rma_free(out);
  CHECK(last_event_seq() == seq + 1); /* valuation.configured */

  /* An unpriced case is valued in the currency of the rules; a paid repair is quoted. */
  id = create_return_case();
  sprintf(request, "{\"case_id\": %lld, \"code\": \"FIX\", \"labour_class\": \"standard\","
                   " \"minutes\": 30, \"paid\": true}", id);
  out = OK(rma_case_add_repair, OPERATOR, request);
  CHECK(strstr(out, "\"repair_quote\":\"30.00 EUR\"") != NULL); /* the stored valuation */
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld}", id);
  out = OK(rma_case_valuation, OPERATOR, request);
  CHECK(strstr(out, "\"code\":\"repair_labour\"") != NULL);
  CHECK(strstr(out, "\"repair_quote\":\"30.00 EUR\"") != NULL);
  CHECK(JSON_COUNT(out, "totals") == 1);
  rma_free(out);
  out = OK(rma_case_history, OPERATOR, request);
  CHECK(count_of(out, "\"type\":\"case.valued\"") == 2); /* at creation and after the repair */
  rma_free(out);
  CHECK_FAILS(rma_case_valuation(engine, "customer:c1", request, &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_case_valuation(engine, OPERATOR, "{\"case_id\": 987654}", &out), RMA_E_NOT_FOUND, "case_id");
  CHECK_FAILS(rma_case_valuation(engine, OPERATOR, "{}", &out), RMA_E_MISSING_FIELD, "case_id");

  /* Back to the defaults for the tests that follow. */
  out = OK(rma_valuation_configure, ADMIN, "{}");
  rma_free(out);
}

/* ---- Decided value: the decision lock, the claimed value at intake, nothing to refund ------- */

/* A mug of 9.90 EUR (refunded whole: 12.08 EUR), a television of 549.00 EUR and cables of
 * 10.00 EUR, 22 % VAT, sold to dv1 (tier gold); each case below takes a sales line of its own. */
#define DECIDED_SALES                                                                              \
  "{\"id\": \"INV-DV\", \"date\": \"2026-11-02\", \"customer_id\": \"dv1\", \"channel\": \"b2c\", " \
  "\"currency\": \"EUR\", \"lines\": ["                                                            \
  "{\"sku\": \"MUG-DV\", \"quantity\": 1, \"unit_price\": 990, \"vat_rate_bp\": 2200}, "           \
  "{\"sku\": \"TV-DV\", \"quantity\": 1, \"unit_price\": 54900, \"vat_rate_bp\": 2200}, "          \
  "{\"sku\": \"CABLE-DV\", \"quantity\": 3, \"unit_price\": 1000, \"vat_rate_bp\": 2200}]}\n"

/* Opens a case of `kind` (a complaint: about transport) on line `line` of INV-DV. */
static long long decided_case(const char *kind, int line, int quantity) {
  char *out = NULL;
  char request[384];
  long long id;
  sprintf(request,
          "{\"kind\": \"%s\", \"category\": \"%s\", \"customer_id\": \"dv1\", \"lines\": [{"
          "\"sales_document\": {\"document\": \"INV-DV\", \"line\": %d}, \"quantity\": %d,"
          " \"reason_code\": \"defective\"}]}",
          kind, strcmp(kind, "complaint") == 0 ? "transport" : "none", line, quantity);
  out = OK(rma_case_create, OPERATOR, request);
  id = JSON_INT(out, "id");
  rma_free(out);
  return id;
}

/* Sets the line's received units (and a condition) and the resolution. */
static void receive_and_choose(long long id, int received, const char *resolution) {
  char *out = NULL;
  char request[256];
  sprintf(request,
          "{\"case_id\": %lld, \"changes\": {\"resolution\": \"%s\", \"lines\": [{\"line_no\": 1,"
          " \"qty_received\": %d, \"condition\": \"as_new\"}]}}",
          id, resolution, received);
  out = OK(rma_case_update, OPERATOR, request);
  rma_free(out);
}

static char *transition(long long id, const char *name) {
  char *out = NULL;
  char request[128];
  sprintf(request, "{\"case_id\": %lld, \"transition\": \"%s\"}", id, name);
  return OK(rma_case_transition, OPERATOR, request);
}

/* How many outbox messages the case's history records. */
static int posted(long long id) {
  char *out = NULL;
  char request[64];
  int n;
  sprintf(request, "{\"case_id\": %lld}", id);
  out = OK(rma_case_history, OPERATOR, request);
  n = count_of(out, "\"type\":\"outbox.posted\"");
  rma_free(out);
  return n;
}

static void test_decided_value(void) {
  char *out = NULL;
  char *request;
  char *config;
  char *with_action;
  char text[160];
  const char *empty;
  long long mug, tv, cables;
  long long version;

  out = OK(rma_customer_upsert, OPERATOR, "{\"id\": \"dv1\", \"name\": \"Decided\", \"tier\": \"gold\"}");
  rma_free(out);
  request = import_request("sales_documents", "jsonl", DECIDED_SALES, "");
  CHECK_OK(rma_import(engine, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_INT(out, "rows_rejected") == 0);
  rma_free(out);
  free(request);

  /* A refunded mug keeps its quantities and its 12.08 EUR until an admin reopens it. */
  mug = decided_case("return", 1, 1);
  rma_free(transition(mug, "authorize"));
  receive_and_choose(mug, 1, "refund");
  rma_free(transition(mug, "receive"));
  rma_free(transition(mug, "inspect"));
  out = transition(mug, "refund");
  CHECK(JSON_IS(out, "decision_locked", "true"));
  CHECK(strstr(out, "\"refund\":\"12.08 EUR\"") != NULL);
  version = JSON_INT(out, "version");
  rma_free(out);
  CHECK(posted(mug) == 1); /* the credit note request */
  request = (char *)malloc(256);
  CHECK(request != NULL);
  sprintf(request, "{\"case_id\": %lld, \"changes\": {\"lines\": [{\"line_no\": 1, \"qty_received\": 0}]}}", mug);
  CHECK_FAILS(rma_case_update(engine, ADMIN, request, &out), RMA_E_PERMISSION_DENIED,
              "changes.lines[0].qty_received");
  CHECK_STR(rma_last_error_reason(), "decision_locked");
  CHECK(out == NULL);
  sprintf(text, "{\"case_id\": %lld}", mug);
  out = OK(rma_case_get, OPERATOR, text);
  CHECK(JSON_INT(out, "version") == version);
  CHECK(strstr(out, "\"refund\":\"12.08 EUR\"") != NULL);
  rma_free(out);
  sprintf(text, "{\"case_id\": %lld, \"state\": \"inspected\", \"reason\": \"kept\"}", mug);
  out = OK(rma_case_reopen, ADMIN, text);
  rma_free(out);
  out = OK(rma_case_update, OPERATOR, request);
  CHECK(strstr(out, "\"refund\":\"0.00 EUR\"") != NULL);
  rma_free(out);
  free(request);

  /* "Accept claims under 50 EUR" reads the claimed value, known at intake. */
  config = OK(rma_workflow_config, ADMIN, "{}");
  empty = strstr(config, "\"automatic_actions\":[]");
  CHECK(empty != NULL);
  with_action = (char *)malloc(strlen(config) + 512);
  CHECK(with_action != NULL);
  sprintf(with_action,
          "%.*s\"automatic_actions\":[{\"name\": \"accept_small\", \"transition\": \"accept\","
          " \"states\": [\"in_progress\"], \"when\": {\"kinds\": [\"complaint\"], \"customer_tiers\": [\"gold\"]},"
          " \"guards\": [{\"guard\": \"value_below\", \"measure\": \"claimed_value\", \"amount\": \"50.00 EUR\"}]}]%s",
          (int)(empty - config), config, empty + strlen("\"automatic_actions\":[]"));
  out = OK(rma_workflow_configure, ADMIN, with_action);
  rma_free(out);
  free(with_action);

  tv = decided_case("complaint", 2, 1);
  sprintf(text, "{\"case_id\": %lld}", tv);
  out = OK(rma_case_get, OPERATOR, text);
  CHECK(strstr(out, "\"claimed_value\":\"549.00 EUR\"") != NULL); /* nothing has arrived */
  rma_free(out);
  receive_and_choose(tv, 0, "goodwill");
  out = transition(tv, "start");
  CHECK_STR(JSON_STR(out, "status", text), "in_progress"); /* 549.00 EUR is not below 50.00 EUR */
  rma_free(out);

  cables = decided_case("complaint", 3, 3);
  receive_and_choose(cables, 3, "goodwill");
  out = transition(cables, "start");
  CHECK_STR(JSON_STR(out, "status", text), "accepted"); /* 30.00 EUR claimed: accepted as system */
  rma_free(out);
  CHECK(posted(cables) == 1);

  /* Nothing received, nothing to refund: the decision is refused and queues nothing. */
  sprintf(text, "{\"case_id\": %lld, \"transition\": \"accept\"}", tv);
  CHECK_FAILS(rma_case_transition(engine, OPERATOR, text, &out), RMA_E_TRANSITION_DENIED, "transition");
  CHECK_STR(rma_last_error_reason(), "nothing_to_refund");
  sprintf(text, "{\"case_id\": %lld}", tv);
  out = OK(rma_case_transitions, OPERATOR, text);
  CHECK(strstr(out, "\"code\":\"nothing_to_refund\"") != NULL);
  rma_free(out);
  CHECK(posted(tv) == 0);
  receive_and_choose(tv, 1, "goodwill");
  out = transition(tv, "accept");
  CHECK_STR(JSON_STR(out, "status", text), "accepted");
  rma_free(out);
  CHECK(posted(tv) == 1);

  /* The configuration as it was, for the tests that follow. */
  out = OK(rma_workflow_configure, ADMIN, config);
  rma_free(out);
  rma_free(config);
}

/* ---- Units and quantities belong to their buyer; bounded import reports -------------------- */

/* u1 bought phone UX-1 (INV-U1, delivery note DDT-U1) and four mugs (INV-U2); u2 bought nothing. */
#define UNITS_SALES_JSONL                                                                      \
  "{\"id\": \"INV-U1\", \"date\": \"2026-11-18\", \"delivery_date\": \"2026-11-20\","          \
  " \"customer_id\": \"u1\", \"channel\": \"b2c\", \"lines\": [{\"sku\": \"PH-U\","             \
  " \"quantity\": 1, \"unit_price\": 39900, \"vat_rate_bp\": 2200, \"serials\": [\"UX-1\"],"    \
  " \"dispatch_document\": \"DDT-U1\", \"packers\": [\"marco\"]}]}\n"                           \
  "{\"id\": \"INV-U2\", \"date\": \"2026-11-18\", \"customer_id\": \"u1\", \"channel\": \"b2b\"," \
  " \"lines\": [{\"sku\": \"MUG\", \"quantity\": 4, \"unit_price\": 500, \"vat_rate_bp\": 2200}]}\n"

/* Three sales documents whose quantity is text: one wrong_type error each. */
#define THREE_BAD_ROWS_JSONL                                                                      \
  "{\"id\": \"B1\", \"date\": \"2026-11-20\", \"customer_id\": \"u1\", \"channel\": \"b2c\","     \
  " \"lines\": [{\"sku\": \"MUG\", \"quantity\": \"1\", \"unit_price\": 1, \"vat_rate_bp\": 0}]}\n" \
  "{\"id\": \"B2\", \"date\": \"2026-11-20\", \"customer_id\": \"u1\", \"channel\": \"b2c\","     \
  " \"lines\": [{\"sku\": \"MUG\", \"quantity\": \"1\", \"unit_price\": 1, \"vat_rate_bp\": 0}]}\n" \
  "{\"id\": \"B3\", \"date\": \"2026-11-20\", \"customer_id\": \"u1\", \"channel\": \"b2c\","     \
  " \"lines\": [{\"sku\": \"MUG\", \"quantity\": \"1\", \"unit_price\": 1, \"vat_rate_bp\": 0}]}\n"

static char *mugs_request(int quantity) {
  static char request[256];
  sprintf(request,
          "{\"kind\": \"return\", \"channel\": \"b2b\", \"customer_id\": \"u1\", \"lines\": [{"
          "\"sales_document\": {\"document\": \"INV-U2\", \"line\": 1}, \"quantity\": %d,"
          " \"reason_code\": \"wrong_order\"}]}",
          quantity);
  return request;
}

static void test_units_and_imports(void) {
  rma_engine *own = NULL;
  char *out = NULL;
  char *request;
  char text[64];
  const char *line;
  long long id;

  /* Its own engine: two listed import errors at most. */
  CHECK_OK(rma_engine_open(":memory:", "{\"limits\": {\"max_import_errors\": 2}}", &own));
  CHECK_OK(rma_customer_upsert(own, OPERATOR, "{\"id\": \"u1\", \"name\": \"Uno\"}", &out));
  rma_free(out);
  CHECK_OK(rma_customer_upsert(own, OPERATOR, "{\"id\": \"u2\", \"name\": \"Due\"}", &out));
  rma_free(out);
  CHECK_OK(rma_product_upsert(own, OPERATOR,
                              "{\"sku\": \"PH-U\", \"name\": \"Phone\", \"serialized\": true}", &out));
  rma_free(out);
  request = import_request("sales_documents", "jsonl", UNITS_SALES_JSONL, "");
  CHECK_OK(rma_import(own, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_IS(out, "committed", "true"));
  rma_free(out);
  free(request);

  /* u2 claims u1's phone: no sale facts, flagged, manual review; staff read the flag. */
  CHECK_OK(rma_case_create(own, "customer:u2",
                           "{\"kind\": \"return\", \"channel\": \"b2c\", \"lines\": [{\"sku\": \"PH-U\","
                           " \"serial\": \"UX-1\", \"quantity\": 1, \"reason_code\": \"defective\"}]}",
                           &out));
  id = JSON_INT(out, "id");
  rma_free(out);
  sprintf(text, "{\"case_id\": %lld}", id);
  CHECK_OK(rma_case_get(own, OPERATOR, text, &out));
  CHECK_STR(JSON_STR(out, "customer_id", text), "u2");
  line = JSON_FIRST(out, "lines");
  CHECK(JSON_COUNT(line, "flags") == 1);
  CHECK(strncmp(JSON_FIRST(line, "flags"), "\"unit_sold_to_other_customer\"", 29) == 0);
  CHECK_STR(JSON_STR(JSON_GET(line, "eligibility"), "outcome", text), "manual_review");
  CHECK(JSON_INT(line, "unit_price") == 0);
  CHECK_STR(JSON_STR(line, "currency", text), "");
  CHECK_STR(JSON_STR(line, "dispatch_document", text), "");
  CHECK(JSON_COUNT(line, "packers") == 0);
  CHECK(strstr(out, "INV-U1") == NULL);
  CHECK(strstr(out, "DDT-U1") == NULL);
  CHECK(strstr(out, "2026-11-18") == NULL);
  rma_free(out);

  /* Four mugs sold: 3 then 1 are accepted, one more is out of range and writes nothing. */
  CHECK_OK(rma_case_create(own, OPERATOR, mugs_request(3), &out));
  rma_free(out);
  CHECK_FAILS(rma_case_create(own, OPERATOR, mugs_request(2), &out), RMA_E_OUT_OF_RANGE,
              "lines[0].quantity");
  CHECK_OK(rma_case_create(own, OPERATOR, mugs_request(1), &out));
  rma_free(out);
  CHECK_FAILS(rma_case_create(own, OPERATOR, mugs_request(1), &out), RMA_E_OUT_OF_RANGE,
              "lines[0].quantity");

  /* Three bad rows, two listed: truncated, and all three counted by field and code. */
  request = import_request("sales_documents", "jsonl", THREE_BAD_ROWS_JSONL, "");
  CHECK_OK(rma_import(own, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_IS(out, "committed", "false"));
  CHECK(JSON_INT(out, "rows_rejected") == 3);
  CHECK(JSON_COUNT(out, "errors") == 2);
  CHECK(JSON_IS(out, "errors_truncated", "true"));
  CHECK_STR(JSON_STR(JSON_FIRST(out, "errors"), "code", text), "wrong_type");
  CHECK(JSON_COUNT(out, "error_counts") == 1);
  line = JSON_FIRST(out, "error_counts");
  CHECK_STR(JSON_STR(line, "field", text), "lines[].quantity");
  CHECK_STR(JSON_STR(line, "reason", text), "wrong_type");
  CHECK(JSON_INT(line, "count") == 3);
  rma_free(out);
  free(request);

  rma_engine_close(own);
}

/* ---- Hostile input: a million levels of nesting on a small stack, integers past 64 bits ------ */

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

static void test_hostile_input(void) {
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

/* ---- Grid queries: filters, keyset pages, counted totals, claimants' confinement ------------- */

/* An engine of its own whose totals are counted up to 2: four cases, pages of one. */
static void test_grid_queries(void) {
  static test_clock clock = {INJECTED_NOW, 0};
  rma_engine *grid = NULL;
  char *out = NULL;
  char cursor[512];
  char request[700];
  long long first_id;
  int i;

  CHECK_OK(rma_engine_open(":memory:", "{\"limits\": {\"max_counted_total\": 2}}", &grid));
  CHECK_OK(rma_engine_set_clock(grid, read_test_clock, &clock));
  CHECK_OK(rma_customer_upsert(grid, "system:setup", "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
  rma_free(out);
  CHECK_OK(rma_customer_upsert(grid, "system:setup", "{\"id\": \"c2\", \"name\": \"Kowalski\"}", &out));
  rma_free(out);
  for (i = 0; i < 4; ++i) {
    sprintf(request,
            "{\"customer_id\": \"%s\", \"lines\": [{\"sku\": \"TV-55\", \"lot\": \"L%d\"}],"
            " \"custom_fields\": {\"store\": \"%s\"}}",
            i < 3 ? "c1" : "c2", i % 2, i < 2 ? "milano" : "roma");
    CHECK_OK(rma_case_create(grid, OPERATOR, request, &out));
    rma_free(out);
  }

  /* One counted column alone: its counter, exact past the cap. */
  CHECK_OK(rma_case_query(grid, OPERATOR, "{\"status\": \"requested\", \"limit\": 1}", &out));
  CHECK(JSON_INT(out, "total") == 4);
  CHECK(strncmp(JSON_GET(out, "total_exact"), "true", 4) == 0);
  rma_free(out);
  /* Counted: exact at the cap (2 matches), flagged past it (3 matches, total 2). */
  CHECK_OK(rma_case_query(grid, OPERATOR, "{\"sku\": \"TV-55\", \"customer_id\": \"c1\", \"lot\": \"L0\"}", &out));
  CHECK(JSON_INT(out, "total") == 2);
  CHECK(strncmp(JSON_GET(out, "total_exact"), "true", 4) == 0);
  rma_free(out);
  CHECK_OK(rma_case_query(grid, OPERATOR, "{\"sku\": \"TV-55\", \"customer_id\": \"c1\"}", &out));
  CHECK(JSON_INT(out, "total") == 2);
  CHECK(strncmp(JSON_GET(out, "total_exact"), "false", 5) == 0);
  rma_free(out);
  CHECK_OK(rma_case_query(grid, OPERATOR, "{\"custom_fields\": {\"store\": \"roma\"}}", &out));
  CHECK(JSON_INT(out, "total") == 2);
  rma_free(out);

  /* Keyset pages: each next_cursor leads one case further, the last page has none. */
  CHECK_OK(rma_case_query(grid, OPERATOR, "{\"sort\": \"id\", \"descending\": true, \"limit\": 3}", &out));
  first_id = JSON_INT(JSON_FIRST(out, "items"), "id");
  CHECK(first_id == 4);
  JSON_STR(out, "next_cursor", cursor);
  rma_free(out);
  sprintf(request, "{\"sort\": \"id\", \"descending\": true, \"limit\": 3, \"cursor\": \"%s\"}", cursor);
  CHECK_OK(rma_case_query(grid, OPERATOR, request, &out));
  CHECK(JSON_INT(JSON_FIRST(out, "items"), "id") == 1);
  CHECK(strncmp(JSON_GET(out, "next_cursor"), "null", 4) == 0);
  rma_free(out);
  out = NULL;
  /* The same cursor with another order, a forged one, or with an offset too. */
  sprintf(request, "{\"sort\": \"id\", \"limit\": 3, \"cursor\": \"%s\"}", cursor);
  CHECK_FAILS(rma_case_query(grid, OPERATOR, request, &out), RMA_E_INVALID_ARGUMENT, "cursor");
  CHECK_FAILS(rma_case_query(grid, OPERATOR, "{\"cursor\": \"MToxMjM0NTY3ODkwYWJjZGVmOjE6\"}", &out),
              RMA_E_INVALID_ARGUMENT, "cursor");
  sprintf(request, "{\"sort\": \"id\", \"descending\": true, \"offset\": 1, \"cursor\": \"%s\"}", cursor);
  CHECK_FAILS(rma_case_query(grid, OPERATOR, request, &out), RMA_E_INVALID_ARGUMENT, "offset");
  CHECK_FAILS(rma_case_query(grid, OPERATOR, "{\"sort\": \"colour\"}", &out), RMA_E_UNKNOWN_VALUE, "sort");
  CHECK_FAILS(rma_case_query(grid, OPERATOR, "{\"priority\": 1}", &out), RMA_E_WRONG_TYPE, "priority");
  CHECK_FAILS(rma_case_query(grid, OPERATOR, "{\"updated_to\": \"soon\"}", &out), RMA_E_INVALID_ARGUMENT,
              "updated_to");
  CHECK(out == NULL);

  /* A customer sees its own cases only, and may not ask for another's or filter on the team. */
  CHECK_OK(rma_case_query(grid, "customer:c2", NULL, &out));
  CHECK(JSON_INT(out, "total") == 1);
  CHECK(JSON_INT(JSON_FIRST(out, "items"), "id") == 4);
  rma_free(out);
  out = NULL;
  CHECK_FAILS(rma_case_query(grid, "customer:c2", "{\"customer_id\": \"c1\"}", &out),
              RMA_E_PERMISSION_DENIED, "customer_id");
  CHECK_FAILS(rma_case_query(grid, "customer:c2", "{\"team\": \"returns\"}", &out),
              RMA_E_PERMISSION_DENIED, "team");
  CHECK(out == NULL);
  rma_engine_close(grid);
}

/* Options "index_mode": lazy (the default), eager or store_only; any other name is refused. */
static void test_index_mode(void) {
  rma_engine *other = NULL;
  char *out = NULL;
  const char *modes[] = {"{\"index_mode\": \"lazy\"}", "{\"index_mode\": \"eager\"}",
                         "{\"index_mode\": \"store_only\"}"};
  int i;

  for (i = 0; i < 3; ++i) {
    CHECK_OK(rma_engine_open(":memory:", modes[i], &other));
    CHECK_OK(rma_customer_upsert(other, "system:setup", "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
    rma_free(out);
    CHECK_OK(rma_case_create(other, OPERATOR, "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"X\"}]}", &out));
    rma_free(out);
    CHECK_OK(rma_sla_due(other, OPERATOR, "{\"seconds\": 86400}", &out));
    rma_free(out);
    CHECK_OK(rma_case_query(other, OPERATOR, NULL, &out));
    CHECK(JSON_INT(out, "total") == 1);
    rma_free(out);
    rma_engine_close(other);
    other = NULL;
  }
  CHECK_FAILS(rma_engine_open(":memory:", "{\"index_mode\": \"warm\"}", &other), RMA_E_UNKNOWN_VALUE,
              "index_mode");
  CHECK_FAILS(rma_engine_open(":memory:", "{\"index_mode\": true}", &other), RMA_E_WRONG_TYPE, "index_mode");
  CHECK(other == NULL);
}

/* ---- The op table: one name per op, batchable writes ------------------------------------------ */

/* rma_import_run is the import under its op's name (rma_import stays, the same call); sla.due
 * takes seconds like every duration (hours still read); supplier and operator upserts run in a
 * batch like customer and product upserts. */
static void test_op_table_names(void) {
  char *out = NULL;
  char *request = import_request("sales_documents", "jsonl", SALES_JSONL, "");

  CHECK_OK(rma_import_run(engine, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_INT(out, "rows_read") == 2);
  CHECK(JSON_INT(out, "records_unchanged") == 2);
  rma_free(out);
  out = NULL;
  CHECK_OK(rma_import(engine, OPERATOR, request, NULL, NULL, &out));
  CHECK(JSON_INT(out, "records_unchanged") == 2);
  rma_free(out);
  out = NULL;
  free(request);
  CHECK_FAILS(rma_import_run(engine, OPERATOR, "{}", NULL, NULL, &out), RMA_E_MISSING_FIELD, "kind");
  CHECK(out == NULL);

  out = OK(rma_sla_due, OPERATOR, "{\"seconds\": 86400, \"limit\": 5}");
  CHECK(JSON_GET(out, "items") != NULL);
  rma_free(out);
  out = NULL;
  CHECK_FAILS(rma_sla_due(engine, OPERATOR, "{\"seconds\": -1}", &out), RMA_E_OUT_OF_RANGE, "seconds");
  CHECK_FAILS(rma_sla_due(engine, OPERATOR, "{\"seconds\": 3600, \"hours\": 1}", &out), RMA_E_INVALID_ARGUMENT,
              "hours");

  out = OK(rma_engine_batch, ADMIN,
           "{\"commands\": [{\"op\": \"supplier.upsert\", \"request\": {\"id\": \"S-BATCH\", \"name\": "
           "\"Batched parts\"}}, {\"op\": \"operator.upsert\", \"request\": {\"id\": \"batched\", "
           "\"name\": \"Batched\"}}]}");
  CHECK(count_of(JSON_GET(out, "results"), "\"op\":\"supplier.upsert\"") == 1);
  CHECK(count_of(JSON_GET(out, "results"), "\"op\":\"operator.upsert\"") == 1);
  rma_free(out);
  out = OK(rma_supplier_get, OPERATOR, "{\"id\": \"S-BATCH\"}");
  CHECK(strstr(out, "Batched parts") != NULL);
  rma_free(out);
}

/* ---- store.copy: the refusals every backend gives (the copy itself runs in the unit and pytest
 * suites against the server: it needs an SQLite source and a PostgreSQL target at once) ------- */

static int32_t count_progress(void *user_data, const char *table, int64_t rows_done, int64_t rows_total) {
  (void)table;
  (void)rows_done;
  (void)rows_total;
  ++*(int *)user_data;
  return 0;
}

static void test_store_copy(void) {
  char *out = NULL;
  int calls = 0;
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{\"to\": \"/tmp/not-a-server.db\"}", count_progress, &calls, &out),
              RMA_E_INVALID_ARGUMENT, "to");
  CHECK(out == NULL);
  CHECK(calls == 0);
  CHECK_FAILS(rma_store_copy(engine, OPERATOR, "{\"to\": \"host=/nowhere dbname=rma\"}", NULL, NULL, &out),
              RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{\"to\": 7}", NULL, NULL, &out), RMA_E_WRONG_TYPE, "to");
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{\"to\": \"host=/x\", \"progress_every\": 0}", NULL, NULL, &out),
              RMA_E_OUT_OF_RANGE, "progress_every");
  CHECK_FAILS(rma_store_copy(engine, ADMIN, "{}", NULL, NULL, NULL), RMA_E_INVALID_ARGUMENT, "out_report_json");
}

/* ---- The tamper-evident history (docs/audit.md) ------------------------------------------------ */

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
static void test_audit(void) {
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

/* ---- SLA state "due within": case.query's sla_due_within, from the stored due times ---------- */

/* Opened Wednesday 09:30, a case's first response (8 office hours) is due Thursday 09:30: exactly
 * 86400 s ahead. A running clock due at now + N is in, at now + N + 1 s out; once due, out. */
static void test_sla_due_within(void) {
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

/* ---- Personal data (docs/privacy.md) ------------------------------------------------------- */

#define DAY_MICROS (86400LL * 1000000)

/* A private engine: its clock walks a year on, and its cases must close before erasure. */
static void test_privacy(void) {
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

/* ---- Reports: report.run, and report.export with a progress callback that may cancel ------------ */

typedef struct {
  int calls;
  int64_t last_done;
  int64_t last_total;
  int cancel;
} report_progress;

static int32_t record_report_progress(void *user_data, int64_t rows_done, int64_t rows_total) {
  report_progress *p = (report_progress *)user_data;
  ++p->calls;
  p->last_done = rows_done;
  p->last_total = rows_total;
  return p->cancel;
}

/* Quality alerts: a scan of an empty store tests nothing; bad input, unknown alerts and customers
 * are refused naming the field. */
static void test_quality(void) {
  rma_engine *e = NULL;
  char *out = NULL;
  CHECK_OK(rma_engine_open(":memory:", NULL, &e));
  CHECK_OK(rma_quality_scan(e, OPERATOR, "{\"window_days\": 30, \"fdr\": 0.05, \"subjects\": [\"sku\"]}", &out));
  CHECK(JSON_INT(out, "tested") == 0);
  CHECK(strstr(out, "\"alerts\":[]") != NULL);
  rma_free(out);
  out = NULL;
  CHECK_FAILS(rma_quality_scan(e, OPERATOR, "{\"window_days\": 0}", &out), RMA_E_OUT_OF_RANGE, "window_days");
  CHECK_FAILS(rma_quality_scan(e, OPERATOR, "{\"fdr\": \"low\"}", &out), RMA_E_WRONG_TYPE, "fdr");
  CHECK_FAILS(rma_quality_scan(e, "customer:c1", "{}", &out), RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_quality_acknowledge(e, OPERATOR, "{\"id\": \"return_rate/sku/X/history\"}", &out),
              RMA_E_NOT_FOUND, "id");
  CHECK(out == NULL);
  rma_engine_close(e);
}

static void test_reports(void) {
  rma_engine *e = NULL;
  char *out = NULL;
  char path[256];
  report_progress progress = {0, 0, 0, 0};
  FILE *file;
  char head[64] = {0};
  const char *draft = "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"TV-55\", \"quantity\": 2,"
                      " \"reason_code\": \"=1+1\"}]}";

  CHECK_OK(rma_engine_open(":memory:", "{\"time_zone\": \"Europe/Rome\"}", &e));
  CHECK_OK(rma_customer_upsert(e, "system:setup", "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
  rma_free(out);
  CHECK_OK(rma_customer_upsert(e, "system:setup", "{\"id\": \"c2\", \"name\": \"Bianchi\"}", &out));
  rma_free(out);
  CHECK_OK(rma_case_create(e, OPERATOR, draft, &out));
  rma_free(out);
  CHECK_OK(rma_case_create(e, OPERATOR, "{\"customer_id\": \"c2\", \"lines\": [{\"sku\": \"TV-55\"}]}", &out));
  rma_free(out);

  CHECK_OK(rma_report_run(e, OPERATOR,
                          "{\"dimensions\": [\"customer\"], \"measures\": [\"cases\", \"units_requested\"]}", &out));
  CHECK(JSON_INT(out, "groups") == 2);
  CHECK(strstr(out, "[\"c1\",1,2]") != NULL);
  CHECK(strstr(out, "\"totals\":[null,2,3]") != NULL);
  rma_free(out);
  /* A customer's own report; every other is refused. */
  CHECK_OK(rma_report_run(e, "customer:c2", "{\"dimensions\": [\"status\"], \"measures\": [\"cases\"]}", &out));
  CHECK(strstr(out, "[\"requested\",1]") != NULL);
  rma_free(out);
  out = NULL;
  CHECK_FAILS(rma_report_run(e, "customer:c2", "{\"dimensions\": [\"customer\"], \"measures\": [\"cases\"]}", &out),
              RMA_E_PERMISSION_DENIED, "dimensions[0]");
  CHECK(out == NULL);
  /* Bad input names the field. */
  CHECK_FAILS(rma_report_run(e, OPERATOR, "{\"dimensions\": [\"colour\"], \"measures\": [\"cases\"]}", &out),
              RMA_E_UNKNOWN_VALUE, "dimensions[0]");
  CHECK_FAILS(rma_report_run(e, OPERATOR, "{\"measures\": [\"cases.median\"]}", &out), RMA_E_UNKNOWN_VALUE,
              "measures[0]");
  CHECK_FAILS(rma_report_run(e, OPERATOR,
                             "{\"dimensions\": [\"sku\", \"lot\", \"team\", \"status\"], \"measures\": [\"cases\"]}",
                             &out),
              RMA_E_OUT_OF_RANGE, "dimensions");
  CHECK_FAILS(rma_report_run(e, OPERATOR, "{\"dimensions\": []}", &out), RMA_E_MISSING_FIELD, "measures");

  /* Exports: CSV with the formula guard, then a cancelled XLSX that leaves no file. */
  strcpy(path, "rma_capi_report.csv");
  {
    char request[512];
    sprintf(request,
            "{\"report\": {\"dimensions\": [\"reason_code\"], \"measures\": [\"units_requested\"]},"
            " \"format\": \"csv\", \"path\": \"%s\", \"progress_every\": 1}",
            path);
    CHECK_OK(rma_report_export(e, OPERATOR, request, record_report_progress, &progress, &out));
    CHECK(JSON_INT(out, "rows") == 2);
    rma_free(out);
    CHECK(progress.calls == 2);
    CHECK(progress.last_done == 2 && progress.last_total == 2);
    file = fopen(path, "rb");
    CHECK(file != NULL);
    if (file) {
      CHECK(fread(head, 1, sizeof head - 1, file) > 0);
      fclose(file);
    }
    CHECK(strstr(head, "'=1+1,2") != NULL);
    remove(path);
    strcpy(path, "rma_capi_report.xlsx");
    sprintf(request,
            "{\"report\": {\"dimensions\": [\"customer\"], \"measures\": [\"cases\"]}, \"format\": \"xlsx\","
            " \"path\": \"%s\", \"progress_every\": 1}",
            path);
    progress.calls = 0;
    progress.cancel = 1;
    out = NULL;
    CHECK_FAILS(rma_report_export(e, OPERATOR, request, record_report_progress, &progress, &out),
                RMA_E_INVALID_ARGUMENT, "progress");
    CHECK(out == NULL);
    CHECK(progress.calls == 1);
    CHECK(fopen(path, "rb") == NULL);
    CHECK_OK(rma_report_export(e, OPERATOR, request, NULL, NULL, &out));
    CHECK(JSON_INT(out, "bytes") > 0);
    rma_free(out);
    remove(path);
  }
  CHECK_FAILS(rma_report_export(e, OPERATOR, "{\"report\": {\"measures\": [\"cases\"]}, \"format\": \"pdf\","
                                             " \"path\": \"/tmp/x\"}",
                                NULL, NULL, &out),
              RMA_E_UNKNOWN_VALUE, "format");
  CHECK_FAILS(rma_report_export(e, OPERATOR, "{\"report\": {\"measures\": [\"casez\"]}, \"format\": \"csv\","
                                             " \"path\": \"/tmp/x\"}",
                                NULL, NULL, &out),
              RMA_E_UNKNOWN_VALUE, "report.measures[0]");
  CHECK_FAILS(rma_report_export(e, "supplier:s1", "{\"report\": {\"measures\": [\"cases\"]}, \"format\": \"csv\","
                                                 " \"path\": \"/tmp/x\"}",
                                NULL, NULL, &out),
              RMA_E_PERMISSION_DENIED, "actor");
  CHECK_FAILS(rma_report_export(e, OPERATOR, "{}", NULL, NULL, &out), RMA_E_MISSING_FIELD, "report");
  CHECK_FAILS(rma_report_export(e, OPERATOR, "{}", NULL, NULL, NULL), RMA_E_INVALID_ARGUMENT, "out_result_json");
  rma_engine_close(e);
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
  test_subscription_as_actor();
  test_every_command_rejects_bad_arguments();
  test_bad_input_changes_nothing();
  test_last_error_outlives_success();
  test_import();
  test_import_rejects_bad_requests();
  test_sales_lookups();
  test_warranty_config();
  test_warranty_check();
  test_case_from_serial();
  test_validators_and_eligibility();
  test_check_case_line();
  test_workflows();
  test_valuation();
  test_decided_value();
  test_sla();
  test_calendar_arithmetic();
  test_hostile_input();
  test_threads();
  test_system_clock_restored();
  test_reopen_and_second_engine(path);
  test_units_and_imports();
  test_op_table_names();
  test_store_copy();
  test_audit();
  test_grid_queries();
  test_index_mode();
  test_sla_due_within();
  test_privacy();
  test_reports();
  test_quality();

  rma_engine_close(engine);
  printf("%d passed, 0 failed\n", passed);
  return 0;
}
