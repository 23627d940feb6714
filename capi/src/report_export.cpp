// report_export.cpp — rma_report_export: a report written to a CSV or XLSX file through
// JsonApi::call_report_export, with the host's progress callback adapted to rma::ReportProgress.
// Written by hand (commands.cpp generates the others) because it takes a callback.
#include "rma/report.hpp"

#include <string>

#include "engine_handle.hpp"
#include "guard.hpp"
#include "rma/json_api.hpp"

using rma::capi::guard;
using rma::capi::require;

extern "C" {

rma_status rma_report_export(rma_engine* engine, const char* actor, const char* request_json,
                             rma_progress_fn progress, void* user_data, char** out_result_json) {
  if (out_result_json != nullptr) *out_result_json = nullptr;
  return guard([&] {
    require(engine, "engine");
    require(actor, "actor");
    require(out_result_json, "out_result_json");
    rma::ReportProgress on_progress;
    if (progress != nullptr) {
      // C says "non-zero cancels", C++ "false cancels".
      on_progress = [progress, user_data](std::int64_t rows_done, std::int64_t rows_total) {
        return progress(user_data, rows_done, rows_total) == 0;
      };
    }
    const std::string result =
        engine->api.call_report_export(actor, request_json == nullptr ? "{}" : request_json, on_progress);
    rma::capi::copy_to_caller(result, out_result_json);
  });
}

}  // extern "C"
