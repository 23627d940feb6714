#include "events/chain.hpp"

#include <sodium.h>

#include <cstring>

namespace rma::events {
namespace {

constexpr std::string_view kTag = "librma-event-v1";

// Little-endian whatever the machine, so a hash means the same on every host.
void put_u64(unsigned char* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<unsigned char>(v & 0xff);
    v >>= 8;
  }
}

void add(crypto_generichash_state& state, const void* bytes, std::size_t size) {
  crypto_generichash_update(&state, static_cast<const unsigned char*>(bytes), size);
}

void add_sized(crypto_generichash_state& state, std::string_view text) {
  unsigned char size[8];
  put_u64(size, text.size());
  add(state, size, sizeof size);
  add(state, text.data(), text.size());
}

}  // namespace

void crypto_ready() {
  // sodium_init picks the fastest BLAKE2b and Ed25519 code for this CPU and seeds the random
  // generator; it is safe to call from several threads and more than once.
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

ChainHash chain_hash(const ChainHash& previous, const ChainedContent& event) {
  crypto_ready();
  // The fixed-size head in one buffer: fewer calls into the hash for the part every event has.
  unsigned char head[kTag.size() + kChainHashBytes + 3 * 8];
  std::memcpy(head, kTag.data(), kTag.size());
  std::memcpy(head + kTag.size(), previous.data(), kChainHashBytes);
  unsigned char* numbers = head + kTag.size() + kChainHashBytes;
  put_u64(numbers, static_cast<std::uint64_t>(event.seq));
  put_u64(numbers + 8, static_cast<std::uint64_t>(event.case_id));
  put_u64(numbers + 16, static_cast<std::uint64_t>(event.at_micros));

  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kChainHashBytes);
  add(state, head, sizeof head);
  add_sized(state, event.case_number);
  add_sized(state, event.actor);
  add_sized(state, event.type);
  add_sized(state, event.data);
  ChainHash out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
  return out;
}

bool from_hex(std::string_view hex, unsigned char* out, std::size_t size) {
  if (hex.size() != 2 * size) return false;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < size; ++i) {
    const int high = digit(hex[2 * i]);
    const int low = digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return true;
}

std::optional<ChainHash> hash_from_bytes(std::string_view bytes) {
  if (bytes.size() != kChainHashBytes) return std::nullopt;
  ChainHash h{};
  std::memcpy(h.data(), bytes.data(), kChainHashBytes);
  return h;
}

}  // namespace rma::events
