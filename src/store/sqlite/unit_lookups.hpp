// store/sqlite/unit_lookups.hpp — the unit registry's look-ups by key in SQL (store.hpp), and the
// tables of sold and purchased serials they rest on (schema version 8): sales and purchase lines
// keep their serials in one '|'-joined column, so each document's serials are also written one
// row each, keyed by serial, in the same transaction as its lines.
//
// Each look-up is a B-tree search on a key: a serial (sold_serials, purchased_serials,
// extended_warranties, unit_replacements, unit_registrations), a customer (sales_documents
// by customer, then its lines of one SKU), a document and line (sales_lines' primary key).
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rma/sales.hpp"
#include "store/sqlite/statements.hpp"
#include "store/store.hpp"

namespace rma::store {

class SqliteUnitLookups {
 public:
  explicit SqliteUnitLookups(SQLite::Database& db) : statements_(db) {}

  std::vector<SalesDocument> sales_lines_by_serial(const std::string& serial);
  std::vector<SalesDocument> sales_lines_by_customer(const std::string& customer_id, const std::string& sku);
  std::optional<SalesDocument> find_sales_line(const std::string& document, std::int32_t line_no);
  std::vector<PurchaseDocument> purchase_lines_by_serial(const std::string& serial);
  std::vector<ExtendedWarranty> extended_warranties_of(const std::string& serial);
  std::optional<Store::Replacement> find_replacement(const std::string& serial);
  std::optional<Date> find_registration(const std::string& serial);

  // Rewrites a document's rows of sold (purchased) serials; the caller has written its lines.
  void write_sold_serials(const SalesDocument& d, bool replaces);  // replaces: remove the old rows first
  void write_purchased_serials(const PurchaseDocument& d);

 private:
  // Rewrites the rows of `d`'s serials in the table that `remove` and `add` name.
  template <class Document>
  void write_serials(const char* remove, const char* add, const Document& d, bool replaces);

  Statements statements_;
};

}  // namespace rma::store
