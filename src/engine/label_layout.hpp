// engine/label_layout.hpp — where things sit on the 100 × 150 mm label, in millimetres, shared by
// the cairo drawing (SVG, PNG, PDF) and the ZPL writer so both formats look alike.
#pragma once

#include <cstdint>

#include "engine/label_barcode.hpp"

namespace rma::label_layout {

constexpr double kWidth = 100;
constexpr double kHeight = 150;
constexpr double kMargin = 5;
// The A4 page (210 × 297 mm) holds the label at this offset, inside a dashed cut line.
constexpr double kA4Width = 210;
constexpr double kA4Height = 297;
constexpr double kA4Offset = 15;

constexpr double kNumberBaseline = 15;
constexpr double kNumberSize = 10;  // type size in mm, shrunk to fit the width
constexpr double kCodeTop = 20;
constexpr double kCodeBox = 44;  // the symbol with its quiet zone
constexpr double kItemsLeft = kMargin + kCodeBox + 4;
constexpr double kItemsTop = 24;
constexpr double kRuleAfterCode = kCodeTop + kCodeBox + 3;
constexpr double kReturnTop = kRuleAfterCode + 6;
constexpr double kSenderTop = 108;
constexpr double kInstructionTop = 138;
constexpr double kTitleSize = 3.2;
constexpr double kTextSize = 3.6;
constexpr double kReturnSize = 4.2;  // the address the carrier reads, larger
constexpr double kInstructionSize = 2.8;
constexpr double kLineGap = 1.25;  // line height as a multiple of the type size

inline double dots_per_mm(std::int32_t dpi) { return dpi / 25.4; }

// The size of one module in whole printer dots, so the symbol's edges fall on the dot grid at
// `dpi` (a PNG at that resolution, a thermal head) and scanners see crisp, even modules.
inline std::int32_t module_dots(const BarcodeMatrix& code, std::int32_t dpi) {
  const std::int32_t modules = code.columns + 2 * code.quiet_zone;
  const auto dots = static_cast<std::int32_t>(kCodeBox * dots_per_mm(dpi)) / modules;
  return dots < 1 ? 1 : dots;
}

}  // namespace rma::label_layout
