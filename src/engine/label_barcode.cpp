#include "engine/label_barcode.hpp"

#include <zint.h>

#include <memory>
#include <new>

#include "rma/error.hpp"

namespace rma {

namespace {

constexpr int kQrEccQ = 3;              // libzint's option_1 for QR: 1 L, 2 M, 3 Q, 4 H
constexpr int kDataMatrixSquareOnly = DM_SQUARE;

struct SymbolDeleter {
  void operator()(zint_symbol* s) const { ZBarcode_Delete(s); }
};

// libzint keeps each row's modules as bits, least significant first (its own module_is_set).
bool module_set(const zint_symbol& s, int row, int column) {
  return ((s.encoded_data[row][column >> 3] >> (column & 7)) & 1) != 0;
}

}  // namespace

BarcodeMatrix encode_barcode(LabelSymbology symbology, const std::string& payload) {
  const std::unique_ptr<zint_symbol, SymbolDeleter> symbol(ZBarcode_Create());
  if (!symbol) throw std::bad_alloc();
  BarcodeMatrix out;
  if (symbology == LabelSymbology::qr) {
    symbol->symbology = BARCODE_QRCODE;
    symbol->option_1 = kQrEccQ;
    out.quiet_zone = 4;
  } else {
    symbol->symbology = BARCODE_DATAMATRIX;
    symbol->option_3 = kDataMatrixSquareOnly;
    out.quiet_zone = 1;
  }
  symbol->input_mode = DATA_MODE;  // the bytes as they are: an RMA number is ASCII
  const int result = ZBarcode_Encode(symbol.get(), reinterpret_cast<const unsigned char*>(payload.data()),
                                     static_cast<int>(payload.size()));
  if (result >= ZINT_ERROR)
    throw Error(Status::internal, "payload", std::string("libzint refused the payload: ") + symbol->errtxt);
  out.rows = symbol->rows;
  out.columns = symbol->width;
  out.dark.reserve(static_cast<std::size_t>(out.rows) * static_cast<std::size_t>(out.columns));
  for (int row = 0; row < out.rows; ++row)
    for (int column = 0; column < out.columns; ++column) out.dark.push_back(module_set(*symbol, row, column));
  return out;
}

}  // namespace rma
