// store_copy.cpp — rma_store_copy: moving the engine's SQLite database to PostgreSQL through
// JsonApi::call_store_copy, with the host's progress callback adapted to rma::StoreCopyProgress.
// Written by hand (commands.cpp generates the others) because it takes a callback.
#include "rma/store_copy.hpp"

#include <string>

#include "engine_handle.hpp"
#include "guard.hpp"
#include "rma/json_api.hpp"

using rma::capi::guard;
using rma::capi::require;

extern "C" {

rma_status rma_store_copy(rma_engine* engine, const char* actor, const char* request_json,
                          rma_copy_progress_fn progress, void* user_data, char** out_report_json) {
  if (out_report_json != nullptr) *out_report_json = nullptr;
  return guard([&] {
    require(engine, "engine");
    require(actor, "actor");
    require(out_report_json, "out_report_json");
    rma::StoreCopyProgress on_progress;
    if (progress != nullptr) {
      // C says "non-zero cancels", C++ "false cancels".
      on_progress = [progress, user_data](const std::string& table, std::int64_t rows_done, std::int64_t rows_total) {
        return progress(user_data, table.c_str(), rows_done, rows_total) == 0;
      };
    }
    const std::string report =
        engine->api.call_store_copy(actor, request_json == nullptr ? "{}" : request_json, on_progress);
    rma::capi::copy_to_caller(report, out_report_json);
  });
}

}  // extern "C"
