// store/postgres/unit_lookups.hpp — the unit registry's look-ups by key on PostgreSQL, the twin of
// store/sqlite/unit_lookups.hpp (same tables, same statements but for the driver): each a B-tree
// look-up on a serial, a customer or a document line; sold and purchased serials get a row each,
// written with their document.
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rma/sales.hpp"
#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace rma::store::pg {

class PgUnitLookups {
 public:
  explicit PgUnitLookups(Connection& db) : db_(db) {}

  std::vector<SalesDocument> sales_lines_by_serial(const std::string& serial);
  std::vector<SalesDocument> sales_lines_by_customer(const std::string& customer_id, const std::string& sku);
  std::optional<SalesDocument> find_sales_line(const std::string& document, std::int32_t line_no);
  std::vector<PurchaseDocument> purchase_lines_by_serial(const std::string& serial);
  std::vector<ExtendedWarranty> extended_warranties_of(const std::string& serial);
  std::optional<Store::Replacement> find_replacement(const std::string& serial);
  std::optional<Date> find_registration(const std::string& serial);

  void write_sold_serials(const SalesDocument& d);
  void write_purchased_serials(const PurchaseDocument& d);

 private:
  template <class Document>
  void write_serials(const char* remove, const char* add, const Document& d);

  Connection& db_;
};

}  // namespace rma::store::pg
