/* ops.c — calls by op name: rma_call, batches, and the op table's names. */

#include "areas.h"
#include "fixtures.h"

void test_generic_call(void) {
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

void test_batch(void) {
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

/* rma_import_run is the import under its op's name (rma_import stays, the same call); sla.due
 * takes seconds like every duration (hours still read); supplier and operator upserts run in a
 * batch like customer and product upserts. */
void test_op_table_names(void) {
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
