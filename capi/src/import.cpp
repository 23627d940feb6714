// import.cpp — rma_import_run (and its old name rma_import): the ERP feed through
// JsonApi::call_import, with the host's progress callback adapted to rma::ImportProgress. The one
// op of the table whose C function is not generated (commands.cpp): it takes a callback.
#include "rma/import.hpp"

#include <string>

#include "engine_handle.hpp"
#include "guard.hpp"
#include "rma/json_api.hpp"

using rma::capi::guard;
using rma::capi::require;

extern "C" {

rma_status rma_import_run(rma_engine* engine, const char* actor, const char* request_json,
                      rma_progress_fn progress, void* user_data, char** out_report_json) {
  if (out_report_json != nullptr) *out_report_json = nullptr;
  return guard([&] {
    require(engine, "engine");
    require(actor, "actor");
    require(out_report_json, "out_report_json");
    rma::ImportProgress on_progress;
    if (progress != nullptr) {
      // C says "non-zero cancels", C++ "false cancels".
      on_progress = [progress, user_data](std::int64_t rows_done, std::int64_t rows_total) {
        return progress(user_data, rows_done, rows_total) == 0;
      };
    }
    const std::string report =
        engine->api.call_import(actor, request_json == nullptr ? "{}" : request_json, on_progress);
    rma::capi::copy_to_caller(report, out_report_json);
  });
}

rma_status rma_import(rma_engine* engine, const char* actor, const char* request_json, rma_progress_fn progress,
                      void* user_data, char** out_report_json) {
  return rma_import_run(engine, actor, request_json, progress, user_data, out_report_json);
}

}  // extern "C"
