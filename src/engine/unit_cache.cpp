#include "engine/unit_cache.hpp"

#include "engine/index_loading.hpp"

namespace rma {

const index::UnitRegistry::SerialFacts* UnitCache::need_serial(const std::string& serial) {
  const index::UnitRegistry::SerialFacts* facts = nullptr;
  if (registry_.held_facts(serial, facts)) return facts;
  load_serial(*store_, registry_, serial);
  registry_.held_facts(serial, facts);
  return facts;
}

void UnitCache::need_document(const std::string& document) {
  if (!registry_.holds_document(document)) load_sales_document(*store_, registry_, document);
}

const index::UnitRegistry::SerialFacts* UnitCache::facts(const std::string& serial) { return need_serial(serial); }

std::vector<const SoldUnit*> UnitCache::by_serial(const std::string& serial) {
  need_serial(serial);
  return registry_.by_serial(serial);
}

const SoldUnit* UnitCache::newest_by_serial(const std::string& serial) {
  const index::UnitRegistry::SerialFacts* facts = need_serial(serial);
  return facts ? facts->newest_sale : nullptr;
}

std::vector<const SoldUnit*> UnitCache::by_customer(const std::string& customer_id, const std::string& sku) {
  if (!registry_.holds_customer(customer_id, sku)) load_customer_units(*store_, registry_, customer_id, sku);
  return registry_.by_customer(customer_id, sku);
}

std::vector<const SoldUnit*> UnitCache::by_document(const std::string& document) {
  need_document(document);
  return registry_.by_document(document);
}

std::vector<const SoldUnit*> UnitCache::by_line(const std::string& document, std::int32_t line_no) {
  if (!registry_.holds_line(document, line_no)) load_sales_line(*store_, registry_, document, line_no);
  return registry_.by_line(document, line_no);
}

const DocumentDiscount* UnitCache::document_discount(const std::string& document) {
  need_document(document);
  return registry_.document_discount(document);
}

const Product* UnitCache::product(const std::string& sku) {
  if (const Product* p = registry_.product(sku)) return p;  // a product the registry has is held
  if (!registry_.holds_product(sku)) load_product(*store_, registry_, sku);
  return registry_.product(sku);
}

const store::Store::Replacement* UnitCache::replacement_of(const std::string& serial) {
  const index::UnitRegistry::SerialFacts* facts = need_serial(serial);
  return facts ? facts->replacement : nullptr;
}

}  // namespace rma
