// ZPL II: the printer draws the barcode itself from the payload (^BQ for QR at error correction
// Q, ^BX for DataMatrix ECC 200) at a module size in whole dots, and sets the texts in its
// scalable font 0 with UTF-8 input (^CI28). Every text goes through ^FH so that ^, ~ and _ in a
// name or SKU print as themselves instead of starting a command.
#include <cmath>
#include <string>
#include <vector>

#include "engine/label_barcode.hpp"
#include "engine/label_layout.hpp"
#include "engine/label_render.hpp"

namespace rma {

namespace {

namespace L = label_layout;

constexpr std::int32_t kMaxQrMagnification = 10;  // ^BQ accepts 1..10

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '_') out += "_5F";
    else if (c == '^') out += "_5E";
    else if (c == '~') out += "_7E";
    else out += c;
  }
  return out;
}

class Zpl {
 public:
  explicit Zpl(std::int32_t dpi) : dpm_(L::dots_per_mm(dpi)) {}

  std::int32_t dots(double mm) const { return static_cast<std::int32_t>(std::lround(mm * dpm_)); }

  // A text whose baseline sits at `baseline` mm, in a block `width` mm wide of up to `lines` lines.
  void text(double x, double baseline, double size, double width, const std::string& value, int lines = 1) {
    out += "^FO" + std::to_string(dots(x)) + "," + std::to_string(dots(baseline - size)) + "^A0N," +
           std::to_string(dots(size)) + ",0^FB" + std::to_string(dots(width)) + "," + std::to_string(lines) +
           ",0,L,0^FH^FD" + escaped(value) + "^FS\n";
  }
  double lines(double x, double baseline, double size, double width, const std::vector<std::string>& values) {
    for (const std::string& v : values) {
      text(x, baseline, size, width, v);
      baseline += size * L::kLineGap;
    }
    return baseline;
  }
  void rule(double y) {
    out += "^FO" + std::to_string(dots(L::kMargin)) + "," + std::to_string(dots(y)) + "^GB" +
           std::to_string(dots(L::kWidth - 2 * L::kMargin)) + ",2,2^FS\n";
  }

  std::string out;

 private:
  double dpm_;
};

}  // namespace

std::string label_zpl(const domain::LabelContent& content, const LabelRequest& request) {
  Zpl z(request.dpi);
  const double width = L::kWidth - 2 * L::kMargin;
  z.out = "^XA\n^CI28\n^PW" + std::to_string(z.dots(L::kWidth)) + "\n^LL" + std::to_string(z.dots(L::kHeight)) +
          "\n^LH0,0\n";
  z.text(L::kMargin, L::kNumberBaseline, L::kNumberSize * 0.8, width, content.number);

  // The module size the drawn formats use, so the printed symbol has the same size.
  const BarcodeMatrix code = encode_barcode(request.symbology, content.payload);
  const std::int32_t module = L::module_dots(code, request.dpi);
  const std::string at = "^FO" + std::to_string(z.dots(L::kMargin) + code.quiet_zone * module) + "," +
                         std::to_string(z.dots(L::kCodeTop) + code.quiet_zone * module);
  if (request.symbology == LabelSymbology::qr) {
    // Model 2; "QA,": error correction Q, automatic data mode.
    const std::int32_t magnification = module > kMaxQrMagnification ? kMaxQrMagnification : module;
    z.out += at + "^BQN,2," + std::to_string(magnification) + "^FDQA," + content.payload + "^FS\n";
  } else {
    z.out += at + "^BXN," + std::to_string(module) + ",200^FD" + content.payload + "^FS\n";
  }

  const double items_width = L::kWidth - L::kMargin - L::kItemsLeft;
  double y = z.lines(L::kItemsLeft, L::kItemsTop, L::kTitleSize, items_width, {content.items_title});
  z.lines(L::kItemsLeft, y, L::kTextSize, items_width, content.items);
  z.rule(L::kRuleAfterCode);
  y = z.lines(L::kMargin, L::kReturnTop, L::kTitleSize, width, {content.return_title});
  z.lines(L::kMargin, y, L::kReturnSize, width, content.return_lines);
  z.rule(L::kSenderTop - 6);
  y = z.lines(L::kMargin, L::kSenderTop, L::kTitleSize, width, {content.sender_title});
  z.lines(L::kMargin, y, L::kTextSize, width, content.sender_lines);
  z.rule(L::kInstructionTop - 5);
  z.text(L::kMargin, L::kInstructionTop, L::kInstructionSize, width, content.instruction, 3);
  z.out += "^XZ\n";
  return z.out;
}

}  // namespace rma
