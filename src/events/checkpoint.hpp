// events/checkpoint.hpp — signed checkpoints of the hash chain (docs/audit.md, "Checkpoints").
//
// A checkpoint states "the event at seq S has hash H" at time T, signed with Ed25519. An auditor
// who holds the signer's public key (kept outside the database) can then tell a chain that was
// rewritten up to S — every hash recomputed — from the one that was signed: rewriting it again
// needs the secret key. The signed message is, in order:
//   the tag "librma-checkpoint-v1" (20 bytes, no length),
//   seq (8 bytes, signed, little-endian),
//   the event's hash (32 bytes),
//   at (microseconds since 1970 UTC, 8 bytes, signed, little-endian).
// The signature is libsodium's crypto_sign_detached (Ed25519, 64 bytes) over those 68 bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "events/chain.hpp"

namespace rma::events {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes = 64;  // libsodium's form: the seed then the public key
inline constexpr std::size_t kSeedBytes = 32;
inline constexpr std::size_t kSignatureBytes = 64;
using PublicKey = std::array<unsigned char, kPublicKeyBytes>;
using SecretKey = std::array<unsigned char, kSecretKeyBytes>;
using Seed = std::array<unsigned char, kSeedBytes>;
using Signature = std::array<unsigned char, kSignatureBytes>;

// An Ed25519 key pair. The secret half is wiped when the value is destroyed.
struct SigningKey {
  PublicKey public_key{};
  SecretKey secret_key{};
  SigningKey() = default;
  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
  ~SigningKey();
};

// A key pair is kept as its 32-byte seed (the host's, or one librma generated and stored).
SigningKey signing_key_from_seed(const Seed& seed);
Seed new_seed();  // from libsodium's random generator

struct Checkpoint {
  std::int64_t seq = 0;
  ChainHash hash{};
  std::int64_t at_micros = 0;
  PublicKey public_key{};
  Signature signature{};
};

// A checkpoint of the event at `seq` with `hash`, made at `at_micros`, signed with `key`.
Checkpoint sign_checkpoint(const SigningKey& key, std::int64_t seq, const ChainHash& hash, std::int64_t at_micros);

// Whether the checkpoint's signature is its signer's (public_key) over its seq, hash and time.
bool checkpoint_signature_valid(const Checkpoint& c);

}  // namespace rma::events
