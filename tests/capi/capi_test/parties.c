/* parties.c — parties and catalogue: customers, suppliers, operators and products. */

#include "areas.h"
#include "fixtures.h"

void test_parties(void) {
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
