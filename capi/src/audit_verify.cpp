// audit_verify.cpp — rma_audit_verify: the audit chain's verification through
// JsonApi::call_audit_verify, with the host's progress callback adapted to rma::AuditProgress.
// Written by hand (commands.cpp generates the others) because it takes a callback.
#include "rma/audit.hpp"

#include <string>

#include "engine_handle.hpp"
#include "guard.hpp"
#include "rma/json_api.hpp"

using rma::capi::guard;
using rma::capi::require;

extern "C" {

rma_status rma_audit_verify(rma_engine* engine, const char* actor, const char* request_json, rma_progress_fn progress,
                            void* user_data, char** out_report_json) {
  if (out_report_json != nullptr) *out_report_json = nullptr;
  return guard([&] {
    require(engine, "engine");
    require(actor, "actor");
    require(out_report_json, "out_report_json");
    rma::AuditProgress on_progress;
    if (progress != nullptr) {
      // C says "non-zero cancels", C++ "false cancels".
      on_progress = [progress, user_data](std::int64_t events_done, std::int64_t events_total) {
        return progress(user_data, events_done, events_total) == 0;
      };
    }
    const std::string report =
        engine->api.call_audit_verify(actor, request_json == nullptr ? "{}" : request_json, on_progress);
    rma::capi::copy_to_caller(report, out_report_json);
  });
}

}  // extern "C"
