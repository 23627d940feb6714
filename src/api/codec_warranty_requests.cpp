// api/codec_warranty_requests.cpp — the requests of the import, store copy, sold-unit and warranty
// ops.
#include <limits>

#include "api/codec.hpp"
#include "json/enums.hpp"
#include "json/reader.hpp"

namespace rma::api {

namespace {

constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

}  // namespace

ImportRequest import_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  ImportRequest request;
  request.kind = r.enumeration("kind", import_kind_from_name, kImportKindNames);
  request.format = r.enumeration("format", import_format_from_name, kImportFormatNames);
  const nlohmann::json& content = r.need("content");
  if (!content.is_string()) throw_wrong_type(r.path_of("content"), "string", content);
  // The request's own size limit (Limits::max_import_bytes) already bounds the content.
  request.content = content.get_ref<const std::string&>();
  request.options.skip_bad_rows = r.optional_boolean("skip_bad_rows").value_or(false);
  request.options.progress_every = r.optional_integer("progress_every", 0, kInt64Max).value_or(
      request.options.progress_every);
  r.finish();
  return request;
}

StoreCopyRequest store_copy_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  StoreCopyRequest request;
  request.to = r.text("to", limits.max_text_bytes);
  request.options.progress_every =
      r.optional_integer("progress_every", 1, 10'000'000).value_or(request.options.progress_every);
  r.finish();
  return request;
}

SoldUnitsByCustomerRequest sold_units_by_customer_request_from_json(const nlohmann::json& value,
                                                                    const Limits& limits) {
  ObjectReader r(value, std::string());
  SoldUnitsByCustomerRequest request;
  request.customer_id = r.text("customer_id", limits.max_text_bytes);
  request.sku = r.text("sku", limits.max_text_bytes);
  r.finish();
  return request;
}

ExtendedWarranty extended_warranty_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  ExtendedWarranty contract;
  contract.serial = r.text("serial", limits.max_text_bytes);
  contract.contract = r.text("contract", limits.max_text_bytes);
  contract.start = r.date("start");
  contract.end = r.date("end");
  r.read_text("coverage", limits.max_text_bytes, contract.coverage);
  r.finish();
  return contract;
}

UnitRegistrationRequest unit_registration_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  UnitRegistrationRequest request;
  request.serial = r.text("serial", limits.max_text_bytes);
  request.registered_on = r.date("registered_on");
  r.finish();
  return request;
}

WarrantyCheckRequest warranty_check_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  WarrantyCheckRequest request;
  request.serial = r.text("serial", limits.max_text_bytes);
  request.on = r.optional_date("on");
  r.finish();
  return request;
}

CaseLineRequest case_line_request_from_json(const nlohmann::json& value, bool versioned) {
  ObjectReader r(value, std::string());
  CaseLineRequest request;
  request.target.case_id = r.integer("case_id", 1, kInt64Max);
  if (versioned) request.target.version = r.optional_integer("version", 1, kInt64Max);
  request.line_no = static_cast<std::int32_t>(r.integer("line_no", 1, kInt32Max));
  r.finish();
  return request;
}

}  // namespace rma::api
