// store/column_dictionaries.hpp — the zstd dictionaries built into librma for compressed columns
// (store/column_codec). A released dictionary never changes: a value written with it names it by
// the id in its zstd frame and must read back in every later librma. A better dictionary gets a
// new id (scripts/train-dictionary), is added here and becomes the one new values use; the old
// ones stay for reading.
#pragma once

#include <cstdint>
#include <string_view>

namespace rma::store {

struct ColumnDictionary {
  std::uint32_t id;        // as written in each zstd frame made with it
  std::string_view bytes;  // the dictionary as `zstd --train` wrote it
};

// The dictionary new values are compressed with.
const ColumnDictionary& current_dictionary() noexcept;

// The released dictionary with this id, or nullptr when this librma has none by that id.
const ColumnDictionary* find_dictionary(std::uint32_t id) noexcept;

}  // namespace rma::store
