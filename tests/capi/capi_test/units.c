/* units.c — units and quantities belong to their buyer; bounded import reports. */

#include "areas.h"
#include "fixtures.h"

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

void test_units_and_imports(void) {
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
