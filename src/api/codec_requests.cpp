// api/codec_requests.cpp — the request objects of the JSON API that wrap a draft or an id.
#include <limits>

#include "api/codec.hpp"
#include "json/reader.hpp"

namespace rma::api {

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int32_t kDefaultFetchLimit = 100;
constexpr std::int64_t kMaxFetchLimit = 10000;  // as Engine::pending_messages allows

CaseRef read_case_ref(ObjectReader& r) {
  CaseRef ref;
  ref.case_id = r.integer("case_id", 1, kInt64Max);
  ref.version = r.optional_integer("version", 1, kInt64Max);
  return ref;
}

}  // namespace

CaseUpdateRequest case_update_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CaseUpdateRequest request;
  request.target = read_case_ref(r);
  const nlohmann::json& changes = r.need("changes");
  try {
    request.changes = case_patch_from_json(changes, limits);
  } catch (const Error& e) {
    rethrow_with_prefix(e, "changes");
  }
  r.finish();
  return request;
}

NoteRequest note_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  NoteRequest request;
  request.target = read_case_ref(r);
  request.note = read_note_draft(r, limits);
  r.finish();
  return request;
}

AttachmentRequest attachment_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  AttachmentRequest request;
  request.target = read_case_ref(r);
  request.attachment = read_attachment_draft(r, limits);
  r.finish();
  return request;
}

ActionRequest action_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  ActionRequest request;
  request.target = read_case_ref(r);
  request.action = read_action_draft(r, limits);
  r.finish();
  return request;
}

CompleteActionRequest complete_action_request_from_json(const nlohmann::json& value, const Limits& /*limits*/) {
  ObjectReader r(value, std::string());
  CompleteActionRequest request;
  request.target = read_case_ref(r);
  request.action_id = r.integer("action_id", 1, kInt64Max);
  r.finish();
  return request;
}

SplitCaseRequest split_case_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  SplitCaseRequest request;
  request.target = read_case_ref(r);
  request.split = read_split_request(r, limits);
  r.finish();
  return request;
}

CaseLookup case_lookup_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  CaseLookup lookup;
  const std::optional<std::int64_t> id = r.optional_integer("case_id", 1, kInt64Max);
  std::optional<std::string> number = r.optional_text("number", limits.max_text_bytes);
  r.finish();
  if (id && number) throw Error(Status::invalid_argument, "number", "give either case_id or number, not both");
  if (!id && !number) throw Error(Status::missing_field, "case_id", "is required (or number)");
  lookup.case_id = id.value_or(0);
  lookup.number = std::move(number).value_or(std::string());
  return lookup;
}

std::int64_t case_id_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  const std::int64_t id = r.integer("case_id", 1, kInt64Max);
  r.finish();
  return id;
}

std::string key_request_from_json(const nlohmann::json& value, const char* key, const Limits& limits) {
  ObjectReader r(value, std::string());
  std::string text = r.text(key, limits.max_text_bytes);
  r.finish();
  return text;
}

OutboxPostRequest outbox_post_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  OutboxPostRequest request;
  request.case_id = r.integer("case_id", 1, kInt64Max);
  request.topic = r.text("topic", limits.max_text_bytes);
  r.need("payload");
  request.payload = *r.optional_object_text("payload");
  r.finish();
  return request;
}

std::int32_t outbox_fetch_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  const auto limit =
      static_cast<std::int32_t>(r.optional_integer("limit", 1, kMaxFetchLimit).value_or(kDefaultFetchLimit));
  r.finish();
  return limit;
}

SecurityLogRequest security_log_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  SecurityLogRequest request;
  r.read_text("actor", limits.max_text_bytes, request.actor);
  request.limit = static_cast<std::int32_t>(r.optional_integer("limit", 1, 10000).value_or(request.limit));
  r.finish();
  return request;
}

std::vector<std::int64_t> outbox_ack_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  const nlohmann::json& items = r.array("seqs", kNoLimit);
  std::vector<std::int64_t> seqs;
  seqs.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    seqs.push_back(integer_value(items[i], element_path("seqs", i), 1, kInt64Max));
  }
  r.finish();
  return seqs;
}

void empty_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  r.finish();
}

}  // namespace rma::api
