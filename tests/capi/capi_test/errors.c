/* errors.c — bad input: every failure has its code and field, and writes nothing; the last
 * error outlives a success. */

#include "areas.h"
#include "fixtures.h"

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

void test_every_command_rejects_bad_arguments(void) {
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

void test_bad_input_changes_nothing(void) {
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

void test_last_error_outlives_success(void) {
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
