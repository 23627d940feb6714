/* warranty.c — warranty rules and verdicts. */

#include "areas.h"
#include "fixtures.h"

/* Televisions get 36 months from the manufacturer; everything else the default 24. */
#define WARRANTY_CONFIG                                                 \
  "{\"policies\": [{\"name\": \"tv\", \"match\": {\"sku\": \"TV-55\"}," \
  " \"manufacturer_months\": 36}, {\"name\": \"default\", \"manufacturer_months\": 24}]}"

void test_warranty_config(void) {
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

void test_warranty_check(void) {
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
