// Text is set with cairo's own font selection ("DejaVu Sans" through fontconfig, Debian's
// fonts-dejavu-core): it covers the Latin letters of Polish, Romanian, Italian and German, and
// cairo embeds the glyphs it used in PDF and SVG, so a label prints the same everywhere.
#include "engine/label_draw.hpp"

#include <string>
#include <vector>

#include "engine/label_layout.hpp"

namespace rma {

namespace {

namespace L = label_layout;

constexpr const char* kFont = "DejaVu Sans";

double text_width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

// Sets `size`, or less if the text would be wider than `width`.
void fit_font(cairo_t* cr, const std::string& text, double size, double width, bool bold) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  const double w = text_width(cr, text);
  if (w > width) cairo_set_font_size(cr, size * width / w);
}

void show(cairo_t* cr, double x, double baseline, const std::string& text) {
  cairo_move_to(cr, x, baseline);
  cairo_show_text(cr, text.c_str());
}

// One line per text, each shrunk to fit; returns the baseline after the last.
double show_lines(cairo_t* cr, double x, double baseline, double width, double size, bool bold,
                  const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    fit_font(cr, line, size, width, bold);
    show(cr, x, baseline, line);
    baseline += size * L::kLineGap;
  }
  return baseline;
}

// Greedy word wrap at `width`.
std::vector<std::string> wrapped(cairo_t* cr, const std::string& text, double width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(at, end - at);
    const std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(cr, longer) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = longer;
    }
    at = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

void rule(cairo_t* cr, double y) {
  cairo_set_line_width(cr, 0.3);
  cairo_move_to(cr, L::kMargin, y);
  cairo_line_to(cr, L::kWidth - L::kMargin, y);
  cairo_stroke(cr);
}

void draw_code(cairo_t* cr, const BarcodeMatrix& code, std::int32_t dpi) {
  const double dot = 1.0 / L::dots_per_mm(dpi);
  const double module = L::module_dots(code, dpi) * dot;
  // The symbol's corner on the dot grid (the label's origin is on it too).
  const double left = static_cast<int>(L::kMargin / dot) * dot + code.quiet_zone * module;
  const double top = static_cast<int>(L::kCodeTop / dot) * dot + code.quiet_zone * module;
  cairo_save(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  for (std::int32_t row = 0; row < code.rows; ++row) {
    // Runs of dark modules as one rectangle: fewer shapes in SVG and PDF.
    std::int32_t column = 0;
    while (column < code.columns) {
      if (!code.at(row, column)) {
        ++column;
        continue;
      }
      std::int32_t end = column;
      while (end < code.columns && code.at(row, end)) ++end;
      cairo_rectangle(cr, left + column * module, top + row * module, (end - column) * module, module);
      column = end;
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace

void draw_label(cairo_t* cr, const domain::LabelContent& content, const BarcodeMatrix& code, std::int32_t dpi) {
  const double width = L::kWidth - 2 * L::kMargin;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, 0, 0, L::kWidth, L::kHeight);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);

  fit_font(cr, content.number, L::kNumberSize, width, true);
  show(cr, L::kMargin + (width - text_width(cr, content.number)) / 2, L::kNumberBaseline, content.number);

  draw_code(cr, code, dpi);

  const double items_width = L::kWidth - L::kMargin - L::kItemsLeft;
  double y = show_lines(cr, L::kItemsLeft, L::kItemsTop, items_width, L::kTitleSize, true, {content.items_title});
  show_lines(cr, L::kItemsLeft, y, items_width, L::kTextSize, false, content.items);

  rule(cr, L::kRuleAfterCode);
  y = show_lines(cr, L::kMargin, L::kReturnTop, width, L::kTitleSize, true, {content.return_title});
  show_lines(cr, L::kMargin, y, width, L::kReturnSize, true, content.return_lines);

  rule(cr, L::kSenderTop - 6);
  y = show_lines(cr, L::kMargin, L::kSenderTop, width, L::kTitleSize, true, {content.sender_title});
  show_lines(cr, L::kMargin, y, width, L::kTextSize, false, content.sender_lines);

  rule(cr, L::kInstructionTop - 5);
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, L::kInstructionSize);
  show_lines(cr, L::kMargin, L::kInstructionTop, width, L::kInstructionSize, false,
             wrapped(cr, content.instruction, width));
}

void draw_cut_line(cairo_t* cr) {
  const double dash[] = {3.0, 2.0};
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.2);
  cairo_set_dash(cr, dash, 2, 0);
  cairo_rectangle(cr, -0.5, -0.5, L::kWidth + 1, L::kHeight + 1);
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace rma
