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

#include <functional>
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

// A path into an event's data, its segments separated by '/': a member name; "[]" every
// element of an array; "{}" every member of a custom fields object but the kept ones;
// "lines[#].defect_description" a member whose name is that with any line number for '#'.
struct PersonalPaths {
  std::string_view event_type;           // the stored name, "note.added"
  std::vector<std::string_view> paths;   // empty: the type holds no personal value
};

// Every event type librma writes, with its personal paths.
const std::vector<PersonalPaths>& personal_event_paths();
// The paths of the type stored as `event_type`; null for a type with none (or unknown).
const std::vector<std::string_view>* personal_paths(std::string_view event_type);

// Calls `visit(value, kept_member)` on every non-empty value at `path` in `data`; `kept_member`
// tells a member of custom fields that `kept` names (not personal data now; it may have been
// when an event was written).
void for_each_personal_value(nlohmann::json& data, std::string_view path, const KeptFields& kept,
                             const std::function<void(nlohmann::json&, bool)>& visit);

}  // namespace rma::domain
