// rma/note.hpp — a note on a case, in one of two channels.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rma/time.hpp"

namespace rma {

// `internal` notes are for staff only; `external` ones are visible to the claimant.
enum class Visibility { internal, external };
const char* visibility_name(Visibility v) noexcept;
std::optional<Visibility> visibility_from_name(std::string_view name) noexcept;

struct Note {
  std::int64_t id = 0;
  Visibility channel = Visibility::internal;
  std::string author;  // actor text, "operator:anna"
  std::string body;    // UTF-8, at most Limits::max_note_bytes
  Timestamp created_at;
};

struct NoteDraft {
  Visibility channel = Visibility::internal;
  std::string body;
};

}  // namespace rma
