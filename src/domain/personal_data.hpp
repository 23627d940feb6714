// domain/personal_data.hpp — what is personal data here, decided in this one place
// (docs/privacy.md, "What is personal data here").
//
// Two lists, kept in personal_data.cpp:
//   - per record (customer, case, case line, note, attachment, …) every member the events and the
//     answers write, each classified personal or not, with why; erasure overwrites the personal
//     members of the current state (the rows) with the marker kErased;
//   - per event type (every type librma writes) the paths of its data that hold personal values;
//     the engine stores each such value sealed with its data subject's key (events/sealed_values),
//     so that destroying the key makes it unreadable without changing the event.
// tests/unit/test_personal_data.cpp fails when a record gains a member, or librma an event type,
// that these lists do not classify.
//
// An empty personal value (an empty string or null) holds nothing: it is neither sealed nor
// erased, so a history replayed after erasure equals the erased row.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rma/case.hpp"
#include "rma/party.hpp"

namespace rma::domain {

// What every erased personal value reads as, in the rows and in the history.
inline constexpr const char* kErased = "[erased]";

// ---- records ---------------------------------------------------------------------------------

// One member of a record as the events' documents and the answers name it.
struct MemberClass {
  std::string_view member;
  bool personal = false;
  std::string_view why;
};

// A record and every member it has: "customer", "address", "case", "case_line", "note",
// "attachment", "action", "repair", "part", "outbox_message".
struct RecordClass {
  std::string_view record;
  std::vector<MemberClass> members;
};

const std::vector<RecordClass>& personal_records();
// The classification of `member` of `record`; null when it is not classified.
const MemberClass* member_class(std::string_view record, std::string_view member);

// The members of the case's custom fields that are not personal data (the privacy
// configuration's kept_custom_fields): they stay readable after erasure.
using KeptFields = std::vector<std::string>;

// The record with each personal member overwritten by kErased (custom fields: each member but
// the kept ones). Outbox payloads: each top-level member but the message's identifiers.
Customer erased_customer(Customer c);
Case erased_case(Case c, const KeptFields& kept);
std::string erased_custom_fields(const std::string& fields_json, const KeptFields& kept);
std::string erased_outbox_payload(const std::string& payload_json);
// The members erasure overwrites, as "record.member" ("case_line.defect_description"), for the
// privacy.erased event: what was erased, never the values.
std::vector<std::string> erased_members(std::string_view record_group);

// ---- events ----------------------------------------------------------------------------------

// A path into an event's data, written with its segments separated by '/': a member name; "[]"
// every element of an array; "{}" every member of a custom fields object; "lines[#].defect_description"
// a member whose name is that with any line number for '#'. Parsed once, when the list is built.
struct PathSegment {
  enum class Kind { member, each_element, each_member, numbered_member };
  Kind kind = Kind::member;
  std::string name;  // member: its name; numbered_member: the part before '#'
  std::string tail;  // numbered_member: the part after '#'
};
struct PersonalPath {
  std::string_view text;
  std::vector<PathSegment> segments;
};

struct PersonalPaths {
  std::string_view event_type;     // the stored name, "note.added"
  std::vector<PersonalPath> paths;  // empty: the type holds no personal value
};

// Every event type librma writes, with its personal paths.
const std::vector<PersonalPaths>& personal_event_paths();
// The paths of the type stored as `event_type`; null for a type with none (or unknown).
const std::vector<PersonalPath>* personal_paths(std::string_view event_type);

bool is_kept(const KeptFields& kept, const std::string& name);
// Whether `name` is "<name>N<tail>" for some number N.
bool matches_numbered(const PathSegment& segment, const std::string& name);
// Whether a value holds anything: not null, not an empty string.
inline bool holds_something(const nlohmann::json& value) {
  return !value.is_null() && !(value.is_string() && value.get_ref<const std::string&>().empty());
}

// Calls `visit(value, kept_member)` on every non-empty value at `path` in `data`; `kept_member`
// tells a member of custom fields that `kept` names (not personal data now; it may have been
// when an event was written). Inline: it runs for every event of a personal type as it is stored.
template <class Visit>
void for_each_personal_value(nlohmann::json& data, const PersonalPath& path, const KeptFields& kept, Visit&& visit,
                             std::size_t at = 0, bool kept_member = false) {
  if (at == path.segments.size()) {
    if (holds_something(data)) visit(data, kept_member);
    return;
  }
  const PathSegment& segment = path.segments[at];
  switch (segment.kind) {
    case PathSegment::Kind::each_element:
      if (!data.is_array()) return;
      for (nlohmann::json& item : data) for_each_personal_value(item, path, kept, visit, at + 1, kept_member);
      return;
    case PathSegment::Kind::each_member:
      if (!data.is_object()) return;
      for (auto it = data.begin(); it != data.end(); ++it) {
        for_each_personal_value(*it, path, kept, visit, at + 1, is_kept(kept, it.key()));
      }
      return;
    case PathSegment::Kind::member: {
      if (!data.is_object()) return;
      const auto it = data.find(segment.name);
      if (it != data.end()) for_each_personal_value(*it, path, kept, visit, at + 1, kept_member);
      return;
    }
    case PathSegment::Kind::numbered_member:
      if (!data.is_object()) return;
      for (auto it = data.begin(); it != data.end(); ++it) {
        if (matches_numbered(segment, it.key())) for_each_personal_value(*it, path, kept, visit, at + 1, kept_member);
      }
      return;
  }
}

}  // namespace rma::domain
