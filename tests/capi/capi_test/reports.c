/* reports.c — reports: report.run, report.export with a progress callback that may cancel, and
 * the quality report. */

#include "areas.h"
#include "fixtures.h"

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
void test_quality(void) {
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

void test_reports(void) {
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
