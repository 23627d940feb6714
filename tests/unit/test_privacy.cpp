// Personal data you can erase (docs/privacy.md), through the engine on the backend the tests run
// on (SQLite, or PostgreSQL with RMA_TEST_POSTGRES): sealed in the history, erased at the
// retention boundary and not a day before, erased in every answer while the history stays as
// written, and exported.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "api/codec.hpp"
#include "domain/personal_data.hpp"
#include "engine_fixture.hpp"
#include "rma/json_api.hpp"
#include "schema_undo.hpp"
#include "store/column_codec.hpp"
#include "store/open.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::reason_of;
using rma_test::status_of;
using rma_test::TempDb;

namespace {

constexpr const char* kDefect = "Screen cracked; call Mario Rossi on +39 333 1234567";
constexpr const char* kNote = "Mario says the courier dropped it; mario.rossi@example.it";
constexpr const char* kErased = domain::kErased;

bool holds(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool api_equal(const Case& a, const Case& b) { return api::to_json_value(a) == api::to_json_value(b); }

struct PrivacyFixture : EngineFixture {
  explicit PrivacyFixture(const std::string& path) : EngineFixture(path) {
    PrivacyConfig config;
    config.default_retention = RetentionRule{"", std::nullopt, 12, "test: one year"};
    engine.configure_privacy(admin, config);
  }

  // A return by C1 with personal data in every place a case holds it.
  Case open_case(const std::string& customer_id = "C1") {
    CaseDraft d = one_line_draft();
    d.customer_id = customer_id;
    d.lines[0].defect_description = kDefect;
    d.custom_fields = json{{"contact", "Mario Rossi"}, {"contract", "gold"}}.dump();
    Case c = engine.create_case(op, d);
    engine.add_note(op, c.id, NoteDraft{Visibility::external, kNote});
    engine.add_note(op, c.id, NoteDraft{Visibility::internal, "internal: Mario was rude"});
    AttachmentDraft a;
    a.file_name = "mario-rossi-receipt.jpg";
    a.media_type = "image/jpeg";
    a.size_bytes = 2048;
    a.sha256 = std::string(64, 'b');
    a.uri = "s3://returns/mario-rossi-receipt.jpg";
    a.visibility = Visibility::external;
    engine.add_attachment(op, c.id, a);
    engine.outbox_post(op, c.id, "courier.claim", R"({"contact": "mario.rossi@example.it", "parcel": "P-1"})");
    return engine.get_case(op, c.id);
  }

  // Closes the case on the fixture's clock (2026-03-10, 10:00 in Rome).
  Case close(std::int64_t id) { return engine.transition_case(op, id, "cancel"); }
};

// The stored events of a case as the store holds them, not opened.
std::vector<Event> stored_events(const std::string& location, std::int64_t case_id) {
  return store::open(location, Options())->case_events(case_id);
}

// The data of the events about no case (parties, configuration) as the SQLite file holds them;
// "" on PostgreSQL, whose party events the engine tests read through the store's history only.
std::string stored_party_events(const TempDb& db) {
  if (!db.schema.empty()) return std::string();
  SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
  SQLite::Statement s(raw, "SELECT data FROM events WHERE case_id = 0");
  std::string out;
  while (s.executeStep()) {
    const SQLite::Column data = s.getColumn(0);
    out += store::decode_column(std::string_view(static_cast<const char*>(data.getBlob()),
                                                 static_cast<std::size_t>(data.getBytes())),
                                {"events", "data"}) +
           "\n";
  }
  return out;
}

std::string all_data(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events) out += e.type + " " + e.data + "\n";
  return out;
}

}  // namespace

TEST_CASE("privacy: personal values are stored sealed and read plain while the key exists") {
  TempDb db;
  PrivacyFixture f(db.path);
  const Case c = f.open_case();
  const std::string stored = all_data(stored_events(db.path, c.id));
  CHECK_FALSE(holds(stored, "Mario"));
  CHECK_FALSE(holds(stored, "mario"));
  CHECK(holds(stored, "\"sealed:"));
  CHECK(holds(stored, "\"contract\":\"gold\""));  // kept custom fields stay plain

  const std::string read = all_data(f.engine.history(f.op, c.id));
  CHECK(holds(read, kDefect));
  CHECK(holds(read, kNote));
  CHECK(holds(read, "mario-rossi-receipt.jpg"));
  CHECK_FALSE(holds(read, "\"sealed:"));
  CHECK(api_equal(f.engine.replay_case(f.op, c.id), f.engine.get_case(f.op, c.id)));
}

TEST_CASE("privacy: erasure is refused on the last day of the retention period and allowed the day after") {
  TempDb db;
  PrivacyFixture f(db.path);
  const Case c = f.open_case();
  f.close(c.id);  // 2026-03-10 in Rome: 12 months end on 2027-03-10
  const DataSubject subject{c.id, ""};

  f.now = at("2027-03-10T22:59:59Z");  // 23:59:59 in Rome, the last day kept
  const std::int64_t events_before = f.event_count();
  try {
    f.engine.erase_personal_data(f.admin, subject);
    FAIL("erasure before the period ended");
  } catch (const Error& e) {
    CHECK(e.status() == Status::permission_denied);
    CHECK(e.reason() == "retention_period");
    CHECK(e.field() == "case_id");
    CHECK(holds(e.what(), "may be erased from 2027-03-11"));
    CHECK(holds(e.what(), "12 months: test: one year"));
  }
  CHECK(f.event_count() == events_before);
  CHECK(f.engine.get_case(f.op, c.id).lines[0].defect_description == kDefect);

  f.now = at("2027-03-10T23:00:00Z");  // midnight in Rome: the first day erasable
  const ErasureReport report = f.engine.erase_personal_data(f.admin, subject);
  REQUIRE(report.cases.size() == 1);
  CHECK(report.cases[0].ended_on == Date{2026, 3, 10});
  CHECK(report.cases[0].erasable_from == Date{2027, 3, 11});
  CHECK(report.cases[0].rule.months == 12);
  CHECK_FALSE(report.customer);
}

TEST_CASE("privacy: after erasure every answer shows the erased fields as erased; the history stays as written") {
  TempDb db;
  PrivacyFixture f(db.path);
  const Case c = f.open_case();
  f.close(c.id);
  const std::vector<Event> before = stored_events(db.path, c.id);
  const std::int64_t total_before = f.engine.query_cases(f.op, CaseQuery()).total;
  f.now = at("2028-01-01T09:00:00Z");
  f.engine.erase_personal_data(f.admin, DataSubject{c.id, ""});

  // The history: every event as it was, one more recording the erasure without a value.
  const std::vector<Event> after = stored_events(db.path, c.id);
  REQUIRE(after.size() == before.size() + 1);
  for (std::size_t i = 0; i < before.size(); ++i) {
    CHECK(after[i].seq == before[i].seq);
    CHECK(after[i].data == before[i].data);
  }
  CHECK(after.back().type == "privacy.erased");
  const json erased_event = json::parse(after.back().data);
  CHECK(erased_event["subject"] == "case");
  CHECK(erased_event["rule"]["months"] == 12);
  CHECK(erased_event["ended_on"] == "2026-03-10");
  CHECK(erased_event["erasable_from"] == "2027-03-11");
  CHECK(after.back().actor == "admin:root");

  const Case got = f.engine.get_case(f.op, c.id);
  CHECK(got.lines[0].defect_description == kErased);
  CHECK(json::parse(got.custom_fields) == json{{"contact", kErased}, {"contract", "gold"}});
  for (const Note& n : got.notes) CHECK(n.body == kErased);
  CHECK(got.attachments[0].file_name == kErased);
  CHECK(got.attachments[0].uri == kErased);
  CHECK(got.attachments[0].sha256 == std::string(64, 'b'));  // the host finds the content to delete by it
  CHECK(got.version == c.version + 1);                       // the close; erasure changes no version
  CHECK(got.status == "cancelled");

  const std::string history = all_data(f.engine.history(f.op, c.id));
  CHECK_FALSE(holds(history, "Mario"));
  CHECK_FALSE(holds(history, "mario"));
  CHECK(holds(history, kErased));
  CHECK(api_equal(f.engine.replay_case(f.op, c.id), got));
  CHECK(f.engine.customer_view(f.customer, c.id).lines[0].defect_description == kErased);
  CHECK(f.engine.query_cases(f.op, CaseQuery()).total == total_before);

  const std::vector<OutboxMessage> outbox = f.engine.outbox_fetch(f.admin);
  const auto posted = std::find_if(outbox.begin(), outbox.end(), [](const OutboxMessage& m) { return m.topic == "courier.claim"; });
  REQUIRE(posted != outbox.end());
  CHECK(json::parse(posted->payload) == json{{"contact", kErased}, {"parcel", kErased}});

  const PersonalDataExport exported = f.engine.export_personal_data(f.op, DataSubject{c.id, ""});
  REQUIRE(exported.cases.size() == 1);
  CHECK(exported.cases[0].erased_at.has_value());
  CHECK_FALSE(holds(all_data(exported.cases[0].history), "Mario"));
}

TEST_CASE("privacy: a refused erasure names its reason and writes nothing") {
  TempDb db;
  PrivacyFixture f(db.path);
  const Case c = f.open_case();
  const std::int64_t events_before = f.event_count();
  // Open: the period has not started.
  CHECK(reason_of([&] { f.engine.erase_personal_data(f.admin, DataSubject{c.id, ""}); }) == "case_open");
  f.close(c.id);
  f.now = at("2030-01-01T09:00:00Z");
  const std::int64_t closed_events = f.event_count();
  CHECK(closed_events > events_before);
  // Staff who are not admins, and claimants.
  CHECK(reason_of([&] { f.engine.erase_personal_data(f.op, DataSubject{c.id, ""}); }) == "admin_only");
  CHECK(status_of([&] { f.engine.erase_personal_data(f.customer, DataSubject{c.id, ""}); }) ==
        Status::permission_denied);
  // Unknown subjects and requests naming none or both.
  CHECK(status_of([&] { f.engine.erase_personal_data(f.admin, DataSubject{99999, ""}); }) == Status::not_found);
  CHECK(status_of([&] { f.engine.erase_personal_data(f.admin, DataSubject{0, "C404"}); }) == Status::not_found);
  CHECK(status_of([&] { f.engine.erase_personal_data(f.admin, DataSubject{}); }) == Status::missing_field);
  CHECK(status_of([&] { f.engine.erase_personal_data(f.admin, DataSubject{c.id, "C1"}); }) ==
        Status::invalid_argument);
  CHECK(f.event_count() == closed_events);
  CHECK(f.engine.get_case(f.op, c.id).lines[0].defect_description == kDefect);
  // Twice: the second is a conflict, and writes nothing.
  f.engine.erase_personal_data(f.admin, DataSubject{c.id, ""});
  const std::int64_t erased_events = f.event_count();
  try {
    f.engine.erase_personal_data(f.admin, DataSubject{c.id, ""});
    FAIL("a second erasure");
  } catch (const Error& e) {
    CHECK(e.status() == Status::conflict);
    CHECK(e.reason() == "already_erased");
    CHECK(holds(e.what(), "was erased already, at 2030-01-01T09:00:00"));
  }
  CHECK(f.event_count() == erased_events);
}

TEST_CASE("privacy: new personal data on an erased case gets a new key; erasing again erases it") {
  TempDb db;
  PrivacyFixture f(db.path);
  const Case c = f.open_case();
  f.close(c.id);
  f.now = at("2028-01-01T09:00:00Z");
  f.engine.erase_personal_data(f.admin, DataSubject{c.id, ""});
  f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "Anna Bianchi called about the old case"});
  CHECK(holds(all_data(f.engine.history(f.op, c.id)), "Anna Bianchi"));
  CHECK_FALSE(holds(all_data(f.engine.history(f.op, c.id)), "Mario"));
  CHECK_FALSE(holds(all_data(stored_events(db.path, c.id)), "Anna"));
  f.engine.erase_personal_data(f.admin, DataSubject{c.id, ""});
  CHECK_FALSE(holds(all_data(f.engine.history(f.op, c.id)), "Anna Bianchi"));
  CHECK(f.engine.get_case(f.op, c.id).notes.back().body == kErased);
}

TEST_CASE("privacy: a customer's erasure takes its record and every case of it, deleted ones too") {
  TempDb db;
  PrivacyFixture f(db.path);
  Customer person;
  person.id = "C1";
  person.name = "Mario Rossi";
  person.tax_id = "RSSMRA80A01H501U";
  person.email = "mario.rossi@example.it";
  person.phones = {"+39 333 1234567"};
  person.addresses = {Address{"billing", "Via Roma 1", "", "Milano", "20121", "MI", "IT"}};
  person.tier = "gold";
  f.engine.upsert_customer(f.op, person);
  const Case first = f.open_case();
  const Case second = f.open_case();
  const Case other = f.open_case("C2");
  f.close(first.id);
  f.engine.delete_case(f.admin, second.id, "opened twice");  // ends it: its period runs from today
  f.close(other.id);
  CHECK_FALSE(holds(stored_party_events(db), "Mario"));  // the customer's own events, sealed

  f.now = at("2027-03-10T12:00:00Z");
  try {
    f.engine.erase_personal_data(f.admin, DataSubject{0, "C1"});
    FAIL("erasure before the periods ended");
  } catch (const Error& e) {
    CHECK(e.reason() == "retention_period");
    CHECK(e.field() == "customer_id");
    CHECK(holds(e.what(), "may be erased from 2027-03-11"));
  }
  f.now = at("2027-03-11T12:00:00Z");
  const ErasureReport report = f.engine.erase_personal_data(f.admin, DataSubject{0, "C1"});
  CHECK(report.customer);
  REQUIRE(report.cases.size() == 2);
  CHECK(report.cases[0].country == "IT");

  const Customer erased = f.engine.get_customer(f.op, "C1");
  CHECK(erased.name == kErased);
  CHECK(erased.tax_id == kErased);
  CHECK(erased.email == kErased);
  CHECK(erased.phones == std::vector<std::string>{kErased});
  CHECK(erased.addresses[0].line1 == kErased);
  CHECK(erased.addresses[0].line2.empty());
  CHECK(erased.addresses[0].country == "IT");
  CHECK(erased.tier == "gold");
  CHECK(f.engine.get_case(f.op, first.id).lines[0].defect_description == kErased);
  CHECK(f.engine.get_case(f.op, other.id).lines[0].defect_description == kDefect);  // C2's stays

  const PersonalDataExport exported = f.engine.export_personal_data(f.op, DataSubject{0, "C1"});
  REQUIRE(exported.customer.has_value());
  CHECK(exported.customer->name == kErased);
  CHECK(exported.customer_erased_at.has_value());
  REQUIRE(exported.cases.size() == 2);
  CHECK(exported.cases[1].deleted_at.has_value());
  for (const ExportedCase& x : exported.cases) {
    CHECK(x.erased_at.has_value());
    CHECK_FALSE(holds(all_data(x.history), "Mario"));
    CHECK(x.case_.notes[0].body == kErased);
  }
  // Again: nothing left to erase.
  CHECK(reason_of([&] { f.engine.erase_personal_data(f.admin, DataSubject{0, "C1"}); }) == "already_erased");
}

TEST_CASE("privacy: export gives staff everything and a customer its own data in its view") {
  TempDb db;
  PrivacyFixture f(db.path);
  const Case c = f.open_case();
  const PersonalDataExport all = f.engine.export_personal_data(f.op, DataSubject{0, "C1"});
  REQUIRE(all.cases.size() == 1);
  CHECK(all.cases[0].case_.notes.size() == 2);
  CHECK(holds(all_data(all.cases[0].history), "internal: Mario was rude"));
  CHECK(holds(all_data(all.cases[0].history), kDefect));

  const PersonalDataExport own = f.engine.export_personal_data(f.customer, DataSubject{0, "C1"});
  REQUIRE(own.customer.has_value());
  REQUIRE(own.cases.size() == 1);
  CHECK(own.cases[0].case_.notes.size() == 1);  // the external note only
  CHECK(own.cases[0].case_.custom_fields == "{}");
  CHECK_FALSE(holds(all_data(own.cases[0].history), "internal: Mario was rude"));
  CHECK(holds(all_data(own.cases[0].history), kNote));
  CHECK(f.engine.export_personal_data(f.customer, DataSubject{c.id, ""}).cases.size() == 1);

  const Actor other{Role::customer, "C2"};
  CHECK(reason_of([&] { f.engine.export_personal_data(other, DataSubject{0, "C1"}); }) == "not_own_record");
  CHECK(status_of([&] { f.engine.export_personal_data(other, DataSubject{c.id, ""}); }) == Status::not_found);
  CHECK(reason_of([&] { f.engine.export_personal_data(Actor{Role::supplier, "S1"}, DataSubject{0, "C1"}); }) ==
        "role_not_allowed");
}

TEST_CASE("privacy: the retention rule of the case's country and kind applies, the most specific first") {
  TempDb db;
  PrivacyFixture f(db.path);
  PrivacyConfig config;
  config.default_retention = RetentionRule{"", std::nullopt, 120, "tax"};
  config.retention = {RetentionRule{"IT", std::nullopt, 24, "IT"}, RetentionRule{"", CaseKind::return_, 36, "returns"},
                      RetentionRule{"IT", CaseKind::return_, 6, "IT returns"}};
  f.engine.configure_privacy(f.admin, config);
  Customer c2 = f.engine.get_customer(f.op, "C2");
  c2.addresses = {Address{"shipping", "", "", "", "", "", "DE"}, Address{"billing", "", "", "", "", "", "IT"}};
  f.engine.upsert_customer(f.op, c2);
  const Case italian = f.open_case("C2");
  const Case unknown = f.open_case("C1");
  f.close(italian.id);
  f.close(unknown.id);
  f.now = at("2026-09-11T09:00:00Z");
  const ErasureReport it = f.engine.erase_personal_data(f.admin, DataSubject{italian.id, ""});
  CHECK(it.cases[0].country == "IT");  // the billing address, before the shipping one
  CHECK(it.cases[0].rule.basis == "IT returns");
  CHECK(it.cases[0].erasable_from == Date{2026, 9, 11});
  try {
    f.engine.erase_personal_data(f.admin, DataSubject{unknown.id, ""});
    FAIL("erased before the kind's period ended");
  } catch (const Error& e) {
    CHECK(holds(e.what(), "may be erased from 2029-03-11"));
    CHECK(holds(e.what(), "36 months: returns"));
  }
  CHECK(f.engine.privacy_config(f.op).retention.size() == 3);
}

TEST_CASE("privacy: another engine on the same database reads an erasure at its next command") {
  TempDb db;
  PrivacyFixture a(db.path);
  const Case c = a.open_case();
  a.close(c.id);
  CHECK(holds(all_data(a.engine.history(a.op, c.id)), "Mario"));  // engine a knows the key
  {
    PrivacyFixture b(db.path);
    b.now = at("2028-01-01T09:00:00Z");
    b.engine.erase_personal_data(b.admin, DataSubject{c.id, ""});
  }
  CHECK_FALSE(holds(all_data(a.engine.history(a.op, c.id)), "Mario"));
  CHECK(a.engine.get_case(a.op, c.id).lines[0].defect_description == kErased);
}

TEST_CASE("privacy: subscribers receive the events with their personal values opened") {
  TempDb db;
  PrivacyFixture f(db.path);
  std::string host;
  std::string claimant;
  f.engine.subscribe([&host](const Event& e) { host += e.type + " " + e.data + "\n"; });
  f.engine.subscribe(f.customer, [&claimant](const Event& e) { claimant += e.type + " " + e.data + "\n"; });
  const Case c = f.open_case();
  CHECK(holds(host, kDefect));
  CHECK(holds(host, kNote));
  CHECK(holds(host, "internal: Mario was rude"));
  CHECK_FALSE(holds(host, "\"sealed:"));
  CHECK(holds(claimant, kNote));
  CHECK_FALSE(holds(claimant, "internal: Mario was rude"));
  CHECK_FALSE(holds(claimant, "\"sealed:"));
  Customer renamed = f.engine.get_customer(f.op, "C1");
  renamed.name = "Rossi Mario S.r.l.";
  f.engine.upsert_customer(f.op, renamed);
  CHECK(holds(host, "Rossi Mario S.r.l."));
  CHECK_FALSE(holds(stored_party_events(db), "Rossi Mario"));
  if (db.schema.empty()) CHECK(holds(stored_party_events(db), "\"sealed:"));
  CHECK(c.id > 0);
}

TEST_CASE("privacy: a case stored before keys existed gets one when an event of it needs one") {
  TempDb db;
  std::int64_t id = 0;
  {
    PrivacyFixture f(db.path);
    id = f.engine.create_case(f.op, EngineFixture::one_line_draft()).id;
  }
  // As a row from before schema 14 holds it: no key.
  if (db.schema.empty()) {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE cases SET privacy_key = NULL");
  } else {
    REQUIRE(TempDb::run_on_server("UPDATE " + db.schema + ".cases SET privacy_key = NULL"));
  }
  CHECK(store::open(db.path, Options())->case_privacy(id)->key.empty());
  PrivacyFixture f(db.path);
  f.engine.add_note(f.op, id, NoteDraft{Visibility::internal, kNote});
  CHECK(store::open(db.path, Options())->case_privacy(id)->key.size() == 32);
  CHECK_FALSE(holds(all_data(stored_events(db.path, id)), "mario"));
  CHECK(holds(all_data(f.engine.history(f.op, id)), kNote));
}

namespace {

Customer person_named(const std::string& id, const std::string& name) {
  Customer c;
  c.id = id;
  c.name = name;
  c.email = "someone@example.it";
  c.addresses = {Address{"billing", "Via Roma 1", "", "Milano", "20121", "MI", "IT"}};
  c.tier = "gold";
  return c;
}

json event_data(const Event& e) { return json::parse(e.data); }

}  // namespace

TEST_CASE("privacy: export holds the customer record's history, opened for staff, erased after erasure") {
  TempDb db;
  PrivacyFixture f(db.path);
  f.engine.upsert_customer(f.op, person_named("C1", "Mario Rossi"));
  f.engine.upsert_customer(f.op, person_named("C2", "Anna Bianchi"));
  f.engine.upsert_customer(f.op, person_named("C1", "Mario R. Rossi"));
  const Case c = f.open_case();

  const PersonalDataExport all = f.engine.export_personal_data(f.op, DataSubject{0, "C1"});
  // C1's upserts (the fixture's, then these two), oldest first; not C2's.
  REQUIRE(all.customer_history.size() == 3);
  CHECK(all.customer_history[0].seq < all.customer_history[1].seq);
  CHECK(all.customer_history[1].seq < all.customer_history[2].seq);
  for (const Event& e : all.customer_history) {
    CHECK(e.type == "customer.upserted");
    CHECK(e.case_id == 0);
    CHECK(e.actor == f.op.to_string());
    CHECK(event_data(e).at("after").at("id") == "C1");
  }
  CHECK(event_data(all.customer_history[0]).at("before").is_null());
  CHECK(event_data(all.customer_history[0]).at("after").at("name") == "Rossi S.r.l.");
  CHECK(event_data(all.customer_history[1]).at("after").at("name") == "Mario Rossi");  // opened
  CHECK(event_data(all.customer_history[2]).at("before").at("name") == "Mario Rossi");
  CHECK(event_data(all.customer_history[2]).at("after").at("name") == "Mario R. Rossi");
  CHECK(event_data(all.customer_history[2]).at("after").at("tier") == "gold");
  CHECK_FALSE(holds(all_data(all.customer_history), "Anna"));
  CHECK(f.engine.export_personal_data(f.op, DataSubject{c.id, ""}).customer_history.empty());

  // The customer's own export: its record before and after in its view, without who wrote it.
  const PersonalDataExport own = f.engine.export_personal_data(f.customer, DataSubject{0, "C1"});
  REQUIRE(own.customer_history.size() == 3);
  CHECK(own.customer_history[2].seq == all.customer_history[2].seq);
  CHECK(own.customer_history[2].actor.empty());
  CHECK(event_data(own.customer_history[2]).at("after").at("name") == "Mario R. Rossi");
  CHECK_FALSE(event_data(own.customer_history[2]).at("after").contains("tier"));
  CHECK(event_data(own.customer_history[0]).at("before").is_null());

  // Erased: the values no longer open, the events and the chain over them stay.
  f.close(c.id);
  f.now = at("2027-03-11T12:00:00Z");
  f.engine.erase_personal_data(f.admin, DataSubject{0, "C1"});
  const PersonalDataExport erased = f.engine.export_personal_data(f.op, DataSubject{0, "C1"});
  REQUIRE(erased.customer_history.size() == 3);
  CHECK(erased.customer_history[1].seq == all.customer_history[1].seq);
  CHECK(event_data(erased.customer_history[1]).at("after").at("name") == kErased);
  CHECK(event_data(erased.customer_history[2]).at("before").at("name") == kErased);
  CHECK(event_data(erased.customer_history[2]).at("after").at("email") == kErased);
  CHECK(event_data(erased.customer_history[2]).at("after").at("id") == "C1");
  CHECK_FALSE(holds(all_data(erased.customer_history), "Mario"));
  CHECK(holds(all_data(f.engine.export_personal_data(f.op, DataSubject{0, "C2"}).customer_history), "Anna"));
  CHECK(f.engine.verify_audit(f.admin).ok);

  // The host sends the record again: new personal data, readable, after the erased history.
  f.engine.upsert_customer(f.op, person_named("C1", "Mario Rossi"));
  const PersonalDataExport again = f.engine.export_personal_data(f.customer, DataSubject{0, "C1"});
  REQUIRE(again.customer_history.size() == 4);
  CHECK(event_data(again.customer_history[3]).at("before").at("name") == kErased);
  CHECK(event_data(again.customer_history[3]).at("after").at("name") == "Mario Rossi");
}

TEST_CASE("privacy: the JSON export answers customer_history, in the customer's view for a customer") {
  TempDb db;
  PrivacyFixture f(db.path);
  f.engine.upsert_customer(f.op, person_named("C1", "Mario Rossi"));
  JsonApi api(f.engine);
  const json staff = json::parse(api.call(f.op.to_string(), "privacy.export", R"({"customer_id": "C1"})"));
  REQUIRE(staff.at("customer_history").size() == 2);
  CHECK(staff.at("customer_history")[1].at("actor") == f.op.to_string());
  CHECK(staff.at("customer_history")[1].at("data").at("after").at("name") == "Mario Rossi");
  const json own = json::parse(api.call("customer:C1", "privacy.export", R"({"customer_id": "C1"})"));
  REQUIRE(own.at("customer_history").size() == 2);
  CHECK(own.at("customer_history")[1].at("actor") == "");  // who wrote it is not said
  CHECK(own.at("customer_history")[1].at("data").at("after").at("name") == "Mario Rossi");
  CHECK_FALSE(own.at("customer_history")[1].at("data").at("after").contains("tier"));
}

TEST_CASE("privacy: a version 15 database gets its customer events keyed when opened") {
  TempDb db;
  if (!db.schema.empty()) return;  // PostgreSQL's twin is in test_postgres_store.cpp
  {
    PrivacyFixture f(db.path);
    f.engine.upsert_customer(f.op, person_named("C1", "Mario Rossi"));
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 15);
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'customer_events'").getInt() == 0);
  }
  const std::unique_ptr<store::Store> reopened = store::open(db.path, Options());
  const std::vector<Event> c1 = reopened->customer_events("C1");
  REQUIRE(c1.size() == 2);
  CHECK(c1[0].seq < c1[1].seq);
  CHECK(c1[0].type == "customer.upserted");
  CHECK(json::parse(c1[1].data).at("after").at("id") == "C1");
  CHECK_FALSE(holds(all_data(c1), "Mario"));  // as stored: sealed
  CHECK(reopened->customer_events("C2").size() == 1);
  CHECK(reopened->customer_events("C3").empty());
  SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 16);
}
