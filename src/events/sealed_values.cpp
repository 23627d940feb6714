#include "events/sealed_values.hpp"

#include <sodium.h>

#include <array>
#include <string_view>
#include <vector>

#include "events/schema.hpp"
#include "events/stored_reader.hpp"
#include "rma/error.hpp"

namespace rma::events {
namespace {

using nlohmann::json;

constexpr std::string_view kSealedPrefix = "sealed:";
constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kSubjectKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "one key size");

void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw Error(Status::internal, "", "libsodium could not be initialized");
}

const unsigned char* bytes_of(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string seal(const std::string& plain, const std::string& key) {
  std::string box(kNonceBytes + plain.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(&box[0]);
  randombytes_buf(out, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonceBytes, &written, bytes_of(plain), plain.size(), nullptr, 0,
                                             nullptr, out, bytes_of(key));
  std::string text(kSealedPrefix);
  const std::size_t encoded = sodium_base64_encoded_len(box.size(), kBase64);
  const std::size_t at = text.size();
  text.resize(at + encoded);
  sodium_bin2base64(&text[at], encoded, out, box.size(), kBase64);
  text.resize(text.size() - 1);  // the encoder's NUL
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
  const std::string_view encoded = std::string_view(text).substr(kSealedPrefix.size());
  std::string box(encoded.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(&box[0]), box.size(), encoded.data(), encoded.size(),
                        nullptr, &length, nullptr, kBase64) != 0 ||
      length < kNonceBytes + kTagBytes) {
    return std::nullopt;
  }
  const auto* in = reinterpret_cast<const unsigned char*>(box.data());
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
const std::vector<std::string_view>* paths_of(EventType type) {
  static const auto kTable = [] {
    std::array<const std::vector<std::string_view>*, kEventTypeCount> table{};
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
  const std::vector<std::string_view>* paths = paths_of(type);
  if (!paths) return false;
  const std::string* subject_key = nullptr;
  bool sealed = false;
  for (std::string_view path : *paths) {
    domain::for_each_personal_value(data, path, kept, [&](json& value, bool kept_member) {
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
    });
  }
  if (sealed) stamp_version(data, kSealedSchemaVersion);
  return sealed;
}

void open_personal_values(Event& e, const SubjectKey& subject, const domain::KeptFields& kept) {
  const std::optional<EventType> type = event_type_from_name(e.type);
  const std::vector<std::string_view>* paths = type ? paths_of(*type) : nullptr;
  if (!paths) return;
  const std::string where = "events[" + std::to_string(e.seq) + "].data";
  json data = json::parse(e.data, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) throw Error(Status::storage, where, "stored event data does not parse");
  const bool may_hold_sealed = schema_version_of(data, where) >= kSealedSchemaVersion;
  require_sodium();
  bool changed = false;
  for (std::string_view path : *paths) {
    domain::for_each_personal_value(data, path, kept, [&](json& value, bool kept_member) {
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
    });
  }
  if (changed) e.data = stored_text(data);
}

}  // namespace rma::events
