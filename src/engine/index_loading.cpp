#include "engine/index_loading.hpp"

#include <utility>

namespace rma {

void load_unit_registry(store::Store& store, index::UnitRegistry& registry) {
  registry.clear();
  // Complete from the start, so the puts below track no keys; a failed load leaves it empty.
  registry.set_complete();
  try {
    store.for_each_sales_document([&](SalesDocument&& d) { registry.put_sales_document(d); });
    store.for_each_purchase_document([&](PurchaseDocument&& d) { registry.put_purchase_document(d); });
    for (Product& p : store.all_products()) registry.put_product(p);
    for (ExtendedWarranty& w : store.all_extended_warranties()) registry.put_extended_warranty(w);
    for (const auto& r : store.all_replacements()) registry.put_replacement(r);
    for (const auto& [serial, on] : store.all_registrations()) registry.put_registration(serial, on);
  } catch (...) {
    registry.clear();
    throw;
  }
}

void load_serial(store::Store& store, index::UnitRegistry& registry, const std::string& serial) {
  index::UnitRegistry::SerialRecords records;
  records.sales = store.sales_lines_by_serial(serial);
  records.purchases = store.purchase_lines_by_serial(serial);
  records.contracts = store.extended_warranties_of(serial);
  records.replacement = store.find_replacement(serial);
  records.registration = store.find_registration(serial);
  registry.fill_serial(serial, records);
}

void load_customer_units(store::Store& store, index::UnitRegistry& registry, const std::string& customer_id,
                         const std::string& sku) {
  registry.fill_customer(customer_id, sku, store.sales_lines_by_customer(customer_id, sku));
}

void load_sales_document(store::Store& store, index::UnitRegistry& registry, const std::string& document) {
  registry.fill_document(document, store.find_sales_document(document));
}

void load_sales_line(store::Store& store, index::UnitRegistry& registry, const std::string& document,
                     std::int32_t line_no) {
  registry.fill_line(document, line_no, store.find_sales_line(document, line_no));
}

void load_product(store::Store& store, index::UnitRegistry& registry, const std::string& sku) {
  registry.fill_product(sku, store.find_product(sku));
}

}  // namespace rma
