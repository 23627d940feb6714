/* queries.c — grid queries: filters, keyset pages, counted totals, claimants' confinement; the
 * index mode option. */

#include "areas.h"
#include "fixtures.h"

/* An engine of its own whose totals are counted up to 2: four cases, pages of one. */
void test_grid_queries(void) {
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
void test_index_mode(void) {
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
