// api/codec_workflow.cpp — JSON of the workflow requests and answers (docs/json.md).
#include <limits>

#include "api/codec.hpp"
#include "json/enums.hpp"

namespace rma::api {
namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

CaseRef read_target(ObjectReader& r, bool versioned) {
  CaseRef target;
  target.case_id = r.integer("case_id", 1, kInt64Max);
  if (versioned) target.version = r.optional_integer("version", 1, kInt64Max);
  return target;
}

}  // namespace

nlohmann::json to_json_value(const TransitionOption& option) {
  nlohmann::json denials = nlohmann::json::array();
  for (const Denial& d : option.denials) {
    denials.push_back({{"kind", d.kind}, {"code", d.code}, {"message", d.message}});
  }
  return {{"name", option.name},
          {"label", option.label},
          {"to", option.to},
          {"available", option.available},
          {"denials", std::move(denials)}};
}

TransitionRequest transition_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  TransitionRequest request;
  request.target = read_target(r, true);
  request.transition = r.text("transition", limits.max_text_bytes);
  r.finish();
  return request;
}

ReopenRequest reopen_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  ReopenRequest request;
  request.target = read_target(r, true);
  request.state = r.text("state", limits.max_text_bytes);
  request.reason = r.text("reason", limits.max_text_bytes);
  r.finish();
  return request;
}

DeleteRequest delete_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  DeleteRequest request;
  request.case_id = r.integer("case_id", 1, kInt64Max);
  request.reason = r.text("reason", limits.max_text_bytes);
  r.finish();
  return request;
}

RepairRequest repair_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  RepairRequest request;
  request.target = read_target(r, true);
  request.repair = read_repair_draft(r, limits);
  r.finish();
  return request;
}

RepairStatusRequest repair_status_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  RepairStatusRequest request;
  request.target = read_target(r, true);
  request.repair_id = r.integer("repair_id", 1, kInt64Max);
  request.status = r.enumeration("status", repair_status_from_name, kRepairStatusNames);
  r.finish();
  return request;
}

WorkflowVersionRequest workflow_version_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  WorkflowVersionRequest request;
  request.id = r.text("id", limits.max_text_bytes);
  request.version = static_cast<std::int32_t>(r.integer("version", 1, kInt32Max));
  r.finish();
  return request;
}

}  // namespace rma::api
