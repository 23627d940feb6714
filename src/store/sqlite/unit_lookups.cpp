#include "store/sqlite/unit_lookups.hpp"

#include "store/rows_read.hpp"
#include "store/sqlite/rows.hpp"

namespace rma::store {
namespace {

// A sales document's columns, then its line's from column 9 (rows.hpp: sales_document_row,
// sales_line_row).
#define RMA_SALES_LINE_SELECT                                                                          \
  "SELECT d.id, d.date, d.delivery_date, d.customer_id, d.channel, d.distance_sale, d.currency,"       \
  " d.jurisdiction, d.discount, l.line_no, l.sku, l.quantity, l.unit_price, l.vat_rate_bp, l.serials," \
  " l.lot, l.dispatch_document, l.packers, l.discount"

// A purchase document's columns, then its line's from column 4.
#define RMA_PURCHASE_LINE_SELECT \
  "SELECT d.id, d.date, d.supplier_id, d.currency, l.line_no, l.sku, l.quantity, l.unit_cost, l.serials"

// Rows of one document next to each other (ORDER BY the document) become one document with
// those lines.
template <class Document, class ReadDocument, class ReadLine>
std::vector<Document> documents_of(SQLite::Statement& s, ReadDocument read_document, ReadLine read_line) {
  std::vector<Document> out;
  std::int64_t rows = 0;
  while (s.executeStep()) {
    ++rows;
    if (out.empty() || out.back().id != s.getColumn(0).getString()) out.push_back(read_document(s));
    out.back().lines.push_back(read_line(s));
  }
  count_registry_rows(rows);
  return out;
}

std::vector<SalesDocument> sales_documents_of(SQLite::Statement& s) {
  return documents_of<SalesDocument>(s, sales_document_row,
                                     [](SQLite::Statement& row) { return sales_line_row(row, 9); });
}

std::vector<PurchaseDocument> purchase_documents_of(SQLite::Statement& s) {
  return documents_of<PurchaseDocument>(s, purchase_document_row,
                                        [](SQLite::Statement& row) { return purchase_line_row(row, 4); });
}

}  // namespace

std::vector<SalesDocument> SqliteUnitLookups::sales_lines_by_serial(const std::string& serial) {
  auto s = statements_.get(
      RMA_SALES_LINE_SELECT
      " FROM sold_serials u JOIN sales_lines l ON l.document_id = u.document_id AND l.line_no = u.line_no"
      " JOIN sales_documents d ON d.id = u.document_id WHERE u.serial = ? ORDER BY d.id, l.line_no");
  s->bind(1, serial);
  return sales_documents_of(*s);
}

std::vector<SalesDocument> SqliteUnitLookups::sales_lines_by_customer(const std::string& customer_id,
                                                                      const std::string& sku) {
  auto s = statements_.get(RMA_SALES_LINE_SELECT
                           " FROM sales_documents d JOIN sales_lines l ON l.document_id = d.id"
                           " WHERE d.customer_id = ? AND l.sku = ? ORDER BY d.id, l.line_no");
  s->bind(1, customer_id);
  s->bind(2, sku);
  return sales_documents_of(*s);
}

std::optional<SalesDocument> SqliteUnitLookups::find_sales_line(const std::string& document, std::int32_t line_no) {
  auto s = statements_.get(RMA_SALES_LINE_SELECT
                           " FROM sales_documents d JOIN sales_lines l ON l.document_id = d.id"
                           " WHERE d.id = ? AND l.line_no = ?");
  s->bind(1, document);
  s->bind(2, line_no);
  std::vector<SalesDocument> found = sales_documents_of(*s);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<PurchaseDocument> SqliteUnitLookups::purchase_lines_by_serial(const std::string& serial) {
  auto s = statements_.get(RMA_PURCHASE_LINE_SELECT
                           " FROM purchased_serials u JOIN purchase_lines l ON l.document_id = u.document_id"
                           " AND l.line_no = u.line_no JOIN purchase_documents d ON d.id = u.document_id"
                           " WHERE u.serial = ? ORDER BY d.id, l.line_no");
  s->bind(1, serial);
  return purchase_documents_of(*s);
}

std::vector<ExtendedWarranty> SqliteUnitLookups::extended_warranties_of(const std::string& serial) {
  auto s = statements_.get(
      "SELECT serial, contract, start, end, coverage FROM extended_warranties WHERE serial = ? ORDER BY contract");
  s->bind(1, serial);
  std::vector<ExtendedWarranty> out;
  while (s->executeStep()) {
    out.push_back(ExtendedWarranty{s->getColumn(0).getString(), s->getColumn(1).getString(),
                                   Date::from_iso(s->getColumn(2).getString()),
                                   Date::from_iso(s->getColumn(3).getString()), s->getColumn(4).getString()});
  }
  count_registry_rows(static_cast<std::int64_t>(out.size()));
  return out;
}

std::optional<Store::Replacement> SqliteUnitLookups::find_replacement(const std::string& serial) {
  auto s = statements_.get(
      "SELECT serial, replaced_serial, replaced_on, case_id FROM unit_replacements WHERE serial = ?");
  s->bind(1, serial);
  if (!s->executeStep()) return std::nullopt;
  count_registry_rows(1);
  return Store::Replacement{s->getColumn(0).getString(), s->getColumn(1).getString(),
                            Date::from_iso(s->getColumn(2).getString()), s->getColumn(3).getInt64()};
}

std::optional<Date> SqliteUnitLookups::find_registration(const std::string& serial) {
  auto s = statements_.get("SELECT registered_on FROM unit_registrations WHERE serial = ?");
  s->bind(1, serial);
  if (!s->executeStep()) return std::nullopt;
  count_registry_rows(1);
  return Date::from_iso(s->getColumn(0).getString());
}

template <class Document>
void SqliteUnitLookups::write_serials(const char* remove, const char* add, const Document& d, bool replaces) {
  if (replaces) {
    auto del = statements_.get(remove);
    del->bind(1, d.id);
    del->exec();
  }
  auto put = statements_.get(add);
  for (const auto& l : d.lines) {
    for (const std::string& serial : l.serials) {
      if (serial.empty()) continue;
      put->reset();
      put->bindNoCopy(1, serial);  // the document outlives the statement's execution
      put->bindNoCopy(2, d.id);
      put->bind(3, l.line_no);
      put->exec();
    }
  }
}

// Import validation keeps a serial to one line of a document; OR IGNORE keeps a document written
// before that rule storable.
void SqliteUnitLookups::write_sold_serials(const SalesDocument& d, bool replaces) {
  write_serials("DELETE FROM sold_serials WHERE document_id = ?",
                "INSERT OR IGNORE INTO sold_serials (serial, document_id, line_no) VALUES (?,?,?)", d, replaces);
}

void SqliteUnitLookups::write_purchased_serials(const PurchaseDocument& d) {
  write_serials("DELETE FROM purchased_serials WHERE document_id = ?",
                "INSERT OR IGNORE INTO purchased_serials (serial, document_id, line_no) VALUES (?,?,?)", d, true);
}

}  // namespace rma::store
