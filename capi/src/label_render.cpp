// label_render.cpp — rma_label_render: a label's file as bytes and a length, which the generic
// JSON-in, JSON-out shape (commands.cpp) cannot return. Written by hand for that reason.
#include <string>

#include "engine_handle.hpp"
#include "guard.hpp"
#include "rma/json_api.hpp"

using rma::capi::guard;
using rma::capi::require;

extern "C" {

rma_status rma_label_render(rma_engine* engine, const char* actor, const char* request_json, char** out_bytes,
                            size_t* out_len, char** out_info_json) {
  if (out_bytes != nullptr) *out_bytes = nullptr;
  if (out_len != nullptr) *out_len = 0;
  if (out_info_json != nullptr) *out_info_json = nullptr;
  return guard([&] {
    require(engine, "engine");
    require(actor, "actor");
    require(out_bytes, "out_bytes");
    require(out_len, "out_len");
    std::string content;
    const std::string info =
        engine->api.call_label_render(actor, request_json == nullptr ? "{}" : request_json, content);
    // Both copies are made before either is handed over, so a failed one leaves no leak.
    char* bytes = nullptr;
    rma::capi::copy_to_caller(content, &bytes);
    if (out_info_json != nullptr) {
      try {
        rma::capi::copy_to_caller(info, out_info_json);
      } catch (...) {
        rma_free(bytes);
        throw;
      }
    }
    *out_bytes = bytes;
    *out_len = content.size();
  });
}

}  // extern "C"
