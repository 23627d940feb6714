// api/codec_audit.cpp — the requests of the audit ops (docs/json.md, "audit.verify", "audit.export").
#include <limits>

#include "api/codec.hpp"

namespace rma::api {

AuditVerifyOptions audit_verify_request_from_json(const nlohmann::json& value) {
  constexpr std::int64_t kMaxTrustedKeys = 100;
  constexpr std::int64_t kHexKeyBytes = 64;
  constexpr std::int64_t kMaxSeq = std::numeric_limits<std::int64_t>::max();
  ObjectReader r(value, std::string());
  AuditVerifyOptions options;
  options.trusted_keys = r.optional_texts("trusted_keys", kMaxTrustedKeys, kHexKeyBytes).value_or(options.trusted_keys);
  options.from_seq = r.optional_integer("from_seq", 1, kMaxSeq).value_or(options.from_seq);
  options.to_seq = r.optional_integer("to_seq", 1, kMaxSeq);
  options.progress_every = r.optional_integer("progress_every", 1, 100'000'000).value_or(options.progress_every);
  r.finish();
  return options;
}

AuditExportRequest audit_export_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  AuditExportRequest request;
  request.from_seq = r.optional_integer("from_seq", 1, std::numeric_limits<std::int64_t>::max()).value_or(1);
  request.limit = static_cast<std::int32_t>(r.optional_integer("limit", 1, 10'000).value_or(request.limit));
  r.finish();
  return request;
}

}  // namespace rma::api
