// rma/label.hpp — return labels: the RMA number as a 2D barcode, the number in large text, the
// sender and return addresses, the lines' SKUs and quantities and a short instruction in the
// customer's language (docs/labels.md).
//
// A label is 100 × 150 mm, the size of a thermal shipping label; on A4 the same label sits in the
// top left corner inside a dashed cut line. Formats: SVG, PNG and PDF (drawn with cairo), and ZPL
// for Zebra printers, which draw the barcode themselves (^BQ for QR, ^BX for DataMatrix).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rma/party.hpp"

namespace rma {

enum class LabelFormat { svg, png, pdf, zpl };
const char* label_format_name(LabelFormat v) noexcept;  // "svg", "png", "pdf", "zpl"
std::optional<LabelFormat> label_format_from_name(std::string_view name) noexcept;
const char* label_media_type(LabelFormat v) noexcept;  // "image/svg+xml", "image/png", ...

enum class LabelSymbology { qr, datamatrix };
const char* label_symbology_name(LabelSymbology v) noexcept;  // "qr", "datamatrix"
std::optional<LabelSymbology> label_symbology_from_name(std::string_view name) noexcept;

// label: the 100 × 150 mm label alone; a4: an A4 page with the label cut out.
enum class LabelPage { label, a4 };
const char* label_page_name(LabelPage v) noexcept;  // "label", "a4"
std::optional<LabelPage> label_page_from_name(std::string_view name) noexcept;

// The PNG resolution and the resolution ZPL positions are computed for (8 dots a millimetre is
// the usual thermal print head): 100 to 600 dots per inch.
constexpr std::int32_t kMinLabelDpi = 100;
constexpr std::int32_t kMaxLabelDpi = 600;
constexpr std::int32_t kDefaultLabelDpi = 203;

struct LabelRequest {
  std::int64_t case_id = 0;
  // One line's label: its SKU and quantity only, and the barcode "<number>/<line_no>". Empty:
  // the case's label, listing every line.
  std::optional<std::int32_t> line_no;
  LabelFormat format = LabelFormat::pdf;
  LabelSymbology symbology = LabelSymbology::qr;
  LabelPage page = LabelPage::label;
  // The instruction's language (a BCP 47 tag); empty: the customer's, else English.
  std::string language;
  std::int32_t dpi = kDefaultLabelDpi;  // PNG and ZPL
};

struct RenderedLabel {
  std::string content;     // the file's bytes
  std::string media_type;  // label_media_type(format)
  std::string payload;     // what the barcode encodes
  std::string language;    // the language the texts were taken from
};

// Where returns go: printed as "Return to" on every label. Part of Options (JSON "labels").
struct LabelOptions {
  std::string return_name;  // the company or warehouse
  Address return_address;
};

}  // namespace rma
