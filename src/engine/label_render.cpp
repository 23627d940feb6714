// SVG, PNG and PDF from one drawing: cairo (Debian libcairo2-dev) writes all three, embeds the
// fonts' glyphs in PDF and SVG and rasterises text for PNG, which a hand-written PDF (base-14
// fonts have no ł, ș or ț) or libharu (PDF only, no PNG or SVG) could not do alone.
#include "engine/label_render.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <cmath>
#include <memory>
#include <string>

#include "engine/label_barcode.hpp"
#include "engine/label_draw.hpp"
#include "engine/label_layout.hpp"
#include "rma/error.hpp"

namespace rma {

namespace {

namespace L = label_layout;

constexpr double kPointsPerMm = 72.0 / 25.4;

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_NO_MEMORY;
  }
}

void check(cairo_status_t status, const char* what) {
  if (status == CAIRO_STATUS_NO_MEMORY) throw std::bad_alloc();
  if (status != CAIRO_STATUS_SUCCESS)
    throw Error(Status::internal, "format", std::string(what) + ": " + cairo_status_to_string(status));
}

// Draws the page on `cr`, whose user units are mm: the label, or an A4 sheet with the label in a
// cut line at an offset on the dot grid (the barcode's modules stay whole dots).
void draw_page(cairo_t* cr, const domain::LabelContent& content, const BarcodeMatrix& code, const LabelRequest& r) {
  if (r.page == LabelPage::a4) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double dot = 1.0 / L::dots_per_mm(r.dpi);
    const double offset = std::floor(L::kA4Offset / dot) * dot;
    cairo_translate(cr, offset, offset);
    draw_cut_line(cr);
  }
  draw_label(cr, content, code, r.dpi);
}

double page_width(const LabelRequest& r) { return r.page == LabelPage::a4 ? L::kA4Width : L::kWidth; }
double page_height(const LabelRequest& r) { return r.page == LabelPage::a4 ? L::kA4Height : L::kHeight; }

std::string vector_file(const domain::LabelContent& content, const BarcodeMatrix& code, const LabelRequest& r) {
  std::string out;
  const double w = page_width(r) * kPointsPerMm;
  const double h = page_height(r) * kPointsPerMm;
  {
    Surface surface(r.format == LabelFormat::pdf ? cairo_pdf_surface_create_for_stream(append, &out, w, h)
                                                 : cairo_svg_surface_create_for_stream(append, &out, w, h));
    check(cairo_surface_status(surface.get()), "creating the surface");
    if (r.format == LabelFormat::pdf) {
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, content.number.c_str());
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "librma");
    } else {
      cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
    }
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), kPointsPerMm, kPointsPerMm);
    draw_page(cr.get(), content, code, r);
    cairo_show_page(cr.get());
    check(cairo_status(cr.get()), "drawing");
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), "finishing the file");
  }
  return out;
}

std::string png_file(const domain::LabelContent& content, const BarcodeMatrix& code, const LabelRequest& r) {
  const double dpm = L::dots_per_mm(r.dpi);
  const auto w = static_cast<int>(std::lround(page_width(r) * dpm));
  const auto h = static_cast<int>(std::lround(page_height(r) * dpm));
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  check(cairo_surface_status(surface.get()), "creating the image");
  {
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), dpm, dpm);
    draw_page(cr.get(), content, code, r);
    check(cairo_status(cr.get()), "drawing");
  }
  std::string out;
  check(cairo_surface_write_to_png_stream(surface.get(), append, &out), "writing the PNG");
  return out;
}

}  // namespace

void check_label_request(const LabelRequest& r) {
  if (r.dpi < kMinLabelDpi || r.dpi > kMaxLabelDpi)
    throw Error(Status::out_of_range, "dpi",
                "must be between " + std::to_string(kMinLabelDpi) + " and " + std::to_string(kMaxLabelDpi) +
                    ", got " + std::to_string(r.dpi));
  if (r.format == LabelFormat::zpl && r.page != LabelPage::label)
    throw Error(Status::invalid_argument, "page",
                std::string("a ZPL label prints on the label itself; page must be \"label\", got \"") +
                    label_page_name(r.page) + "\"");
}

std::string render_label_file(const domain::LabelContent& content, const LabelRequest& request) {
  check_label_request(request);
  if (request.format == LabelFormat::zpl) return label_zpl(content, request);
  const BarcodeMatrix code = encode_barcode(request.symbology, content.payload);
  if (request.format == LabelFormat::png) return png_file(content, code, request);
  return vector_file(content, code, request);
}

}  // namespace rma
