// engine/unit_cache.hpp — the unit registry as the engine reads it: every look-up first makes sure
// the registry holds its key and reads the key from the store when it does not
// (engine/index_loading.hpp), so callers never see a registry that lacks what they ask for.
// What stays afterwards is Options::index_mode's business (WarrantyModule): lazy keeps it,
// store_only forgets it when the command ends, eager loaded every key at open.
//
// The look-ups have the names and answers of index::UnitRegistry's; pointers stay valid until
// the command ends. Not thread-safe: used under the engine's command lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "index/unit_registry.hpp"
#include "store/store.hpp"

namespace rma {

class UnitCache {
 public:
  UnitCache(index::UnitRegistry& registry, const std::unique_ptr<store::Store>& store)
      : registry_(registry), store_(store) {}

  const index::UnitRegistry::SerialFacts* facts(const std::string& serial);
  std::vector<const SoldUnit*> by_serial(const std::string& serial);
  const SoldUnit* newest_by_serial(const std::string& serial);
  std::vector<const SoldUnit*> by_customer(const std::string& customer_id, const std::string& sku);
  std::vector<const SoldUnit*> by_document(const std::string& document);
  std::vector<const SoldUnit*> by_line(const std::string& document, std::int32_t line_no);
  const DocumentDiscount* document_discount(const std::string& document);
  const Product* product(const std::string& sku);
  const store::Store::Replacement* replacement_of(const std::string& serial);

  // This engine's writes, handed over as they are stored: held keys stay complete.
  void put_sales_document(const SalesDocument& d) { registry_.put_sales_document(d); }
  void put_purchase_document(const PurchaseDocument& d) { registry_.put_purchase_document(d); }
  void put_product(const Product& p) { registry_.put_product(p); }
  void put_extended_warranty(const ExtendedWarranty& w) { registry_.put_extended_warranty(w); }
  void put_replacement(const store::Store::Replacement& r) { registry_.put_replacement(r); }
  void put_registration(const std::string& serial, Date on) { registry_.put_registration(serial, on); }

 private:
  // The serial's facts (nullptr if none), loaded first unless held.
  const index::UnitRegistry::SerialFacts* need_serial(const std::string& serial);
  void need_document(const std::string& document);

  index::UnitRegistry& registry_;
  const std::unique_ptr<store::Store>& store_;
};

}  // namespace rma
