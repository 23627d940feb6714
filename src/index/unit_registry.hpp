// index/unit_registry.hpp — everything a warranty check needs, in memory: sold units (by serial,
// by customer and SKU, by document), purchased units, the catalogue, extended warranty contracts,
// replacements and registrations.
//
// The engine fills it from the store at open (engine/index_loading.hpp) and keeps it in step with
// its own writes; another
// process's import or configuration change makes the engine reload it. Not thread-safe: the
// engine serializes access.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rma/product.hpp"
#include "rma/sales.hpp"
#include "rma/valuation.hpp"
#include "store/store.hpp"

namespace rma::index {

class UnitRegistry {
 public:
  UnitRegistry();
  ~UnitRegistry();
  UnitRegistry(const UnitRegistry&) = delete;
  UnitRegistry& operator=(const UnitRegistry&) = delete;

  void clear();

  // Replaces whatever the registry held from a document of the same id.
  void put_sales_document(const SalesDocument& d);
  void put_purchase_document(const PurchaseDocument& d);
  void put_product(const Product& p);
  void put_extended_warranty(const ExtendedWarranty& w);
  void put_replacement(const store::Store::Replacement& r);
  void put_registration(const std::string& serial, Date on);

  // Everything known about one serial, found with one look-up (the warranty check's hot path).
  // Kept small, with pointers to the rarer facts, so that a million of them stay cache friendly.
  struct SerialFacts {
    const SoldUnit* newest_sale = nullptr;
    const PurchasedUnit* purchased = nullptr;
    const std::vector<ExtendedWarranty>* contracts = nullptr;
    const store::Store::Replacement* replacement = nullptr;  // set if this serial replaced another
    std::optional<Date> registration;
  };
  const SerialFacts* facts(const std::string& serial) const;

  // Newest sale first.
  std::vector<const SoldUnit*> by_serial(const std::string& serial) const;
  const SoldUnit* newest_by_serial(const std::string& serial) const;
  std::vector<const SoldUnit*> by_customer(const std::string& customer_id, const std::string& sku) const;
  std::vector<const SoldUnit*> by_document(const std::string& document) const;
  // The units of one sales line (one per serial, or one for the whole line).
  std::vector<const SoldUnit*> by_line(const std::string& document, std::int32_t line_no) const;
  // A sales document's discount with each line's total after its own discount (the weights it
  // is shared by); nullptr when the document has no discount.
  const DocumentDiscount* document_discount(const std::string& document) const;

  const PurchasedUnit* purchased(const std::string& serial) const;
  const Product* product(const std::string& sku) const;
  std::vector<ExtendedWarranty> contracts(const std::string& serial) const;
  const store::Store::Replacement* replacement_of(const std::string& serial) const;  // serial is the new unit
  std::vector<const store::Store::Replacement*> replaced_by(const std::string& serial) const;
  std::optional<Date> registration(const std::string& serial) const;

  std::int64_t sold_units() const;

 private:
  struct Containers;
  std::unique_ptr<Containers> c_;
};

}  // namespace rma::index
