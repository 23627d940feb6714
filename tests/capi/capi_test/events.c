/* events.c — events: the outbox, and subscriptions (to every event, and as an actor). */

#include "areas.h"
#include "fixtures.h"

typedef struct {
  int events;
  long long last_seq;
  long long seq_seen_by_engine; /* engine.stats called from inside the callback */
  int lengths_match;
  int32_t answer; /* what the callback returns */
  char last_type[64];
  char last_event[2048];
} event_log;

static int32_t record_event(void *user_data, const char *event_json, size_t len) {
  event_log *log = (event_log *)user_data;
  char *stats = NULL;
  ++log->events;
  log->lengths_match = strlen(event_json) == len;
  log->last_seq = JSON_INT(event_json, "seq");
  JSON_STR(event_json, "type", log->last_type);
  strncpy(log->last_event, event_json, sizeof(log->last_event) - 1);
  /* Callbacks run outside the engine's lock, after the commit: the engine answers and already
   * shows the event. */
  if (rma_engine_stats(engine, OPERATOR, NULL, &stats) == RMA_OK) {
    log->seq_seen_by_engine = JSON_INT(stats, "last_event_seq");
  }
  rma_free(stats);
  return log->answer;
}

void test_outbox(void) {
  char *out = NULL;
  char request[256];
  long long seq;

  sprintf(
      request,
      "{\"case_id\": %lld, \"topic\": \"credit_note.request\", \"payload\": {\"amount\": 4990}}",
      case_id);
  out = OK(rma_outbox_post, OPERATOR, request);
  seq = JSON_INT(out, "seq");
  CHECK(seq > 0);
  rma_free(out);

  out = OK(rma_outbox_fetch, "system:erp-sync", NULL);
  CHECK(JSON_INT(JSON_FIRST(out, "messages"), "seq") == seq);
  CHECK(strstr(out, "credit_note.request") != NULL);
  rma_free(out);

  sprintf(request, "{\"seqs\": [%lld]}", seq);
  out = OK(rma_outbox_ack, "system:erp-sync", request);
  CHECK(JSON_INT(out, "acknowledged") == 1);
  rma_free(out);
  out = OK(rma_outbox_fetch, "system:erp-sync", "{\"limit\": 1}");
  CHECK(JSON_FIRST(out, "messages") == NULL);
  rma_free(out);
  out = OK(rma_outbox_ack, "system:erp-sync", request); /* acknowledging twice is harmless */
  CHECK(JSON_INT(out, "acknowledged") == 0);
  rma_free(out);

  seq = last_event_seq();
  CHECK_FAILS(rma_outbox_ack(engine, "system:erp-sync", "{\"seqs\": [987654]}", &out),
              RMA_E_NOT_FOUND, "seqs");
  CHECK_FAILS(rma_outbox_fetch(engine, "system:erp-sync", "{\"limit\": 0}", &out),
              RMA_E_OUT_OF_RANGE, "limit");
  CHECK_FAILS(rma_outbox_post(engine, OPERATOR,
                              "{\"case_id\": 987654, \"topic\": \"t\", \"payload\": {}}", &out),
              RMA_E_NOT_FOUND, "case_id");
  CHECK(last_event_seq() == seq);
}

void test_subscriptions(void) {
  static event_log seen; /* zero-initialized */
  static event_log refusing;
  int64_t subscription = 0;
  int64_t refusing_subscription = 0;
  char *out = NULL;
  char request[256];
  long long cases;
  int events;

  CHECK_FAILS(rma_engine_subscribe(NULL, record_event, &seen, &subscription),
              RMA_E_INVALID_ARGUMENT, "engine");
  CHECK_FAILS(rma_engine_subscribe(engine, NULL, &seen, &subscription), RMA_E_INVALID_ARGUMENT,
              "fn");
  CHECK_FAILS(rma_engine_subscribe(engine, record_event, &seen, NULL), RMA_E_INVALID_ARGUMENT,
              "out_subscription");

  CHECK_OK(rma_engine_subscribe(engine, record_event, &seen, &subscription));
  refusing.answer = -1;
  CHECK_OK(rma_engine_subscribe(engine, record_event, &refusing, &refusing_subscription));
  CHECK(refusing_subscription != subscription);

  sprintf(request,
          "{\"case_id\": %lld, \"channel\": \"external\", \"body\": \"We received the TV.\"}",
          case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(seen.events == 1);
  CHECK(seen.lengths_match);
  CHECK_STR(seen.last_type, "note.added");
  CHECK(JSON_INT(seen.last_event, "case_id") == case_id);
  CHECK(strstr(seen.last_event, "\"actor\":\"" OPERATOR "\"") != NULL);
  CHECK(seen.last_seq == last_event_seq());
  CHECK(seen.seq_seen_by_engine == seen.last_seq); /* committed before the callback ran */

  /* A callback answering non-zero loses no data: the note above is there, and so is this case. */
  CHECK(refusing.events == 1);
  cases = case_count();
  out = OK(rma_case_create, OPERATOR, CASE_DRAFT);
  rma_free(out);
  CHECK(case_count() == cases + 1);
  CHECK(refusing.events == 2);
  CHECK_STR(refusing.last_type, "case.created");

  CHECK_OK(rma_engine_unsubscribe(engine, refusing_subscription));
  CHECK_FAILS(rma_engine_unsubscribe(NULL, subscription), RMA_E_INVALID_ARGUMENT, "engine");
  CHECK_OK(rma_engine_unsubscribe(engine, subscription));
  CHECK(rma_engine_unsubscribe(engine, subscription) == RMA_E_NOT_FOUND);
  events = seen.events;
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(seen.events == events);
  CHECK(refusing.events == 2);
}

/* A subscription made for a customer hears only of its own cases, in its view. */
void test_subscription_as_actor(void) {
  static event_log mine;
  static event_log others;
  int64_t sub_mine = 0;
  int64_t sub_others = 0;
  char *out = NULL;
  char request[256];

  CHECK_FAILS(rma_engine_subscribe_as(engine, NULL, record_event, &mine, &sub_mine), RMA_E_INVALID_ARGUMENT,
              "actor");
  CHECK_OK(rma_engine_subscribe_as(engine, "customer:c1", record_event, &mine, &sub_mine));
  CHECK_OK(rma_engine_subscribe_as(engine, "customer:c2", record_event, &others, &sub_others));
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"internal\", \"body\": \"margin is thin\"}", case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(mine.events == 0); /* an internal note is never delivered to the claimant */
  sprintf(request, "{\"case_id\": %lld, \"channel\": \"external\", \"body\": \"Parcel received.\"}", case_id);
  out = OK(rma_case_add_note, OPERATOR, request);
  rma_free(out);
  CHECK(mine.events == 1);
  CHECK_STR(mine.last_type, "note.added");
  CHECK(strstr(mine.last_event, "Parcel received.") != NULL);
  CHECK(strstr(mine.last_event, "\"actor\"") == NULL); /* who wrote it is staff's business */
  CHECK(others.events == 0);
  CHECK_OK(rma_engine_unsubscribe(engine, sub_mine));
  CHECK_OK(rma_engine_unsubscribe(engine, sub_others));
}
