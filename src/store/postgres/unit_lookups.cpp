#include "store/postgres/unit_lookups.hpp"

#include "store/postgres/rows.hpp"
#include "store/rows_read.hpp"

namespace rma::store::pg {
namespace {

// A sales document's columns, then its line's from column 9.
#define RMA_PG_SALES_LINE_SELECT                                                                       \
  "SELECT d.id, d.date, d.delivery_date, d.customer_id, d.channel, d.distance_sale, d.currency,"       \
  " d.jurisdiction, d.discount, l.line_no, l.sku, l.quantity, l.unit_price, l.vat_rate_bp, l.serials," \
  " l.lot, l.dispatch_document, l.packers, l.discount"

// A purchase document's columns, then its line's from column 4.
#define RMA_PG_PURCHASE_LINE_SELECT \
  "SELECT d.id, d.date, d.supplier_id, d.currency, l.line_no, l.sku, l.quantity, l.unit_cost, l.serials"

// Rows of one document next to each other (ORDER BY the document) become one document with
// those lines.
template <class Document, class ReadDocument, class ReadLine>
std::vector<Document> documents_of(const Result& r, ReadDocument read_document, ReadLine read_line) {
  std::vector<Document> out;
  for (int i = 0; i < r.rows(); ++i) {
    if (out.empty() || out.back().id != r.text(i, 0)) out.push_back(read_document(r, i));
    out.back().lines.push_back(read_line(r, i));
  }
  count_registry_rows(r.rows());
  return out;
}

std::vector<SalesDocument> sales_documents_of(const Result& r) {
  return documents_of<SalesDocument>(r, sales_document_row,
                                     [](const Result& x, int i) { return sales_line_row(x, i, 9); });
}

std::vector<PurchaseDocument> purchase_documents_of(const Result& r) {
  return documents_of<PurchaseDocument>(r, purchase_document_row,
                                        [](const Result& x, int i) { return purchase_line_row(x, i, 4); });
}

}  // namespace

std::vector<SalesDocument> PgUnitLookups::sales_lines_by_serial(const std::string& serial) {
  return sales_documents_of(db_.run(
      RMA_PG_SALES_LINE_SELECT
      " FROM sold_serials u JOIN sales_lines l ON l.document_id = u.document_id AND l.line_no = u.line_no"
      " JOIN sales_documents d ON d.id = u.document_id WHERE u.serial = ? ORDER BY d.id, l.line_no",
      Params().add(serial)));
}

std::vector<SalesDocument> PgUnitLookups::sales_lines_by_customer(const std::string& customer_id,
                                                                  const std::string& sku) {
  return sales_documents_of(db_.run(RMA_PG_SALES_LINE_SELECT
                                    " FROM sales_documents d JOIN sales_lines l ON l.document_id = d.id"
                                    " WHERE d.customer_id = ? AND l.sku = ? ORDER BY d.id, l.line_no",
                                    Params().add(customer_id).add(sku)));
}

std::optional<SalesDocument> PgUnitLookups::find_sales_line(const std::string& document, std::int32_t line_no) {
  std::vector<SalesDocument> found = sales_documents_of(
      db_.run(RMA_PG_SALES_LINE_SELECT
              " FROM sales_documents d JOIN sales_lines l ON l.document_id = d.id WHERE d.id = ? AND l.line_no = ?",
              Params().add(document).add(line_no)));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<PurchaseDocument> PgUnitLookups::purchase_lines_by_serial(const std::string& serial) {
  return purchase_documents_of(db_.run(RMA_PG_PURCHASE_LINE_SELECT
                                       " FROM purchased_serials u JOIN purchase_lines l ON l.document_id = u.document_id"
                                       " AND l.line_no = u.line_no JOIN purchase_documents d ON d.id = u.document_id"
                                       " WHERE u.serial = ? ORDER BY d.id, l.line_no",
                                       Params().add(serial)));
}

std::vector<ExtendedWarranty> PgUnitLookups::extended_warranties_of(const std::string& serial) {
  Result r = db_.run(
      "SELECT serial, contract, start, \"end\", coverage FROM extended_warranties WHERE serial = ? ORDER BY contract",
      Params().add(serial));
  std::vector<ExtendedWarranty> out;
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back(ExtendedWarranty{r.text(i, 0), r.text(i, 1), Date::from_iso(r.text(i, 2)),
                                   Date::from_iso(r.text(i, 3)), r.text(i, 4)});
  }
  count_registry_rows(static_cast<std::int64_t>(out.size()));
  return out;
}

std::optional<Store::Replacement> PgUnitLookups::find_replacement(const std::string& serial) {
  Result r = db_.run("SELECT serial, replaced_serial, replaced_on, case_id FROM unit_replacements WHERE serial = ?",
                     Params().add(serial));
  if (r.rows() == 0) return std::nullopt;
  count_registry_rows(1);
  return Store::Replacement{r.text(0, 0), r.text(0, 1), Date::from_iso(r.text(0, 2)), r.int64(0, 3)};
}

std::optional<Date> PgUnitLookups::find_registration(const std::string& serial) {
  Result r = db_.run("SELECT registered_on FROM unit_registrations WHERE serial = ?", Params().add(serial));
  if (r.rows() == 0) return std::nullopt;
  count_registry_rows(1);
  return Date::from_iso(r.text(0, 0));
}

template <class Document>
void PgUnitLookups::write_serials(const char* remove, const char* add, const Document& d) {
  db_.run(remove, Params().add(d.id));
  for (const auto& l : d.lines) {
    for (const std::string& serial : l.serials) {
      if (serial.empty()) continue;
      db_.run(add, Params().add(serial).add(d.id).add(l.line_no));
    }
  }
}

// Import validation keeps a serial to one line of a document; DO NOTHING keeps a document written
// before that rule storable.
void PgUnitLookups::write_sold_serials(const SalesDocument& d) {
  write_serials("DELETE FROM sold_serials WHERE document_id = ?",
                "INSERT INTO sold_serials (serial, document_id, line_no) VALUES (?,?,?) ON CONFLICT DO NOTHING", d);
}

void PgUnitLookups::write_purchased_serials(const PurchaseDocument& d) {
  write_serials("DELETE FROM purchased_serials WHERE document_id = ?",
                "INSERT INTO purchased_serials (serial, document_id, line_no) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                d);
}

}  // namespace rma::store::pg
