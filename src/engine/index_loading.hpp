// engine/index_loading.hpp — filling the in-memory indexes from the store.
//
// The indexes of index/ never read the store themselves: the engine reads what they hold and
// hands it to them, so an index does not depend on how, or from which backend, its rows come.
#pragma once

#include "index/unit_registry.hpp"
#include "store/store.hpp"

namespace rma {

// Replaces the registry's contents with the stored sales and purchase documents, the catalogue,
// extended warranties, replacements and registrations.
void load_unit_registry(store::Store& store, index::UnitRegistry& registry);

}  // namespace rma
