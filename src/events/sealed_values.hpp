// events/sealed_values.hpp — personal values in the history, sealed with their data subject's
// key (docs/privacy.md, "How it is stored").
//
// The history is never rewritten, so a personal value in an event (domain/personal_data.hpp lists
// where they are) is stored as "sealed:" + base64url(nonce ‖ XChaCha20-Poly1305 ciphertext of the
// value's JSON) under a random 32-byte key of its data subject, kept in the subject's row (a
// case's, a customer's). Erasure destroys the key: the event stays byte for byte as it was (a
// hash chain over it still verifies) and the value can no longer be read. Data holding a sealed
// value is written as event schema version 3 (events/schema.hpp).
//
// Reading for people (case.history, case.replay, privacy.export) opens the values with the key;
// nothing on the command paths (SLA facts, the replay of clocks, valuation) opens any: they read
// members that are never sealed.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>

#include "domain/personal_data.hpp"
#include "events/event_type.hpp"
#include "rma/event.hpp"

namespace rma::events {

inline constexpr std::size_t kSubjectKeyBytes = 32;

// A new random key for a data subject.
std::string new_subject_key();

// Whether events of `type` may carry personal values.
bool carries_personal_data(EventType type) noexcept;

// Seals every personal value of `data`, an event of `type`, with the subject's key (kSubjectKeyBytes;
// `key` is asked for it at the first value to seal, so data holding none costs no look-up), the
// kept custom fields excepted, and stamps the data as schema version 3 when it sealed any.
// Returns whether it did.
bool seal_personal_values(EventType type, nlohmann::json& data, const std::function<const std::string&()>& key,
                          const domain::KeptFields& kept);

// What a reader knows of the event's data subject: its key ("" when it has none) and whether
// its personal data was erased.
struct SubjectKey {
  std::string key;
  bool erased = false;
};

// The event's data as people read it: each sealed value opened with the subject's key, or
// domain::kErased when the key is gone or does not open it; a value written plain (before schema
// version 3) reads as it is, or as kErased once the subject was erased unless it is a kept
// custom field. Events of a type with no personal values are returned as they are.
void open_personal_values(Event& e, const SubjectKey& subject, const domain::KeptFields& kept);

}  // namespace rma::events
