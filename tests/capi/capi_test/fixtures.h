/* fixtures.h — what the areas of the C test program share: the actors, the injected clock, the
 * one engine every area runs on (opened by engine.c, closed by main.c), the first case, and the
 * requests several areas send. The areas run in main.c's order on the same database, so a step
 * may rely on what an earlier one stored. */
#ifndef RMA_CAPI_TEST_FIXTURES_H
#define RMA_CAPI_TEST_FIXTURES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json_read.h"
#include "rma/rma.h"

#define ADMIN "admin:root"
#define OPERATOR "operator:anna"
#define INJECTED_NOW 1795599000000000LL /* 2026-11-25T09:30:00Z */
#define INJECTED_NOW_ISO "2026-11-25T09:30:00Z"
#define SHA256_A "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

extern rma_engine *engine;

/* The first case (cases.c creates it); later steps add to it. */
extern long long case_id;

/* Runs a command that must succeed; the response belongs to the caller (rma_free). */
char *ok_at(rma_status status, char **response, const char *file, int line);
/* `out` is passed by address: it is read after the call, not alongside it. */
#define OK(fn, actor, request) ok_at((fn)(engine, (actor), (request), &out), &out, __FILE__, __LINE__)

/* {"kind": kind, "format": format, "content": content as a JSON string EXTRA}; free() it. */
char *import_request(const char *kind, const char *format, const char *content, const char *extra);

/* engine.stats: the newest event sequence (a failed call must leave it unchanged), the cases. */
long long last_event_seq(void);
long long case_count(void);

/* A clock for rma_engine_set_clock that reads `now` and counts its calls. */
typedef struct {
  int64_t now;
  int calls;
} test_clock;

int64_t read_test_clock(void *user_data);

/* A b2c return of two cables by c1; its id. */
long long create_return_case(void);

#define CASE_DRAFT                                                                                 \
  "{\"kind\": \"return\", \"channel\": \"b2b\", \"customer_id\": \"c1\", \"lines\": ["             \
  "{\"sku\": \"TV-55\", \"serial\": \"SN-0001\", \"quantity\": 1, \"reason_code\": \"defective\"," \
  " \"sales_document\": {\"document\": \"INV-2026-77\", \"line\": 1}},"                            \
  " {\"sku\": \"CABLE-2M\", \"quantity\": 3, \"reason_code\": \"wrong_order\"}]}"

/* Two sales documents: a distance sale of two serialized televisions and three cables, delivered
 * five days before the injected clock's date (so the 14-day withdrawal window is open), and a
 * shop sale of one cable. */
#define SALES_JSONL                                                                         \
  "{\"id\": \"INV-2026-100\", \"date\": \"2026-11-18\", \"delivery_date\": \"2026-11-20\"," \
  " \"customer_id\": \"c1\", \"channel\": \"b2c\", \"jurisdiction\": \"IT\", \"lines\": ["  \
  "{\"line_no\": 1, \"sku\": \"TV-55\", \"quantity\": 2, \"unit_price\": 49900,"            \
  " \"vat_rate_bp\": 2200, \"serials\": [\"SN-9001\", \"SN-9002\"],"                        \
  " \"dispatch_document\": \"DDT-881\", \"packers\": [\"marco\", \"lucia\"]},"              \
  " {\"line_no\": 2, \"sku\": \"CABLE-2M\", \"quantity\": 3, \"unit_price\": 990,"          \
  " \"vat_rate_bp\": 2200}]}\n"                                                             \
  "{\"id\": \"INV-2026-101\", \"date\": \"2026-11-19\", \"delivery_date\": \"2026-11-19\"," \
  " \"customer_id\": \"c1\", \"channel\": \"b2c\", \"distance_sale\": false, \"lines\": ["  \
  "{\"line_no\": 1, \"sku\": \"CABLE-2M\", \"quantity\": 1, \"unit_price\": 990,"           \
  " \"vat_rate_bp\": 2200}]}\n"

#endif
