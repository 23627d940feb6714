/* eligibility.c — eligibility, host validators and checked lines. */

#include "areas.h"
#include "fixtures.h"

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

void test_case_from_serial(void) {
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

void test_validators_and_eligibility(void) {
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

void test_check_case_line(void) {
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
