// What is personal data (domain/personal_data.hpp), guarded: every member of every record the
// events and answers write, and every event type, must be classified; a member added later fails
// here until someone decides. Then, with every member filled (personal ones with "P:" text, the
// others with "N:" text), the sealed events and the erased records must hold no "P:" text and
// every "N:" text they held before.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "api/codec.hpp"
#include "domain/personal_data.hpp"
#include "events/case_document.hpp"
#include "events/event_type.hpp"
#include "events/party_document.hpp"
#include "events/payloads.hpp"
#include "events/schema.hpp"
#include "events/sealed_values.hpp"

using namespace rma;
using nlohmann::json;

namespace {

// Every member of `document` must be classified for `record`, and every classification must name
// a member the document has: a new member, or a removed one, fails here.
void all_members_classified(const std::string& record, const json& document) {
  const domain::RecordClass* found = nullptr;
  for (const domain::RecordClass& r : domain::personal_records()) {
    if (r.record == record) found = &r;
  }
  REQUIRE(found != nullptr);
  for (auto it = document.begin(); it != document.end(); ++it) {
    CAPTURE(record);
    CAPTURE(it.key());
    CHECK(domain::member_class(record, it.key()) != nullptr);
  }
  for (const domain::MemberClass& m : found->members) {
    CAPTURE(record);
    CAPTURE(m.member);
    CHECK(document.contains(std::string(m.member)));
    CHECK_FALSE(m.why.empty());
  }
}

Address address(const char* kind) {
  return Address{kind, "P:line1", "P:line2", "P:city", "P:postal", "P:region", "IT"};
}

Customer customer() {
  return Customer{"N:id", "P:name", "P:tax", {address("billing"), address("shipping")}, "P:email",
                  {"P:phone1", "P:phone2"}, "N:tier", "N:language", std::nullopt};
}

CaseLine line(std::int32_t no) {
  CaseLine l;
  l.line_no = no;
  l.sku = "N:sku";
  l.serial = "N:serial";
  l.lot = "N:lot";
  l.sales_document = {"N:doc", 1};
  l.reason_code = "N:reason";
  l.defect_description = "P:defect" + std::to_string(no);
  l.condition = "N:condition";
  l.replacement_serial = "N:replacement";
  l.currency = "EUR";
  l.dispatch_document = "N:dispatch";
  l.packers = {"N:packer"};
  l.void_conditions = {"N:void"};
  l.flags = {"N:flag"};
  return l;
}

Note note() { return Note{7, Visibility::external, "N:author", "P:body", Timestamp::from_iso("2026-03-10T09:00:00Z")}; }

Attachment attachment() {
  Attachment a;
  a.id = 8;
  a.file_name = "P:file";
  a.media_type = "N:media";
  a.size_bytes = 10;
  a.sha256 = "N:sha";
  a.uri = "P:uri";
  a.added_by = "N:added_by";
  return a;
}

Case full_case() {
  Case c;
  c.id = 12;
  c.number = "N:number";
  c.customer_id = "N:customer";
  c.supplier_id = "N:supplier";
  c.assignee = "N:assignee";
  c.team = "N:team";
  c.status = "N:status";
  c.workflow = "N:workflow";
  c.root_cause = "N:root";
  c.custom_fields = json{{"contact", "P:contact"}, {"phone", "P:custom_phone"}, {"contract", "N:contract"}}.dump();
  c.lines = {line(1), line(2)};
  c.notes = {note()};
  c.attachments = {attachment()};
  Action a;
  a.title = "N:title";
  c.actions = {a};
  RepairOperation r;
  r.code = "N:code";
  r.parts = {PartUse{"N:part", 1, 0, ""}};
  c.repairs = {r};
  return c;
}

const domain::KeptFields kKept = {"contract"};

// Every string in `value` (members and elements, recursively).
void strings_of(const json& value, std::multiset<std::string>& out) {
  if (value.is_string()) out.insert(value.get<std::string>());
  if (value.is_structured()) {
    for (const json& item : value) strings_of(item, out);
  }
}

std::multiset<std::string> with_prefix(const json& value, const std::string& prefix) {
  std::multiset<std::string> all;
  strings_of(value, all);
  std::multiset<std::string> out;
  for (const std::string& s : all) {
    if (s.rfind(prefix, 0) == 0) out.insert(s);
  }
  return out;
}

// The payloads of every event type that holds personal values, each from every member filled.
std::vector<events::Payload> personal_payloads() {
  const Case c = full_case();
  std::vector<events::Payload> out;
  out.push_back(events::case_created(c));
  json changes = {{"custom_fields", {{"before", json::parse(c.custom_fields)}, {"after", json::parse(c.custom_fields)}}},
                  {"lines[1].defect_description", {{"before", "P:old"}, {"after", "P:new"}}},
                  {"priority", {{"before", "N:low"}, {"after", "N:high"}}}};
  out.push_back(events::case_updated(changes));
  out.push_back(events::case_split(c, c.lines, {line(3)}));
  events::Transition t;
  t.name = "N:transition";
  t.changes = changes;
  out.push_back(events::case_transitioned(t));
  out.push_back(events::note_added(note()));
  out.push_back(events::attachment_added(attachment()));
  out.push_back(events::customer_upserted(customer(), customer()));
  return out;
}

}  // namespace

TEST_CASE("personal data: every member of every record is classified, with why") {
  all_members_classified("customer", events::customer_document(customer()));
  all_members_classified("address", events::customer_document(customer())["addresses"][0]);
  const Case c = full_case();
  all_members_classified("case", events::case_document(c, 1));
  all_members_classified("case_line", events::line_document(c.lines[0], 1));
  all_members_classified("note", events::note_document(c.notes[0], 1));
  all_members_classified("attachment", events::attachment_document(c.attachments[0], 1));
  all_members_classified("action", events::action_document(c.actions[0], 1));
  all_members_classified("repair", events::repair_document(c.repairs[0], 1));
  all_members_classified("part", events::repair_document(c.repairs[0], 1)["parts"][0]);
  all_members_classified("outbox_message", api::to_json_value(OutboxMessage{1, 2, "t", "{}", Timestamp()}));
  // The answers show the same members as the events (a member only an answer has is unclassified).
  all_members_classified("customer", api::to_json_value(customer()));
}

TEST_CASE("personal data: every event type librma writes is classified, and only those") {
  std::set<std::string> classified;
  for (const domain::PersonalPaths& e : domain::personal_event_paths()) {
    CAPTURE(e.event_type);
    CHECK(events::event_type_from_name(e.event_type).has_value());
    CHECK(classified.insert(std::string(e.event_type)).second);
  }
  for (int i = 0; i < events::kEventTypeCount; ++i) {
    const std::string name = events::event_type_name(static_cast<events::EventType>(i));
    CAPTURE(name);
    CHECK(classified.count(name) == 1);
  }
}

TEST_CASE("personal data: sealed events hold no personal text and every other text, and open back") {
  const std::string key = events::new_subject_key();
  for (events::Payload p : personal_payloads()) {
    const std::string name = events::event_type_name(p.type);
    CAPTURE(name);
    events::stamp_version(p.data, p.version);
    const json plain = p.data;
    REQUIRE_FALSE(with_prefix(plain, "P:").empty());
    CHECK(events::seal_personal_values(p.type, p.data, [&]() -> const std::string& { return key; }, kKept));
    CHECK(with_prefix(p.data, "P:").empty());
    CHECK(with_prefix(p.data, "N:") == with_prefix(plain, "N:"));
    CHECK(p.data["v"] == events::kSealedSchemaVersion);

    Event e;
    e.type = name;
    e.data = p.data.dump();
    const std::string sealed_text = e.data;
    events::open_personal_values(e, events::SubjectKey{key, false}, kKept);
    json opened = json::parse(e.data);
    opened.erase("v");
    json expected = plain;
    expected.erase("v");
    CHECK(opened == expected);

    // Erased: the key is gone; every personal value reads as the marker, nothing else changes.
    e.data = sealed_text;
    events::open_personal_values(e, events::SubjectKey{"", true}, kKept);
    const json erased = json::parse(e.data);
    CHECK(with_prefix(erased, "P:").empty());
    CHECK(with_prefix(erased, "N:") == with_prefix(plain, "N:"));
    CHECK(with_prefix(erased, domain::kErased).size() == with_prefix(plain, "P:").size());

    // Another subject's key opens nothing.
    e.data = sealed_text;
    events::open_personal_values(e, events::SubjectKey{events::new_subject_key(), false}, kKept);
    CHECK(with_prefix(json::parse(e.data), "P:").empty());
  }
}

TEST_CASE("personal data: events of other types are stored as they are, and need no key") {
  events::Payload p = events::case_deleted("N:reason", 3);
  const json before = p.data;
  CHECK_FALSE(events::carries_personal_data(p.type));
  CHECK_FALSE(events::seal_personal_values(p.type, p.data, []() -> const std::string& { throw 1; }, kKept));
  CHECK(p.data == before);
  // A personal type without a personal value asks for no key either.
  events::Payload q = events::case_updated(json{{"priority", {{"before", "low"}, {"after", "high"}}}});
  CHECK(events::carries_personal_data(q.type));
  CHECK_FALSE(events::seal_personal_values(q.type, q.data, []() -> const std::string& { throw 1; }, kKept));
  CHECK_FALSE(q.data.contains("v"));
}

TEST_CASE("personal data: a value written plain before sealing reads as it is, and as erased once erased") {
  Event e;
  e.type = "note.added";
  e.data = json{{"note", events::note_document(note())}, {"v", 2}}.dump();
  Event kept = e;
  events::open_personal_values(kept, events::SubjectKey{"", false}, kKept);
  CHECK(json::parse(kept.data)["note"]["body"] == "P:body");
  events::open_personal_values(e, events::SubjectKey{"", true}, kKept);
  CHECK(json::parse(e.data)["note"]["body"] == domain::kErased);
  CHECK(json::parse(e.data)["note"]["author"] == "N:author");
}

TEST_CASE("personal data: an empty value is neither sealed nor erased") {
  Case c = full_case();
  c.lines[0].defect_description.clear();
  c.custom_fields = json{{"contact", ""}, {"other", nullptr}}.dump();
  events::Payload p = events::case_created(c);
  const std::string key = events::new_subject_key();
  events::seal_personal_values(p.type, p.data, [&]() -> const std::string& { return key; }, kKept);
  CHECK(p.data["case"]["custom_fields"] == json{{"contact", ""}, {"other", nullptr}});
  CHECK_FALSE(p.data["case"]["lines"][0].contains("defect_description"));  // the default is left out
  const Case erased = domain::erased_case(c, kKept);
  CHECK(erased.lines[0].defect_description.empty());
  CHECK(json::parse(erased.custom_fields) == json{{"contact", ""}, {"other", nullptr}});
}

TEST_CASE("personal data: an erased record holds no personal text and every other text") {
  const Case c = full_case();
  const json before = events::case_document(c, 1);
  const json after = events::case_document(domain::erased_case(c, kKept), 1);
  CHECK(with_prefix(after, "P:").empty());
  CHECK(with_prefix(after, "N:") == with_prefix(before, "N:"));
  CHECK(json::parse(domain::erased_case(c, kKept).custom_fields)["contract"] == "N:contract");
  CHECK(json::parse(domain::erased_case(c, {}).custom_fields)["contract"] == domain::kErased);

  const json person = events::customer_document(customer());
  const json erased = events::customer_document(domain::erased_customer(customer()));
  CHECK(with_prefix(erased, "P:").empty());
  CHECK(with_prefix(erased, "N:") == with_prefix(person, "N:"));
  CHECK(erased["addresses"][0]["country"] == "IT");

  const std::string payload =
      json{{"topic", "t"}, {"case_id", 12}, {"case_number", "N"}, {"contact", "P:x"}, {"lines", json::array({1})}}
          .dump();
  const json out = json::parse(domain::erased_outbox_payload(payload));
  CHECK(out == json{{"topic", "t"}, {"case_id", 12}, {"case_number", "N"}, {"contact", domain::kErased},
                    {"lines", domain::kErased}});
}

TEST_CASE("personal data: the members erasure names, for the privacy.erased event") {
  const std::vector<std::string> of_case = domain::erased_members("case");
  CHECK(of_case == std::vector<std::string>{"case.custom_fields", "case_line.defect_description", "note.body",
                                            "attachment.file_name", "attachment.uri", "outbox_message.payload"});
  const std::vector<std::string> of_customer = domain::erased_members("customer");
  CHECK(of_customer == std::vector<std::string>{"customer.name", "customer.tax_id", "customer.email",
                                                "customer.phones", "address.line1", "address.line2", "address.city",
                                                "address.postal_code", "address.region"});
}

TEST_CASE("personal data: a sealed value of any length opens back; a damaged one reads as erased") {
  const std::string key = events::new_subject_key();
  for (std::size_t n = 1; n < 70; ++n) {
    CAPTURE(n);
    events::Payload p = events::note_added(Note{1, Visibility::external, "a", std::string(n, 'x'), Timestamp()});
    events::seal_personal_values(p.type, p.data, [&]() -> const std::string& { return key; }, kKept);
    Event e;
    e.type = "note.added";
    e.data = p.data.dump();
    Event damaged = e;
    events::open_personal_values(e, events::SubjectKey{key, false}, kKept);
    CHECK(json::parse(e.data)["note"]["body"] == std::string(n, 'x'));
    json broken = json::parse(damaged.data);
    std::string sealed = broken["note"]["body"];
    sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == 'A' ? 'B' : 'A';  // one character changed
    broken["note"]["body"] = sealed;
    damaged.data = broken.dump();
    events::open_personal_values(damaged, events::SubjectKey{key, false}, kKept);
    CHECK(json::parse(damaged.data)["note"]["body"] == domain::kErased);
  }
}
