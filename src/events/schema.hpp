// events/schema.hpp — the version of the events' own payload schema.
//
// Each event's data is a JSON object written by the encoders of events/payloads.hpp and read by
// the decoders there and by the replay; never by the codec of API answers, so changing an answer
// cannot change history. The data carries its schema version in member "v":
//   - version 1 is the form every event had before versions existed: "v" is left out, so
//     version-1 data stays byte for byte what databases written before it hold, and their
//     history (and any hash over it) is unchanged;
//   - a later version writes "v": N in every event it changes, and its decoders keep reading the
//     earlier versions (the data with no "v" is version 1);
//   - version 2 (events/case_document.hpp) leaves out of case documents every member at its
//     default value, and case.created leaves out the case's id and number, which the event's own
//     columns hold. It changes only the events that carry case documents; the others are still
//     written as version 1.
//   - version 3 (events/sealed_values.hpp) holds personal values sealed with their data
//     subject's key: a string "sealed:…" at each path domain/personal_data lists for the type,
//     readable while the key exists. Only events that sealed a value are written as version 3;
//     the form of every member is otherwise that of version 2.
// A reader refuses data of a version newer than it knows (Status::storage): an older librma must
// not misread a history written by a newer one.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace rma::events {

inline constexpr std::int32_t kEventSchemaVersion = 3;
// The version of data holding sealed values; documents are written as in version 2.
inline constexpr std::int32_t kSealedSchemaVersion = 3;

// The schema version `data` was written with: its "v", or 1 without one. Throws Error(storage)
// naming `where` for a version above kEventSchemaVersion or a "v" that is not a positive integer.
std::int32_t schema_version_of(const nlohmann::json& data, const std::string& where);

// Adds "v" to data written at `version` (nothing for version 1, see above).
void stamp_version(nlohmann::json& data, std::int32_t version = kEventSchemaVersion);

}  // namespace rma::events
