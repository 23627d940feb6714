#include "events/sealed_values.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "events/schema.hpp"
#include "events/stored_reader.hpp"
#include "rma/error.hpp"

namespace rma::events {
namespace {

using nlohmann::json;

constexpr std::string_view kSealedPrefix = "sealed:";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kSubjectKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "one key size");

void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw Error(Status::internal, "", "libsodium could not be initialized");
}

const unsigned char* bytes_of(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// Base64url without padding (RFC 4648 §5). Not libsodium's constant-time codec: a ciphertext is no
// secret, and this one costs a fifth of it on every value sealed.
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void append_base64(std::string& out, const unsigned char* in, std::size_t n) {
  out.reserve(out.size() + (n * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (std::uint32_t{in[i + 1]} << 8) | in[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (n - i == 1) {
    const std::uint32_t v = std::uint32_t{in[i]} << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
  } else if (n - i == 2) {
    const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (std::uint32_t{in[i + 1]} << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
}

// The bytes of base64url text without padding; nullopt for text that is not.
std::optional<std::string> from_base64(std::string_view text) {
  static const auto kValues = [] {
    std::array<std::int8_t, 256> values{};
    values.fill(-1);
    for (std::size_t i = 0; i < 64; ++i) values[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return values;
  }();
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (char ch : text) {
    const std::int8_t v = kValues[static_cast<unsigned char>(ch)];
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

std::string seal(const std::string& plain, const std::string& key) {
  std::string box(kNonceBytes + plain.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(&box[0]);
  randombytes_buf(out, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonceBytes, &written, bytes_of(plain), plain.size(), nullptr, 0,
                                             nullptr, out, bytes_of(key));
  std::string text(kSealedPrefix);
  append_base64(text, out, box.size());
  return text;
}

bool is_sealed(const json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  return text.compare(0, kSealedPrefix.size(), kSealedPrefix) == 0;
}

// The value sealed in `text`, or nullopt when `key` does not open it.
std::optional<json> open(const std::string& text, const std::string& key) {
  if (key.size() != kSubjectKeyBytes) return std::nullopt;
  const std::optional<std::string> box = from_base64(std::string_view(text).substr(kSealedPrefix.size()));
  if (!box || box->size() < kNonceBytes + kTagBytes) return std::nullopt;
  const std::size_t length = box->size();
  const auto* in = reinterpret_cast<const unsigned char*>(box->data());
  std::string plain(length - kNonceBytes - kTagBytes, '\0');
  unsigned long long read = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(&plain[0]), &read, nullptr,
                                                 in + kNonceBytes, length - kNonceBytes, nullptr, 0, in,
                                                 bytes_of(key)) != 0) {
    return std::nullopt;
  }
  const json value = json::parse(plain, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

// The personal paths of each type, looked up once by the type's stored name.
const std::vector<domain::PersonalPath>* paths_of(EventType type) {
  static const auto kTable = [] {
    std::array<const std::vector<domain::PersonalPath>*, kEventTypeCount> table{};
    for (int i = 0; i < kEventTypeCount; ++i) {
      table[static_cast<std::size_t>(i)] = domain::personal_paths(event_type_name(static_cast<EventType>(i)));
    }
    return table;
  }();
  return kTable[static_cast<std::size_t>(type)];
}

}  // namespace

std::string new_subject_key() {
  require_sodium();
  std::string key(kSubjectKeyBytes, '\0');
  randombytes_buf(&key[0], key.size());
  return key;
}

bool carries_personal_data(EventType type) noexcept { return paths_of(type) != nullptr; }

bool seal_personal_values(EventType type, json& data, const std::function<const std::string&()>& key,
                          const domain::KeptFields& kept) {
  const std::vector<domain::PersonalPath>* paths = paths_of(type);
  if (!paths) return false;
  const std::string* subject_key = nullptr;
  bool sealed = false;
  const auto seal_value = [&](json& value, bool kept_member) {
    if (kept_member) return;
    if (!subject_key) {
      subject_key = &key();
      if (subject_key->size() != kSubjectKeyBytes) {
        throw Error(Status::internal, "", "a data subject's key has the wrong size");
      }
      require_sodium();
    }
    value = seal(value.dump(), *subject_key);
    sealed = true;
  };
  for (const domain::PersonalPath& path : *paths) domain::for_each_personal_value(data, path, kept, seal_value);
  if (sealed) stamp_version(data, kSealedSchemaVersion);
  return sealed;
}

void open_personal_values(Event& e, const SubjectKey& subject, const domain::KeptFields& kept) {
  const std::optional<EventType> type = event_type_from_name(e.type);
  const std::vector<domain::PersonalPath>* paths = type ? paths_of(*type) : nullptr;
  if (!paths) return;
  const std::string where = "events[" + std::to_string(e.seq) + "].data";
  json data = json::parse(e.data, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) throw Error(Status::storage, where, "stored event data does not parse");
  const bool may_hold_sealed = schema_version_of(data, where) >= kSealedSchemaVersion;
  require_sodium();
  bool changed = false;
  const auto open_value = [&](json& value, bool kept_member) {
    if (may_hold_sealed && is_sealed(value)) {
      std::optional<json> plain = subject.erased && subject.key.empty()
                                      ? std::nullopt
                                      : open(value.get_ref<const std::string&>(), subject.key);
      value = plain ? std::move(*plain) : json(domain::kErased);
      changed = true;
    } else if (subject.erased && !kept_member) {
      value = domain::kErased;
      changed = true;
    }
  };
  for (const domain::PersonalPath& path : *paths) domain::for_each_personal_value(data, path, kept, open_value);
  if (changed) e.data = stored_text(data);
}

}  // namespace rma::events
