// engine/label_barcode.hpp — a 2D barcode as a matrix of modules, encoded by libzint.
//
// QR is encoded at error correction level Q (25 % of the symbol may be lost: a scuffed parcel
// still scans); DataMatrix as ECC 200, square. The drawing code turns the modules into
// rectangles itself, so every output format shows the same symbol.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rma/label.hpp"

namespace rma {

struct BarcodeMatrix {
  std::int32_t rows = 0;
  std::int32_t columns = 0;
  std::vector<bool> dark;  // row by row
  // The light margin scanners need around the symbol, in modules: 4 for QR, 1 for DataMatrix.
  std::int32_t quiet_zone = 0;

  bool at(std::int32_t row, std::int32_t column) const {
    return dark[static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(column)];
  }
};

// Throws Error(internal) naming "payload" if libzint refuses it (it never should: a payload is
// an RMA number of at most 36 characters and a line number).
BarcodeMatrix encode_barcode(LabelSymbology symbology, const std::string& payload);

}  // namespace rma
