/* host.c — a C host: links librma.so (rma::c, or `pkg-config --cflags --libs rma`), opens a case
 * through the C ABI and reads the error of a failing call.
 *   host_c DATABASE_FILE */
#include <stdio.h>
#include <string.h>

#include <rma/rma.h>

/* The value of "number" in a case's JSON: enough for this program, which reads nothing else. */
static void print_number(const char *case_json) {
  const char *key = "\"number\":\"";
  const char *start = strstr(case_json, key);
  const char *end;
  if (start == NULL) return;
  start += strlen(key);
  end = strchr(start, '"');
  if (end != NULL) printf("%.*s", (int)(end - start), start);
}

static int check(rma_status status, const char *what) {
  if (status != RMA_OK) {
    fprintf(stderr, "host_c: %s: %s: %s\n", what, rma_status_name(status), rma_last_error());
  }
  return status == RMA_OK;
}

int main(int argc, char **argv) {
  rma_engine *engine = NULL;
  char *json = NULL;
  rma_status status;
  int ok;

  if (argc != 2) {
    fprintf(stderr, "usage: host_c DATABASE_FILE\n");
    return 2;
  }
  if (rma_abi_version() != RMA_ABI_VERSION) {
    fprintf(stderr, "host_c: compiled for ABI %d, librma has %u\n", RMA_ABI_VERSION,
            (unsigned)rma_abi_version());
    return 1;
  }
  if (!check(rma_engine_open(argv[1], NULL, &engine), "rma_engine_open")) return 1;

  ok = check(rma_customer_upsert(engine, "operator:host", "{\"id\": \"H-2\", \"name\": \"C Host\"}",
                                 &json),
             "rma_customer_upsert");
  rma_free(json);
  json = NULL;
  ok = ok && check(rma_case_create(engine, "operator:host",
                                   "{\"customer_id\": \"H-2\", \"lines\": [{\"sku\": \"HOST-SKU\", "
                                   "\"quantity\": 1}]}",
                                   &json),
                   "rma_case_create");
  if (ok) {
    printf("host_c: librma %s, opened ", rma_version());
    print_number(json);
    printf("\n");
  }
  rma_free(json);
  json = NULL;

  /* A failing call returns its code and names the field it blames. */
  status = rma_case_get(engine, "operator:host", "{\"case_id\": 999999}", &json);
  if (ok && (status != RMA_E_NOT_FOUND || json != NULL || rma_last_error()[0] == '\0')) {
    fprintf(stderr, "host_c: expected not_found for an unknown case, got %s\n",
            rma_status_name(status));
    ok = 0;
  }
  rma_engine_close(engine);
  return ok ? 0 : 1;
}
