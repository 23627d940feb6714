// rma/json_api.hpp — every engine command as JSON text in, JSON text out.
//
// The C ABI and the Python module are thin adapters over this class, so the three front doors
// accept the same requests, return the same documents and fail with the same codes and messages.
// Request and response formats: docs/json.md.
#pragma once

#include <string>
#include <string_view>

#include "rma/engine.hpp"

namespace rma {

// Borrows an Engine; thread-safe to the same degree as the Engine.
class JsonApi {
 public:
  explicit JsonApi(Engine& engine) : engine_(engine) {}

  // Runs command `op` ("case.create", "case.get", ... see docs/json.md) for actor text
  // "role:id" with a JSON object `request`. Returns the JSON response. Throws rma::Error.
  std::string call(std::string_view actor, std::string_view op, std::string_view request);

  // Op "import.run" with a progress callback (may be empty), which `call` cannot take: the C ABI
  // and Python pass the host's. The request may be up to Limits::max_import_bytes long.
  std::string call_import(std::string_view actor, std::string_view request, const ImportProgress& progress);

  // Op "store.copy" with a progress callback (may be empty), for the same reason.
  std::string call_store_copy(std::string_view actor, std::string_view request, const StoreCopyProgress& progress);

  // Op "report.export" with a progress callback (may be empty), for the same reason.
  std::string call_report_export(std::string_view actor, std::string_view request, const ReportProgress& progress);
  // Op "audit.verify" with a progress callback (may be empty), for the same reason.
  std::string call_audit_verify(std::string_view actor, std::string_view request, const AuditProgress& progress);
  // Op "label.render" with the file's bytes in `content` rather than as base64 in the answer
  // (which is then {"format", "media_type", "payload", "language", "bytes"}): the C ABI's shape.
  std::string call_label_render(std::string_view actor, std::string_view request, std::string& content);

 private:
  Engine& engine_;
};

// Options JSON -> Options (the clock is left empty). Throws rma::Error naming the field.
Options options_from_json(std::string_view json);

// Event -> JSON object text, as subscribers outside C++ receive it.
std::string event_to_json(const Event& event);
// The same as a subscription made for `reader` receives it: the members of its view only (an
// Engine::subscribe(reader, …) handler gets events already in that view; this drops the members
// the C++ Event cannot leave out, such as `actor`).
std::string event_to_json(const Event& event, const Actor& reader);

// What a host eligibility validator outside C++ receives:
// {"case": Case, "line_no": n, "unit": SoldUnit or null, "today": "YYYY-MM-DD"}.
std::string eligibility_input_to_json(const EligibilityInput& input);

// What a host workflow guard outside C++ receives:
// {"case": Case, "transition": name, "actor": "role:id", "params": {...}}.
std::string guard_input_to_json(const GuardInput& input);

}  // namespace rma
