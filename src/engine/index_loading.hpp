// engine/index_loading.hpp — filling the in-memory indexes from the store.
//
// The indexes of index/ never read the store themselves: the engine reads what they hold and
// hands it to them, so an index does not depend on how, or from which backend, its rows come.
#pragma once

#include <cstdint>
#include <string>

#include "index/unit_registry.hpp"
#include "store/store.hpp"

namespace rma {

// Replaces the registry's contents with the stored sales and purchase documents, the catalogue,
// extended warranties, replacements and registrations; the registry then holds every key.
void load_unit_registry(store::Store& store, index::UnitRegistry& registry);

// One key of the registry (Options::index_mode lazy and store_only): what the store holds for
// it, read with the store's keyed look-ups and handed to the registry, which then holds the key.
void load_serial(store::Store& store, index::UnitRegistry& registry, const std::string& serial);
void load_customer_units(store::Store& store, index::UnitRegistry& registry, const std::string& customer_id,
                         const std::string& sku);
void load_sales_document(store::Store& store, index::UnitRegistry& registry, const std::string& document);
void load_sales_line(store::Store& store, index::UnitRegistry& registry, const std::string& document,
                     std::int32_t line_no);
void load_product(store::Store& store, index::UnitRegistry& registry, const std::string& sku);

}  // namespace rma
