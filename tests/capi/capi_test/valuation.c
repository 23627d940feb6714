/* valuation.c — valuation, and the decided value: the decision lock, the claimed value at intake,
 * nothing to refund. */

#include "areas.h"
#include "fixtures.h"

void test_valuation(void) {
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

void test_decided_value(void) {
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
