// events/chain.hpp — the hash chain that makes the audit log tamper-evident (docs/audit.md).
//
// Every event stores a hash of its own content and of the hash of the event before it (by seq,
// across the whole store), so changing, removing, moving or inserting an event breaks every link
// after it unless all later hashes are computed again — which the signed checkpoints
// (events/checkpoint.hpp) then expose.
//
// The hash is over the event's logical content, not over the bytes a backend stores: the data is
// hashed as its decoded JSON text, so a copy to another backend or a re-compression keeps
// verifying, and an auditor can recompute every hash from an exported JSON copy. The byte layout
// (docs/audit.md, "The byte layout") is, in order:
//   the tag "librma-event-v1" (15 bytes, no length),
//   the previous event's hash (32 bytes; 32 zero bytes for the first event),
//   seq, case_id, at (microseconds since 1970 UTC): each 8 bytes, signed, little-endian,
//   case_number, actor, type, data: each its length in bytes (8 bytes, little-endian) then its
//     UTF-8 bytes. case_number is the column as stored: '' for an event of a case (its number
//     lives in the case row), the number for an event about no case.
// BLAKE2b-256 (libsodium's crypto_generichash, no key) of those bytes is the event's hash.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rma::events {

inline constexpr std::size_t kChainHashBytes = 32;
using ChainHash = std::array<unsigned char, kChainHashBytes>;

// The "previous hash" of the first event of a store.
inline constexpr ChainHash kFirstPrevious{};

// What of an event its hash covers.
struct ChainedContent {
  std::int64_t seq = 0;
  std::int64_t case_id = 0;
  std::int64_t at_micros = 0;
  std::string_view case_number;  // as stored: '' for an event of a case
  std::string_view actor;
  std::string_view type;
  std::string_view data;  // the decoded JSON text
};

ChainHash chain_hash(const ChainHash& previous, const ChainedContent& event);

// Prepares libsodium once per process; every function here and in events/checkpoint.hpp calls it.
void crypto_ready();

// Bytes as lower-case hex, and back: nullopt unless `hex` is exactly 2 * size hex digits.
std::string to_hex(const unsigned char* bytes, std::size_t size);
template <std::size_t N>
std::string to_hex(const std::array<unsigned char, N>& bytes) {
  return to_hex(bytes.data(), N);
}
bool from_hex(std::string_view hex, unsigned char* out, std::size_t size);

// A stored hash column's bytes as a hash; nullopt when it is not exactly 32 bytes (NULL, or
// written by something other than librma).
std::optional<ChainHash> hash_from_bytes(std::string_view bytes);

inline std::string_view bytes_of(const ChainHash& h) {
  return std::string_view(reinterpret_cast<const char*>(h.data()), h.size());
}

}  // namespace rma::events
