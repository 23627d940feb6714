#include "engine/index_loading.hpp"

#include <utility>

namespace rma {

void load_unit_registry(store::Store& store, index::UnitRegistry& registry) {
  registry.clear();
  store.for_each_sales_document([&](SalesDocument&& d) { registry.put_sales_document(d); });
  store.for_each_purchase_document([&](PurchaseDocument&& d) { registry.put_purchase_document(d); });
  for (Product& p : store.all_products()) registry.put_product(p);
  for (ExtendedWarranty& w : store.all_extended_warranties()) registry.put_extended_warranty(w);
  for (const auto& r : store.all_replacements()) registry.put_replacement(r);
  for (const auto& [serial, on] : store.all_registrations()) registry.put_registration(serial, on);
}

}  // namespace rma
