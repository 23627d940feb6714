// store/copy/content_hash.hpp — the hash of a table's content that a copy compares between its
// source and its target (rma/store_copy.hpp).
//
// Each value enters the hash as the target keeps it (a tag for its type, then an integer's 8
// bytes or a text's or bytes' length and bytes), so two backends that store the same values in
// their own formats (SQLite's integer, text and blob cells; PostgreSQL's bigint, text and bytea)
// give the same hash, and no two different rows do by running into each other. BLAKE2b-256
// through libsodium.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace rma::store::copy {

class ContentHash {
 public:
  ContentHash();
  void add_null();
  void add_integer(std::int64_t v);
  void add_text(std::string_view v);
  void add_bytes(std::string_view v);
  // The hash of everything added, as 64 lower-case hex digits; call once.
  std::string hex();

 private:
  void add_sized(char tag, std::string_view v);
  void feed(const void* data, std::size_t size);

  crypto_generichash_state state_;
};

}  // namespace rma::store::copy
