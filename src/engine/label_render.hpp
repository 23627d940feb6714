// engine/label_render.hpp — a label's content as a file in the format asked for.
#pragma once

#include <string>

#include "domain/label_content.hpp"
#include "rma/label.hpp"

namespace rma {

// Checks the request's members that need no case (dpi 100..600; ZPL only on the label page);
// errors name the member.
void check_label_request(const LabelRequest& request);

// The file's bytes. SVG, PNG and PDF are drawn with cairo; ZPL by label_zpl.
std::string render_label_file(const domain::LabelContent& content, const LabelRequest& request);

// ZPL II for a Zebra printer at request.dpi (engine/label_zpl.cpp).
std::string label_zpl(const domain::LabelContent& content, const LabelRequest& request);

}  // namespace rma
