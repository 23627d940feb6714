/* labels.c — rma_label_render: the file as bytes and a length, released with rma_free; the
 * answer's facts as JSON; bad input names the field and returns nothing. */

#include "areas.h"
#include "fixtures.h"

void test_labels(void) {
  rma_engine *e = NULL;
  char *out = NULL;
  char *bytes = NULL;
  char *info = NULL;
  size_t len = 0;
  char request[128];
  int64_t case_id;

  CHECK_OK(rma_engine_open(":memory:",
                           "{\"labels\": {\"return_name\": \"Magazzino Resi\", \"return_address\": {\"city\": \"Milano\"}}}",
                           &e));
  CHECK_OK(rma_customer_upsert(e, "system:setup", "{\"id\": \"c1\", \"name\": \"Rossi\"}", &out));
  rma_free(out);
  CHECK_OK(rma_case_create(e, OPERATOR, "{\"customer_id\": \"c1\", \"lines\": [{\"sku\": \"TV-55\"}]}", &out));
  case_id = JSON_INT(out, "id");
  rma_free(out);
  out = NULL;

  snprintf(request, sizeof request, "{\"case_id\": %lld, \"format\": \"png\"}", (long long)case_id);
  CHECK_OK(rma_label_render(e, "customer:c1", request, &bytes, &len, &info));
  CHECK(len > 8 && memcmp(bytes, "\x89PNG", 4) == 0);
  CHECK(bytes[len] == '\0');
  CHECK(JSON_INT(info, "bytes") == (int64_t)len);
  CHECK(strstr(info, "\"media_type\":\"image/png\"") != NULL);
  CHECK(strstr(info, "content_base64") == NULL);
  rma_free(bytes);
  rma_free(info);
  bytes = NULL;
  info = NULL;

  /* The info is optional. */
  snprintf(request, sizeof request, "{\"case_id\": %lld, \"format\": \"zpl\"}", (long long)case_id);
  CHECK_OK(rma_label_render(e, OPERATOR, request, &bytes, &len, NULL));
  CHECK(strncmp(bytes, "^XA", 3) == 0);
  rma_free(bytes);
  bytes = NULL;

  snprintf(request, sizeof request, "{\"case_id\": %lld, \"format\": \"gif\"}", (long long)case_id);
  CHECK_FAILS(rma_label_render(e, OPERATOR, request, &bytes, &len, &info), RMA_E_UNKNOWN_VALUE, "format");
  CHECK(bytes == NULL && len == 0 && info == NULL);
  snprintf(request, sizeof request, "{\"case_id\": %lld, \"format\": \"png\", \"dpi\": 99}", (long long)case_id);
  CHECK_FAILS(rma_label_render(e, OPERATOR, request, &bytes, &len, &info), RMA_E_OUT_OF_RANGE, "dpi");
  CHECK(rma_label_render(e, OPERATOR, "{\"case_id\": 999, \"format\": \"pdf\"}", &bytes, &len, &info) ==
        RMA_E_NOT_FOUND);
  CHECK_FAILS(rma_label_render(e, OPERATOR, request, NULL, &len, &info), RMA_E_INVALID_ARGUMENT, "out_bytes");
  CHECK(bytes == NULL && info == NULL);
  rma_engine_close(e);
}
