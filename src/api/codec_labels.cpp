// api/codec_labels.cpp — the request and answer of label.render (docs/labels.md).
#include <array>
#include <limits>

#include "api/codec.hpp"
#include "json/base64.hpp"

namespace rma::api {

namespace {

constexpr std::array<const char*, 4> kLabelFormatNames = {"svg", "png", "pdf", "zpl"};
constexpr std::array<const char*, 2> kLabelSymbologyNames = {"qr", "datamatrix"};
constexpr std::array<const char*, 2> kLabelPageNames = {"label", "a4"};
// The longest BCP 47 tag worth accepting (RFC 5646 §4.4.1 advises room for 35 characters).
constexpr std::int64_t kMaxLanguageBytes = 35;
constexpr std::int64_t kMaxLineNo = std::numeric_limits<std::int32_t>::max();

}  // namespace

// The dpi is decoded over the whole int32 range so that Engine::render_label names it with its
// own bounds (100..600), as a C++ caller sees them.
LabelRequest label_request_from_json(const nlohmann::json& value) {
  ObjectReader r(value, std::string());
  LabelRequest out;
  out.case_id = r.integer("case_id", 1, std::numeric_limits<std::int64_t>::max());
  out.format = r.enumeration("format", label_format_from_name, kLabelFormatNames);
  out.symbology =
      r.optional_enumeration("symbology", label_symbology_from_name, kLabelSymbologyNames).value_or(out.symbology);
  out.page = r.optional_enumeration("page", label_page_from_name, kLabelPageNames).value_or(out.page);
  if (const std::optional<std::int64_t> line = r.optional_integer("line_no", 1, kMaxLineNo))
    out.line_no = static_cast<std::int32_t>(*line);
  r.read_text("language", kMaxLanguageBytes, out.language);
  out.dpi = static_cast<std::int32_t>(
      r.optional_integer("dpi", std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max())
          .value_or(out.dpi));
  r.finish();
  return out;
}

nlohmann::json to_json_value(const RenderedLabel& label, LabelFormat format, bool with_content) {
  nlohmann::json out = {{"format", label_format_name(format)},
                        {"media_type", label.media_type},
                        {"payload", label.payload},
                        {"language", label.language},
                        {"bytes", label.content.size()}};
  if (with_content) out["content_base64"] = codec::to_base64(label.content);
  return out;
}

}  // namespace rma::api
