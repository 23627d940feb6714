/* languages.c — message catalogs and formatting for a reader (docs/languages.md). */

#include "areas.h"
#include "fixtures.h"

void test_languages(void) {
  rma_engine *p = NULL;
  char *out = NULL;
  char request[160];
  long long id;

  /* Money needs no engine: the currency's digits, CLDR's no-break spaces. */
  CHECK_OK(rma_format_money("it", 1208, "EUR", &out));
  CHECK_STR(out, "12,08\xC2\xA0\xE2\x82\xAC");
  rma_free(out);
  CHECK_OK(rma_format_money("pl", 123456, "PLN", &out));
  CHECK_STR(out, "1\xC2\xA0" "234,56\xC2\xA0z\xC5\x82");
  rma_free(out);
  CHECK_OK(rma_format_money("ro", 123456, "RON", &out));
  CHECK_STR(out, "1.234,56\xC2\xA0RON");
  rma_free(out);
  CHECK_FAILS(rma_format_money("de_AT", 1, "EUR", &out), RMA_E_UNKNOWN_VALUE, "lang");
  CHECK(out == NULL);
  CHECK_FAILS(rma_format_money("de", 1, "XYZ", &out), RMA_E_UNKNOWN_VALUE, "currency");
  CHECK_FAILS(rma_format_money(NULL, 1, "EUR", &out), RMA_E_INVALID_ARGUMENT, "lang");
  CHECK_FAILS(rma_format_money("de", 1, "EUR", NULL), RMA_E_INVALID_ARGUMENT, "out_text");

  CHECK_OK(rma_engine_open(":memory:", NULL, &p));
  CHECK_OK(rma_operator_upsert(p, "system:setup", "{\"id\": \"root\", \"name\": \"Root\", \"role\": \"admin\"}", &out));
  rma_free(out);
  CHECK_OK(rma_customer_upsert(p, OPERATOR, "{\"id\": \"c1\", \"name\": \"Jan\", \"language\": \"pl\"}", &out));
  rma_free(out);
  CHECK_OK(rma_case_create(p, OPERATOR, "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"TV-55\"}]}", &out));
  id = JSON_INT(out, "id");
  rma_free(out);

  /* The customer reads its buttons in its stored language; anyone may ask for another. */
  sprintf(request, "{\"case_id\": %lld}", id);
  CHECK_OK(rma_case_transitions(p, "customer:c1", request, &out));
  CHECK(strstr(out, "\"label\":\"Anuluj\"") != NULL);
  CHECK(strstr(out, "\"lang\":\"pl\"") != NULL);
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld, \"lang\": \"pl\"}", id);
  CHECK_OK(rma_case_get(p, "customer:c1", request, &out));
  CHECK(strstr(out, "\"status_label\":\"Zg\xC5\x82oszony\"") != NULL);
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld, \"lang\": \"it\"}", id);
  CHECK_OK(rma_case_transitions(p, "customer:c1", request, &out));
  CHECK(strstr(out, "\"label\":\"Annulla\"") != NULL);
  rma_free(out);
  sprintf(request, "{\"case_id\": %lld, \"lang\": \"Polish\"}", id);
  CHECK_FAILS(rma_case_get(p, OPERATOR, request, &out), RMA_E_UNKNOWN_VALUE, "lang");

  /* A host override; a bad document names its path and stores nothing. */
  CHECK_OK(rma_language_configure(p, ADMIN, "{\"languages\": {\"de-at\": {\"kind.return\": \"Retoure\"}}}", &out));
  CHECK(strstr(out, "\"de-AT\"") != NULL);
  rma_free(out);
  CHECK_FAILS(rma_language_configure(p, ADMIN, "{\"languages\": {\"de\": {\"kind.return\": \"{\"}}}", &out),
              RMA_E_INVALID_ARGUMENT, "languages.de.kind.return");
  CHECK_OK(rma_language_config(p, OPERATOR, "{}", &out));
  CHECK(strstr(out, "Retoure") != NULL);
  rma_free(out);
  CHECK_OK(rma_language_format(p, OPERATOR,
                               "{\"lang\": \"de-AT\", \"values\": [{\"message\": \"kind.return\"},"
                               " {\"message\": \"kind.repair\"}, {\"plural\": 1}]}",
                               &out));
  CHECK(strstr(out, "\"texts\":[\"Retoure\",\"Reparatur\",\"one\"]") != NULL);
  rma_free(out);
  CHECK_OK(rma_language_check(p, OPERATOR, "{}", &out));
  CHECK(strstr(out, "\"complete\":true") != NULL);
  rma_free(out);
  rma_engine_close(p);
}
