#include "store/column_dictionaries.hpp"

#include <iterator>

namespace rma::store {
namespace {

// Each file is written by scripts/train-dictionary and committed; never edit or regenerate one.
const unsigned char kJson32768[] = {
#include "store/dictionaries/json_32768.inc"
};

// Every dictionary ever released, oldest first; the last one compresses new values.
const ColumnDictionary kDictionaries[] = {
    {32768, std::string_view(reinterpret_cast<const char*>(kJson32768), sizeof(kJson32768))},
};

}  // namespace

const ColumnDictionary& current_dictionary() noexcept { return kDictionaries[std::size(kDictionaries) - 1]; }

const ColumnDictionary* find_dictionary(std::uint32_t id) noexcept {
  for (const ColumnDictionary& d : kDictionaries) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace rma::store
