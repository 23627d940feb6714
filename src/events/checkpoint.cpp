#include "events/checkpoint.hpp"

#include <sodium.h>

#include <cstring>

namespace rma::events {
namespace {

constexpr std::string_view kTag = "librma-checkpoint-v1";
constexpr std::size_t kMessageBytes = kTag.size() + 8 + kChainHashBytes + 8;
using Message = std::array<unsigned char, kMessageBytes>;

void put_u64(unsigned char* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<unsigned char>(v & 0xff);
    v >>= 8;
  }
}

Message message_of(std::int64_t seq, const ChainHash& hash, std::int64_t at_micros) {
  Message m{};
  std::memcpy(m.data(), kTag.data(), kTag.size());
  put_u64(m.data() + kTag.size(), static_cast<std::uint64_t>(seq));
  std::memcpy(m.data() + kTag.size() + 8, hash.data(), kChainHashBytes);
  put_u64(m.data() + kTag.size() + 8 + kChainHashBytes, static_cast<std::uint64_t>(at_micros));
  return m;
}

static_assert(kPublicKeyBytes == crypto_sign_PUBLICKEYBYTES && kSecretKeyBytes == crypto_sign_SECRETKEYBYTES &&
                  kSeedBytes == crypto_sign_SEEDBYTES && kSignatureBytes == crypto_sign_BYTES,
              "the key and signature sizes are Ed25519's");

}  // namespace

SigningKey::~SigningKey() { sodium_memzero(secret_key.data(), secret_key.size()); }

SigningKey signing_key_from_seed(const Seed& seed) {
  crypto_ready();
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key.data(), key.secret_key.data(), seed.data());
  return key;
}

Seed new_seed() {
  crypto_ready();
  Seed seed{};
  randombytes_buf(seed.data(), seed.size());
  return seed;
}

Checkpoint sign_checkpoint(const SigningKey& key, std::int64_t seq, const ChainHash& hash, std::int64_t at_micros) {
  crypto_ready();
  Checkpoint c;
  c.seq = seq;
  c.hash = hash;
  c.at_micros = at_micros;
  c.public_key = key.public_key;
  const Message m = message_of(seq, hash, at_micros);
  crypto_sign_detached(c.signature.data(), nullptr, m.data(), m.size(), key.secret_key.data());
  return c;
}

bool checkpoint_signature_valid(const Checkpoint& c) {
  crypto_ready();
  const Message m = message_of(c.seq, c.hash, c.at_micros);
  return crypto_sign_verify_detached(c.signature.data(), m.data(), m.size(), c.public_key.data()) == 0;
}

}  // namespace rma::events
