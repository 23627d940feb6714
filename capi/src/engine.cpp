// engine.cpp — the rma_engine handle: open, close, clock, event subscriptions, generic call.
#include <string>
#include <utility>

#include "engine_handle.hpp"
#include "guard.hpp"
#include "rma/json_api.hpp"

using rma::capi::guard;
using rma::capi::require;

extern "C" {

rma_status rma_engine_open(const char* path, const char* options_json, rma_engine** out_engine) {
  if (out_engine != nullptr) *out_engine = nullptr;
  return guard([&] {
    require(path, "path");
    require(out_engine, "out_engine");
    const rma::Options options =
        options_json == nullptr ? rma::Options() : rma::options_from_json(options_json);
    *out_engine = new rma_engine(rma::Engine::open(path, options));
  });
}

void rma_engine_close(rma_engine* engine) { delete engine; }

rma_status rma_engine_set_clock(rma_engine* engine, rma_clock_fn fn, void* user_data) {
  return guard([&] {
    require(engine, "engine");
    if (fn == nullptr) {
      engine->engine.set_clock(rma::Clock());
    } else {
      engine->engine.set_clock([fn, user_data] { return rma::Timestamp{fn(user_data)}; });
    }
  });
}

rma_status rma_engine_subscribe(rma_engine* engine, rma_event_fn fn, void* user_data,
                                int64_t* out_subscription) {
  return guard([&] {
    require(engine, "engine");
    require(fn, "fn");
    require(out_subscription, "out_subscription");
    *out_subscription = engine->engine.subscribe([fn, user_data](const rma::Event& event) {
      const std::string json = rma::event_to_json(event);
      // The data is committed already: the callback's answer cannot undo it (see rma.h).
      static_cast<void>(fn(user_data, json.c_str(), json.size()));
    });
  });
}

rma_status rma_engine_subscribe_as(rma_engine* engine, const char* actor, rma_event_fn fn, void* user_data,
                                   int64_t* out_subscription) {
  return guard([&] {
    require(engine, "engine");
    require(actor, "actor");
    require(fn, "fn");
    require(out_subscription, "out_subscription");
    const rma::Actor reader = rma::Actor::parse(actor);
    *out_subscription = engine->engine.subscribe(reader, [fn, user_data, reader](const rma::Event& event) {
      const std::string json = rma::event_to_json(event, reader);
      static_cast<void>(fn(user_data, json.c_str(), json.size()));
    });
  });
}

rma_status rma_engine_unsubscribe(rma_engine* engine, int64_t subscription) {
  return guard([&] {
    require(engine, "engine");
    engine->engine.unsubscribe(subscription);
  });
}

rma_status rma_engine_call(rma_engine* engine, const char* actor, const char* op,
                           const char* request_json, char** out_response_json) {
  return rma::capi::run_command(engine, actor, op, request_json, out_response_json,
                                "out_response_json");
}

}  // extern "C"

namespace rma::capi {

rma_status run_command(rma_engine* engine, const char* actor, const char* op,
                       const char* request_json, char** out_json, const char* out_name) {
  if (out_json != nullptr) *out_json = nullptr;
  return guard([&] {
    require(engine, "engine");
    require(actor, "actor");
    require(op, "op");
    require(out_json, out_name);
    const std::string response =
        engine->api.call(actor, op, request_json == nullptr ? "{}" : request_json);
    copy_to_caller(response, out_json);
  });
}

}  // namespace rma::capi
