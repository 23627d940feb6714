// engine/label_draw.hpp — the label drawn with cairo, in millimetres, whatever the surface.
#pragma once

#include <cairo.h>

#include <cstdint>

#include "domain/label_content.hpp"
#include "engine/label_barcode.hpp"

namespace rma {

// Draws the label with its top left corner at the user-space origin; user units are mm. The
// barcode's modules are `module_dots` dots of a `dpi` grid each, drawn without antialiasing.
void draw_label(cairo_t* cr, const domain::LabelContent& content, const BarcodeMatrix& code, std::int32_t dpi);

// The dashed cut line around the label on an A4 page.
void draw_cut_line(cairo_t* cr);

}  // namespace rma
