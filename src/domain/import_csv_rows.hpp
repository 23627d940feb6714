// domain/import_csv_rows.hpp — the columns of each kind of CSV import, a data row's cells read by
// column, and the records rows make: a party or product per row, a document from the rows that
// share its id (one row per document line).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/import_csv_tokenizer.hpp"
#include "domain/import_records.hpp"

namespace rma::domain::import_detail {

struct Column {
  const char* name;
  bool required;  // the header must have it (its values are required too)
};

// Column indexes of each kind, in the order of their tables (import_csv_rows.cpp).
namespace customer_col {
enum : int { id, name, tax_id, email, phones, tier, language, address };
}
namespace supplier_col {
enum : int { id, name, tax_id, email, phones, address };
}
namespace product_col {
enum : int { sku, name, brand, category, supplier_id, serialized };
}
namespace sales_col {
enum : int { id, date, delivery_date, customer_id, channel, distance_sale, currency, jurisdiction,
             line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot, dispatch_document, packers,
             document_discount, discount };
}
namespace purchase_col {
enum : int { id, date, supplier_id, currency, line_no, sku, quantity, unit_cost, serials };
}

// The columns of the widest kind (sales documents): the size of a row's column-to-cell map.
inline constexpr std::size_t kMaxColumns = 19;

struct ColumnTable {
  const Column* columns;
  std::size_t count;
};

// The column table of `kind`; Status::invalid_argument for a value outside the enum.
ColumnTable columns_of(ImportKind kind);

// One data row, its cells looked up by column index. An empty cell counts as absent.
class Row {
 public:
  Row(const ColumnTable& table, const std::array<int, kMaxColumns>& position, const std::vector<Cell>& cells)
      : table_(table), position_(position), cells_(cells) {}

  const char* name(int column) const { return table_.columns[column].name; }

  const Cell* cell(int column) const {
    const int at = position_[static_cast<std::size_t>(column)];
    if (at < 0) return nullptr;
    const Cell& c = cells_[static_cast<std::size_t>(at)];
    return c.text.empty() ? nullptr : &c;
  }

  std::string text(int column) const {
    const Cell* c = cell(column);
    return c == nullptr ? std::string() : c->str();
  }

  // Values that are not text: numbers, dates and flags never need unescaping to be read.
  std::string_view raw(int column) const;

  std::optional<std::int64_t> optional_integer(int column, std::int64_t min, std::int64_t max) const;
  std::int64_t integer(int column, std::int64_t min, std::int64_t max) const;
  std::optional<Date> optional_date(int column) const;
  Date date(int column) const;

  // true/false in any letter case (spreadsheets write TRUE), or 1/0.
  bool boolean(int column, bool fallback) const;

  Channel channel(int column) const;

  // A '|'-separated list; an empty cell is an empty list, an empty item is an error.
  std::vector<std::string> list(int column) const;

  // Address columns `first`.. in kAddressParts order; no address if they are all empty.
  void read_address(int first, std::vector<Address>& out) const;

 private:
  const ColumnTable& table_;
  const std::array<int, kMaxColumns>& position_;
  const std::vector<Cell>& cells_;
};

// The record of one row of customers, suppliers or products; validate_record checks it.
Customer read_customer(const Row& row);
Supplier read_supplier(const Row& row);
Product read_product(const Row& row);

// How each kind of document reads its rows: the document columns repeated on every row, and the
// line columns of the row's own line.
struct SalesRows {
  using Document = SalesDocument;
  static constexpr int id = sales_col::id;
  static constexpr int line_no = sales_col::line_no;
  static constexpr std::array<int, 9> header_columns = {sales_col::id,          sales_col::date,
                                                         sales_col::delivery_date, sales_col::customer_id,
                                                         sales_col::channel,     sales_col::distance_sale,
                                                         sales_col::currency,    sales_col::jurisdiction,
                                                         sales_col::document_discount};

  static void validate_header(const SalesDocument& d, const Limits& limits) { validate_sales_header(d, limits); }

  static void read_header(const Row& row, SalesDocument& d);

  // The first document column whose value differs, or -1.
  static int difference(const SalesDocument& a, const SalesDocument& b);

  static void read_line(const Row& row, std::int32_t position, SalesDocument& d);
};

struct PurchaseRows {
  using Document = PurchaseDocument;
  static constexpr int id = purchase_col::id;
  static constexpr int line_no = purchase_col::line_no;
  static constexpr std::array<int, 4> header_columns = {purchase_col::id, purchase_col::date,
                                                         purchase_col::supplier_id, purchase_col::currency};

  static void validate_header(const PurchaseDocument& d, const Limits& limits) {
    validate_purchase_header(d, limits);
  }

  static void read_header(const Row& row, PurchaseDocument& d);

  static int difference(const PurchaseDocument& a, const PurchaseDocument& b);

  static void read_line(const Row& row, std::int32_t position, PurchaseDocument& d);
};

}  // namespace rma::domain::import_detail
