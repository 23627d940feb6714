// engine_handle.hpp — what an rma_engine* points to, and the one path every command takes.
#pragma once

#include <utility>

#include "rma/engine.hpp"
#include "rma/json_api.hpp"
#include "rma/rma.h"

// The C handle: the engine plus the JSON front door over it, so the C ABI accepts exactly the
// requests and returns exactly the documents of rma::JsonApi. Not movable: `api` points at
// `engine`.
struct rma_engine {
  explicit rma_engine(rma::Engine opened) : engine(std::move(opened)), api(engine) {}
  rma_engine(const rma_engine&) = delete;
  rma_engine& operator=(const rma_engine&) = delete;

  rma::Engine engine;
  rma::JsonApi api;
};

namespace rma::capi {

// Runs `op` through JsonApi for `actor` and hands the response to the caller in *out_json.
// `out_name` names the out parameter in the error when it is NULL. Never throws.
rma_status run_command(rma_engine* engine, const char* actor, const char* op,
                       const char* request_json, char** out_json, const char* out_name);

}  // namespace rma::capi
