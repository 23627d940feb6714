/* warranty.c — the ERP feed and a warranty verdict from C: import a small sales file with a
 * progress callback, add a host eligibility rule, open a return from a serial number alone and
 * check its line.
 *
 * Build against an installed librma with `cc warranty.c $(pkg-config --cflags --libs rma)`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rma/rma.h"

/* The ERP's sales file, JSON Lines, as the "content" of an import.run request (docs/import.md):
 * one document per line, here one television sold online to customer C-100. */
static const char import_json[] =
    "{\"kind\": \"sales_documents\", \"format\": \"jsonl\", \"progress_every\": 1, \"content\": "
    "\"{\\\"id\\\": \\\"INV-2026-0412\\\", \\\"date\\\": \\\"2026-03-02\\\","
    " \\\"delivery_date\\\": \\\"2026-03-04\\\", \\\"customer_id\\\": \\\"C-100\\\","
    " \\\"channel\\\": \\\"b2c\\\", \\\"lines\\\": [{\\\"sku\\\": \\\"TV-55\\\", \\\"quantity\\\": "
    "1,"
    " \\\"unit_price\\\": 49900, \\\"vat_rate_bp\\\": 2200, \\\"serials\\\": [\\\"SN-7731\\\"],"
    " \\\"dispatch_document\\\": \\\"DDT-88\\\", \\\"packers\\\": [\\\"marco\\\"]}]}\\n\"}";

/* The serial is enough: librma fills in customer, product, price and sales document. */
static const char case_json[] =
    "{\"kind\": \"return\", \"channel\": \"b2c\","
    " \"lines\": [{\"serial\": \"SN-7731\", \"quantity\": 1, \"reason_code\": \"defective\"}]}";

/* Reports rows read; returning non-zero would cancel the import (nothing is written then). */
static int32_t show_progress(void *user_data, int64_t rows_done, int64_t rows_total) {
  (void)user_data;
  printf("imported %lld of %lld rows\n", (long long)rows_done, (long long)rows_total);
  return 0;
}

/* A host rule: televisions need the customer's photo of the serial plate. It sees the case, the
 * line number, the sold unit and today's date as JSON, and must not call the engine. */
static int32_t photo_rule(void *user_data, const char *input_json, size_t len, char *reason_code,
                          size_t reason_code_cap, char *message, size_t message_cap) {
  (void)user_data;
  (void)len;
  if (strstr(input_json, "\"attachments\":[]") == NULL) return RMA_OUTCOME_PASS;
  snprintf(reason_code, reason_code_cap, "serial_photo_missing");
  snprintf(message, message_cap, "ask the customer for a photo of the serial plate");
  return RMA_OUTCOME_MANUAL_REVIEW;
}

/* Prints the object that is the value of "key" in json (enough JSON reading for an example). */
static void print_object(const char *json, const char *key) {
  char pattern[64];
  const char *p;
  int depth = 0;
  snprintf(pattern, sizeof pattern, "\"%s\":{", key);
  p = strstr(json, pattern);
  if (p == NULL) return;
  printf("%s: ", key);
  for (p += strlen(pattern) - 1; *p != '\0'; ++p) {
    putchar(*p);
    if (*p == '{') ++depth;
    if (*p == '}' && --depth == 0) break;
  }
  putchar('\n');
}

static int failed(rma_status status, const char *what) {
  if (status == RMA_OK) return 0;
  fprintf(stderr, "%s failed: %s (%s), field \"%s\"\n", what, rma_status_name(status),
          rma_last_error(), rma_last_error_field());
  return 1;
}

int main(void) {
  rma_engine *engine = NULL;
  char *out = NULL;
  char request[64];
  const char *id;
  int bad = 0;

  if (failed(rma_engine_open(":memory:", NULL, &engine), "open")) return 1;
  bad |= failed(rma_customer_upsert(engine, "system:setup",
                                    "{\"id\": \"C-100\", \"name\": \"Maria Rossi\"}", &out),
                "customer");
  rma_free(out);
  bad |= failed(rma_product_upsert(engine, "system:setup",
                                   "{\"sku\": \"TV-55\", \"name\": \"Television 55\","
                                   " \"serialized\": true}",
                                   &out),
                "product");
  rma_free(out);

  bad |= failed(rma_import(engine, "system:erp", import_json, show_progress, NULL, &out), "import");
  if (!bad) printf("report: %s\n", out);
  rma_free(out);

  bad |= failed(rma_engine_add_validator(engine, "serial_photo", photo_rule, NULL), "validator");

  if (!bad && !failed(rma_case_create(engine, "operator:anna", case_json, &out), "case")) {
    id = strstr(out, "\"id\":");
    sprintf(request, "{\"case_id\": %ld, \"line_no\": 1}", id ? strtol(id + 5, NULL, 10) : 0L);
    rma_free(out);
    /* Stores the warranty verdict and the eligibility with the line, and in the history. */
    bad |= failed(rma_case_check_line(engine, "operator:anna", request, &out), "check");
    if (!bad) {
      print_object(out, "warranty");    /* covered? until when? by which policy? */
      print_object(out, "eligibility"); /* each validator's outcome and reason */
    }
  } else {
    bad = 1;
  }
  rma_free(out);

  rma_engine_close(engine);
  if (!bad) printf("warranty example done\n");
  return bad;
}
