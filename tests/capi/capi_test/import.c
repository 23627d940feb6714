/* import.c — the ERP feed: imports, sales documents, sold units. */

#include "areas.h"
#include "fixtures.h"

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

void test_import(void) {
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

void test_import_rejects_bad_requests(void) {
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

void test_sales_lookups(void) {
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
