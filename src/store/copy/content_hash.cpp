#include "store/copy/content_hash.hpp"

#include <array>

namespace rma::store::copy {
namespace {

constexpr std::size_t kHashBytes = 32;

// Little-endian whatever the machine, so a hash means the same on every host.
std::array<unsigned char, 8> little_endian(std::uint64_t v) {
  std::array<unsigned char, 8> out{};
  for (unsigned char& b : out) {
    b = static_cast<unsigned char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

}  // namespace

ContentHash::ContentHash() { crypto_generichash_init(&state_, nullptr, 0, kHashBytes); }

void ContentHash::feed(const void* data, std::size_t size) {
  crypto_generichash_update(&state_, static_cast<const unsigned char*>(data), size);
}

void ContentHash::add_null() { feed("n", 1); }

void ContentHash::add_integer(std::int64_t v) {
  feed("i", 1);
  const auto bytes = little_endian(static_cast<std::uint64_t>(v));
  feed(bytes.data(), bytes.size());
}

void ContentHash::add_text(std::string_view v) { add_sized('t', v); }
void ContentHash::add_bytes(std::string_view v) { add_sized('b', v); }

void ContentHash::add_sized(char tag, std::string_view v) {
  feed(&tag, 1);
  const auto size = little_endian(v.size());
  feed(size.data(), size.size());
  feed(v.data(), v.size());
}

std::string ContentHash::hex() {
  std::array<unsigned char, kHashBytes> digest{};
  crypto_generichash_final(&state_, digest.data(), digest.size());
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * digest.size());
  for (unsigned char b : digest) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

}  // namespace rma::store::copy
