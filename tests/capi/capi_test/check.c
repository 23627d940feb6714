/* check.c — the counter and the failure report behind check.h. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>

int passed;
const char *context = "";

void fail_at(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
  if (context[0] != '\0') fprintf(stderr, "  while checking: %s\n", context);
  fprintf(stderr, "  last error: [%s] %s\n", rma_last_error_field(), rma_last_error());
  fprintf(stderr, "%d passed, 1 failed\n", passed);
  exit(1);
}
