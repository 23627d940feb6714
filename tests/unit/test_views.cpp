// What each role sees: every op of the JSON API, sent as every role on a case rich in internal
// data, answers (and fails, and notifies subscribers) without a value outside that role's
// allow-list; probes of other parties' cases leave no mark and learn nothing; batches answer
// compactly; admin actors must be registered.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/op_table.hpp"
#include "engine_fixture.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::at;

namespace {

// Values only staff may see. Each sits in a member a customer or a supplier must not see.
const std::vector<std::string> kStaffOnly = {
    "SECRET-INTERNAL-NOTE", "SECRET-ATTACHMENT",  "SECRET-ACTION", "SECRET-ROOT-CAUSE", "SECRET-TEAM",
    "secret-assignee",      "SECRET-CUSTOM",      "SECRET-PACKER", "777777",            "7777.77",
    "operator:anna",        "gold",              "unit_sold_to_other_customer", "INV-OTHER",
    "fraud_signals",        "units_of_other_buyers"};
// The customer's own facts: hidden from the supplier and from everyone else.
const std::vector<std::string> kClaimantOwn = {"Rossi", "INV-SECRET", "543.21", "54321", "VISIBLE-EXTERNAL-NOTE"};
// What identifies the case at all: hidden from parties with no claim on it.
const std::vector<std::string> kCaseIdentity = {"SN-SECRET-1", "Claimant description"};

const char* const kSales =
    R"({"id":"INV-SECRET-10","date":"2026-01-10","customer_id":"C1","channel":"b2c","currency":"EUR","lines":[)"
    R"({"sku":"PHONE-1","quantity":1,"unit_price":54321,"vat_rate_bp":2200,"serials":["SN-SECRET-1"],)"
    R"("packers":["SECRET-PACKER"],"dispatch_document":"DN-1"},)"
    R"({"sku":"CABLE-2","quantity":20,"unit_price":1000,"vat_rate_bp":2200,"packers":["SECRET-PACKER"]},)"
    R"({"sku":"PHONE-1","quantity":1,"unit_price":54321,"vat_rate_bp":2200,"serials":["SN-SECRET-2"]}]})"
    "\n"
    // A phone sold to C2: a line of C1's naming it is flagged for staff, with none of its facts.
    R"({"id":"INV-OTHER-1","date":"2026-01-12","customer_id":"C2","channel":"b2c","currency":"EUR","lines":[)"
    R"({"sku":"PHONE-1","quantity":1,"unit_price":11111,"vat_rate_bp":2200,"serials":["SN-OTHER-9"]}]})"
    "\n";

// C1's line naming C2's phone raises units_of_other_buyers: staff see it on C1 and on the lines.
const char* const kFraudConfig = R"({"fraud":{"units_of_other_buyers":{"threshold":0,"min_count":1}}})";

const char* const kRules = R"({"labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}]})";

struct Reader {
  std::string name;
  std::string actor;
  bool staff = false;
  std::vector<std::string> forbidden;
};

std::vector<std::string> joined(std::initializer_list<const std::vector<std::string>*> lists) {
  std::vector<std::string> out;
  for (const auto* l : lists) out.insert(out.end(), l->begin(), l->end());
  return out;
}

// An engine with a case of C1's, sent to supplier S1, carrying every kind of internal data.
struct RichCase {
  rma_test::TempDb db;
  Engine engine = Engine::open(db.path, rma_test::test_options());
  JsonApi api{engine};
  const Actor op{rma::Role::operator_, "anna"};
  std::int64_t case_id = 0;
  std::int64_t spare_id = 0;  // a second case of C1's, for the ops that end a case

  RichCase() {
    engine.set_clock([] { return at("2026-03-10T09:00:00Z"); });
    call("system:setup", "operator.upsert", R"({"id":"anna","name":"Anna","role":"operator"})");
    call("system:setup", "operator.upsert", R"({"id":"root","name":"Root","role":"admin"})");
    call("operator:anna", "customer.upsert", R"({"id":"C1","name":"Rossi S.r.l.","tier":"gold"})");
    call("operator:anna", "customer.upsert", R"({"id":"C2","name":"Kowalski"})");
    call("operator:anna", "supplier.upsert", R"({"id":"S1","name":"Supplier One"})");
    call("operator:anna", "supplier.upsert", R"({"id":"S2","name":"Supplier Two"})");
    call("operator:anna", "product.upsert", R"({"sku":"PHONE-1","name":"Phone","serialized":true,"supplier_id":"S1"})");
    call("operator:anna", "product.upsert", R"({"sku":"CABLE-2","name":"Cable"})");
    REQUIRE(engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales).rows_rejected == 0);
    engine.configure_valuation(Actor{rma::Role::system, "setup"}, valuation_rules_from_json(kRules));
    call("admin:root", "warranty.configure", kFraudConfig);
    case_id = open_case(R"({"serial":"SN-SECRET-1","defect_description":"Claimant description"},)"
                        R"({"sku":"PHONE-1","serial":"SN-OTHER-9"})");
    spare_id = open_case(R"({"serial":"SN-SECRET-2"})");
    const std::string id = std::to_string(case_id);
    call("operator:anna", "case.update",
         R"({"case_id":)" + id +
             R"(,"changes":{"root_cause":"SECRET-ROOT-CAUSE","team":"SECRET-TEAM","assignee":"secret-assignee",)"
             R"("custom_fields":{"note":"SECRET-CUSTOM"}}})");
    call("operator:anna", "case.add_note", R"({"case_id":)" + id + R"(,"channel":"internal","body":"SECRET-INTERNAL-NOTE"})");
    call("operator:anna", "case.add_note",
         R"({"case_id":)" + id + R"(,"channel":"external","body":"VISIBLE-EXTERNAL-NOTE for the customer"})");
    call("operator:anna", "case.add_attachment",
         R"({"case_id":)" + id +
             R"(,"file_name":"SECRET-ATTACHMENT.jpg","media_type":"image/jpeg","size_bytes":10,)"
             R"("sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","visibility":"internal"})");
    call("operator:anna", "case.add_action", R"({"case_id":)" + id + R"(,"title":"SECRET-ACTION","assignee":"anna"})");
    call("operator:anna", "case.add_repair",
         R"({"case_id":)" + id +
             R"(,"line_no":1,"code":"SCREEN","description":"Screen","labour_class":"standard","minutes":30,)"
             R"("parts":[{"sku":"SCREEN-9","quantity":1,"unit_cost":777777,"currency":"EUR"}]})");
  }

  std::int64_t open_case(const std::string& lines) {
    const json c = json::parse(call("operator:anna", "case.create",
                                    R"({"kind":"repair","customer_id":"C1","supplier_id":"S1","lines":[)" + lines + "]}"));
    return c.at("id").get<std::int64_t>();
  }

  std::string call(const std::string& actor, const std::string& op, const std::string& request) {
    return api.call(actor, op, request);
  }
};

// A request for every op, on the rich case ("{id}") and its spare ("{spare}").
const std::map<std::string, std::string> kSamples = {
    {"customer.upsert", R"({"id":"C9","name":"New"})"},
    {"customer.get", R"({"id":"C1"})"},
    {"supplier.upsert", R"({"id":"S9","name":"New"})"},
    {"supplier.get", R"({"id":"S1"})"},
    {"operator.upsert", R"({"id":"bob","name":"Bob","role":"operator"})"},
    {"operator.get", R"({"id":"anna"})"},
    {"product.upsert", R"({"sku":"X-1","name":"X"})"},
    {"product.get", R"({"sku":"PHONE-1"})"},
    {"case.create", R"({"customer_id":"C1","lines":[{"sales_document":{"document":"INV-SECRET-10","line":2}}]})"},
    {"case.get", R"({"case_id":{id}})"},
    {"case.update", R"({"case_id":{id},"changes":{"priority":"high"}})"},
    {"case.add_note", R"({"case_id":{id},"channel":"external","body":"a reply"})"},
    {"case.add_attachment",
     R"({"case_id":{id},"file_name":"photo.jpg","media_type":"image/jpeg","size_bytes":10,)"
     R"("sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","visibility":"external"})"},
    {"case.add_action", R"({"case_id":{id},"title":"Call back"})"},
    {"case.complete_action", R"({"case_id":{id},"action_id":1})"},
    {"case.split", R"({"case_id":{id},"lines":[{"line_no":1,"quantity":1}]})"},
    {"case.query", R"({})"},
    {"case.history", R"({"case_id":{id}})"},
    {"case.customer_view", R"({"case_id":{id}})"},
    {"outbox.post", R"({"case_id":{id},"topic":"t","payload":{}})"},
    {"outbox.fetch", R"({})"},
    {"outbox.ack", R"({"seqs":[]})"},
    {"number.parse", R"({"number":"RMA-2026-000001"})"},
    {"engine.stats", R"({})"},
    {"batch", R"({"commands":[{"op":"case.add_note","request":{"case_id":{id},"channel":"external","body":"b"}}],)"
              R"("answers":"full"})"},
    {"import.run", R"({"kind":"customers","format":"jsonl","content":""})"},
    {"store.copy", R"({"to":"/tmp/rma-views-not-a-server.db"})"},
    {"sales_document.get", R"({"id":"INV-SECRET-10"})"},
    {"purchase_document.get", R"({"id":"PO-1"})"},
    {"sold_units.by_serial", R"({"serial":"SN-SECRET-1"})"},
    {"sold_units.by_customer", R"({"customer_id":"C1"})"},
    {"sold_units.by_document", R"({"document":"INV-SECRET-10"})"},
    {"warranty.configure", kFraudConfig},
    {"warranty.config", R"({})"},
    {"warranty.add_extended", R"({"serial":"SN-SECRET-1","contract":"X","start":"2026-01-01","end":"2027-01-01"})"},
    {"unit.register", R"({"serial":"SN-SECRET-1","registered_on":"2026-01-11"})"},
    {"warranty.check", R"({"serial":"SN-SECRET-1"})"},
    {"case.check_eligibility", R"({"case_id":{id},"line_no":1})"},
    {"case.check_line", R"({"case_id":{id},"line_no":1})"},
    {"unit.history", R"({"serial":"SN-SECRET-1"})"},
    {"workflow.configure", R"({"workflows":[]})"},
    {"workflow.config", R"({})"},
    {"workflow.get", R"({"id":"warranty_repair","version":1})"},
    {"case.transition", R"({"case_id":{id},"transition":"start_diagnosis"})"},
    {"case.transitions", R"({"case_id":{id}})"},
    {"case.reopen", R"({"case_id":{id},"state":"new","reason":"r"})"},
    {"case.delete", R"({"case_id":{spare},"reason":"r"})"},
    {"case.add_repair", R"({"case_id":{id},"code":"X"})"},
    {"case.set_repair_status", R"({"case_id":{id},"repair_id":1,"status":"in_progress"})"},
    {"case.replay", R"({"case_id":{id}})"},
    {"sla.configure", R"({})"},
    {"sla.config", R"({})"},
    {"sla.case", R"({"case_id":{id}})"},
    {"sla.tick", R"({})"},
    {"sla.due", R"({"hours":24})"},
    {"sla.overdue", R"({})"},
    {"sla.compliance", R"({})"},
    {"calendar.add", R"({"calendar":{"hours":{"mon":[["09:00","17:00"]]}},"at":"2026-03-10T09:00:00Z","seconds":60})"},
    {"calendar.between",
     R"({"calendar":{"hours":{"mon":[["09:00","17:00"]]}},"from":"2026-03-10T09:00:00Z","to":"2026-03-11T09:00:00Z"})"},
    {"calendar.next_open", R"({"calendar":{"hours":{"mon":[["09:00","17:00"]]}},"at":"2026-03-10T09:00:00Z"})"},
    {"holidays.load", R"({})"},  // refused by validation: the built-in rules stay for the other tests
    {"holidays.list", R"({"country":"PL","year":2026})"},
    {"valuation.configure", R"({})"},
    {"valuation.rules", R"({})"},
    {"case.valuation", R"({"case_id":{id}})"},
    {"security.log", R"({})"},
    {"privacy.configure", R"({})"},
    {"privacy.config", R"({})"},
    {"privacy.erase", R"({"case_id":{spare}})"},  // refused: its retention has not ended
    {"privacy.export", R"({"customer_id":"C1"})"},
    // A customer's own report by what its view shows; the export writes one file per asker.
    {"report.run", R"({"dimensions":["status","sku"],"measures":["cases","units_requested"]})"},
    {"report.export",
     R"({"report":{"dimensions":["status"],"measures":["cases"]},"format":"csv","path":"/tmp/rma-views-report.csv"})"},
    {"audit.verify", R"({})"},
    {"audit.checkpoint", R"({})"},
    {"audit.public_key", R"({})"},
    {"audit.export", R"({})"},
    // Staff only: every other asker is refused before the request is read.
    {"quality.scan", R"({"subjects":["sku","lot","supplier"],"min_returns":1,"min_sold":1})"},
    {"quality.acknowledge", R"({"id":"return_rate/sku/PHONE-1/history"})"},
    // The claimant's own label; its file comes as base64 and is drawn from the views already.
    {"label.render", R"({"case_id":{id},"format":"zpl"})"},
    {"language.configure", R"({"languages":{"de-AT":{"kind.return":"Retoure"}}})"},
    {"language.config", R"({})"},
    {"language.check", R"({})"},
    // Texts for the reader: nothing of a case or a party, read whole by everyone.
    {"language.format", R"({"lang":"pl","values":[{"money":"12.08 EUR"},{"plural":2},{"message":"kind.return"}]})"},
};

std::string with_ids(std::string text, std::int64_t id, std::int64_t spare) {
  for (const auto& [key, value] : {std::pair<std::string, std::int64_t>{"{id}", id}, {"{spare}", spare}}) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key)) {
      text.replace(at, key.size(), std::to_string(value));
    }
  }
  return text;
}

// The answer, or the refusal's status, field, reason and message: everything the caller reads.
std::string outcome(RichCase& f, const std::string& actor, const std::string& op, const std::string& request) {
  try {
    return f.call(actor, op, request);
  } catch (const Error& e) {
    return std::string(status_name(e.status())) + " " + e.field() + " " + e.reason() + " " + e.what();
  }
}

std::vector<Reader> roles() {
  return {
      {"own customer", "customer:C1", false, joined({&kStaffOnly})},
      {"other customer", "customer:C2", false, joined({&kStaffOnly, &kClaimantOwn, &kCaseIdentity})},
      {"own supplier", "supplier:S1", false, joined({&kStaffOnly, &kClaimantOwn})},
      {"other supplier", "supplier:S2", false, joined({&kStaffOnly, &kClaimantOwn, &kCaseIdentity})},
      {"operator", "operator:anna", true, {}},
      {"admin", "admin:root", true, {}},
  };
}

}  // namespace

TEST_CASE("every op of the table has a sample request in this test, so a new op must declare its view here") {
  for (const api::OpInfo& info : api::op_table()) {
    CAPTURE(info.name);
    CHECK(kSamples.count(std::string(info.name)) == 1);
  }
}

TEST_CASE("no answer, refusal or delivered event holds a value outside the asker's allow-list, for every op and role") {
  RichCase f;
  // Subscriptions made for each non-staff role collect what they are handed.
  std::map<std::string, std::vector<std::string>> delivered;
  for (const Reader& role : roles()) {
    if (role.staff) continue;
    f.engine.subscribe(Actor::parse(role.actor),
                       [&delivered, name = role.name](const Event& e) { delivered[name].push_back(event_to_json(e)); });
  }
  // The staff see the internal data: the check below could fail.
  const std::string staff_view = f.call("operator:anna", "case.get", with_ids(R"({"case_id":{id}})", f.case_id, 0));
  for (const char* secret :
       {"SECRET-INTERNAL-NOTE", "SECRET-PACKER", "777777", "SECRET-ROOT-CAUSE", "unit_sold_to_other_customer"}) {
    CHECK(staff_view.find(secret) != std::string::npos);
  }

  std::set<std::string> answered_by_claimant;
  for (const Reader& role : roles()) {
    for (const api::OpInfo& info : api::op_table()) {
      const auto sample = kSamples.find(std::string(info.name));
      if (sample == kSamples.end()) continue;  // reported by the test above
      const std::string request = with_ids(sample->second, f.case_id, f.spare_id);
      const std::string text = outcome(f, role.actor, std::string(info.name), request);
      CAPTURE(role.name);
      CAPTURE(info.name);
      CAPTURE(text);
      for (const std::string& secret : role.forbidden) {
        if (request.find(secret) != std::string::npos) continue;  // what the asker sent is no leak
        CAPTURE(secret);
        CHECK(text.find(secret) == std::string::npos);
      }
      if (role.name == "own customer" && text.rfind("{", 0) == 0) answered_by_claimant.insert(std::string(info.name));
      // A staff-only op never answers anyone else.
      if (info.access == api::Access::staff && !role.staff) CHECK(text.rfind("permission_denied", 0) == 0);
    }
  }
  // The claimant was really answered (its own case is not refused): the checks above ran on answers.
  for (const char* op : {"case.get", "case.add_note", "case.create", "case.query", "batch", "sold_units.by_serial",
                         "sales_document.get", "warranty.check", "case.customer_view", "privacy.export",
                         "report.run", "report.export", "label.render"}) {
    CAPTURE(op);
    CHECK(answered_by_claimant.count(op) == 1);
  }
  for (const Reader& role : roles()) {
    if (role.staff) continue;
    for (const std::string& event : delivered[role.name]) {
      CAPTURE(role.name);
      CAPTURE(event);
      for (const std::string& secret : role.forbidden) CHECK(event.find(secret) == std::string::npos);
    }
  }
  // The claimant's subscription heard of its case; the other parties' heard nothing of it.
  CHECK_FALSE(delivered["own customer"].empty());
  CHECK(delivered["other customer"].empty());
  CHECK(delivered["other supplier"].empty());
}

TEST_CASE("another party's case answers exactly as a missing one, and the probe is counted, not written on the case") {
  RichCase f;
  const std::string get = R"({"case_id":)" + std::to_string(f.case_id) + "}";
  const std::string missing = R"({"case_id":999999})";
  const std::size_t history_before = f.engine.history(f.op, f.case_id).size();
  for (const char* actor : {"customer:C2", "supplier:S2"}) {
    CAPTURE(actor);
    std::string theirs;
    std::string none;
    try {
      f.call(actor, "case.get", get);
    } catch (const Error& e) {
      CHECK(e.status() == Status::not_found);
      theirs = std::string(e.what());
    }
    try {
      f.call(actor, "case.get", missing);
    } catch (const Error& e) {
      CHECK(e.status() == Status::not_found);
      none = std::string(e.what());
    }
    // The same words but for the id each names.
    CHECK(theirs == "case_id: no case with id " + std::to_string(f.case_id));
    CHECK(none == "case_id: no case with id 999999");
  }
  for (int i = 0; i < 1000; ++i) (void)outcome(f, "customer:C2", "case.add_note", R"({"case_id":)" + std::to_string(f.case_id) + R"(,"channel":"external","body":"x"})");
  CHECK(f.engine.history(f.op, f.case_id).size() == history_before);
  const std::vector<SecurityLogEntry> log = f.engine.security_log(f.op, "customer:C2");
  std::int64_t not_own = 0;
  std::int64_t unknown = 0;
  for (const SecurityLogEntry& e : log) {
    if (e.reason == "not_own_case") not_own = e.count;
    if (e.reason == "unknown_case") unknown = e.count;
  }
  CHECK(not_own == 1001);  // one case.get and 1000 notes: one row, counted
  CHECK(unknown == 1);
  CHECK(log.size() == 2);
  // Through the op, as staff only.
  const json entries = json::parse(f.call("operator:anna", "security.log", R"({"actor":"customer:C2"})")).at("entries");
  CHECK(entries.size() == 2);
  CHECK(rma_test::status_of([&] { f.call("customer:C2", "security.log", "{}"); }) == Status::permission_denied);
}

TEST_CASE("engine.stats is staff only, refused before its request is read") {
  RichCase f;
  CHECK(rma_test::status_of([&] { f.call("customer:nobody", "engine.stats", "{}"); }) == Status::permission_denied);
  // Not even decoded: a request that is not JSON is refused for the role, not for its syntax.
  CHECK(rma_test::status_of([&] { f.call("customer:nobody", "engine.stats", "{not json"); }) == Status::permission_denied);
  CHECK(rma_test::status_of([&] { f.call("operator:anna", "engine.stats", "{}"); }) == Status::ok);
}

TEST_CASE("an admin actor must be a registered operator with the admin role") {
  RichCase f;
  const std::string del = R"({"case_id":)" + std::to_string(f.spare_id) + R"(,"reason":"r"})";
  try {
    f.call("admin:mallory", "case.delete", del);
    FAIL("an unregistered admin deleted a case");
  } catch (const Error& e) {
    CHECK(e.status() == Status::permission_denied);
    CHECK(e.reason() == "not_registered");
  }
  CHECK(f.engine.get_case(f.op, f.spare_id).id == f.spare_id);  // still there
  // A registered operator who claims admin is refused too; the registered admin is not.
  CHECK(rma_test::reason_of([&] { f.call("admin:anna", "case.delete", del); }) == "role_mismatch");
  CHECK(rma_test::status_of([&] { f.call("admin:root", "case.delete", del); }) == Status::ok);
}

TEST_CASE("require_registered_staff refuses unregistered operators; without it they may act") {
  for (const bool required : {false, true}) {
    CAPTURE(required);
    rma_test::TempDb db;
    Options options;
    options.require_registered_staff = required;
    Engine engine = Engine::open(db.path, options);
    JsonApi api(engine);
    const Status status = rma_test::status_of([&] { api.call("operator:ghost", "customer.upsert", R"({"id":"C1","name":"x"})"); });
    CHECK(status == (required ? Status::permission_denied : Status::ok));
  }
}

TEST_CASE("batch answers are compact by default, full on request in the asker's view, bounded for claimants") {
  RichCase f;
  const std::string id = std::to_string(f.case_id);
  auto notes = [&](int n, const char* answers) {
    std::string commands;
    for (int i = 0; i < n; ++i) {
      if (i) commands += ",";
      commands += R"({"op":"case.add_note","request":{"case_id":)" + id + R"(,"channel":"external","body":"n"}})";
    }
    return std::string(R"({"commands":[)") + commands + "]" + (answers ? std::string(R"(,"answers":")") + answers + "\"" : "") + "}";
  };
  // Compact: op, case and version per command, whatever the case holds.
  const json compact = json::parse(f.call("operator:anna", "batch", notes(3, nullptr)));
  REQUIRE(compact.at("results").size() == 3);
  CHECK(compact.at("results").at(2) == json{{"op", "case.add_note"}, {"case_id", f.case_id}, {"version", compact.at("results").at(2).at("version")}});
  // Full, for the claimant: its view of the case after each command.
  const std::string full = f.call("customer:C1", "batch", notes(2, "full"));
  CHECK(full.find("SECRET-INTERNAL-NOTE") == std::string::npos);
  CHECK(json::parse(full).at("results").at(1).at("notes").size() >= 3);
  // At most max_claimant_batch_commands (20) for a claimant: 20 pass, 21 are too many.
  CHECK(rma_test::status_of([&] { f.call("customer:C1", "batch", notes(20, nullptr)); }) == Status::ok);
  const std::size_t history = f.engine.history(f.op, f.case_id).size();
  try {
    f.call("customer:C1", "batch", notes(21, nullptr));
    FAIL("21 commands from a claimant");
  } catch (const Error& e) {
    CHECK(e.status() == Status::too_large);
    CHECK(e.field() == "commands");
  }
  CHECK(f.engine.history(f.op, f.case_id).size() == history);
  // Staff may send more.
  CHECK(rma_test::status_of([&] { f.call("operator:anna", "batch", notes(21, nullptr)); }) == Status::ok);
}

TEST_CASE("full batch answers stop at limits.max_response_bytes and write nothing") {
  rma_test::TempDb db;
  Options options;
  options.limits.max_response_bytes = 64 * 1024;
  Engine engine = Engine::open(db.path, options);
  JsonApi api(engine);
  api.call("operator:anna", "customer.upsert", R"({"id":"C1","name":"Rossi"})");
  const json c = json::parse(api.call("operator:anna", "case.create", R"({"customer_id":"C1","lines":[{"sku":"A"}]})"));
  const std::string id = std::to_string(c.at("id").get<std::int64_t>());
  std::string commands;
  for (int i = 0; i < 200; ++i) {
    if (i) commands += ",";
    commands += R"({"op":"case.add_note","request":{"case_id":)" + id + R"(,"channel":"external","body":"a note of some length to fill the answers"}})";
  }
  const std::string full = R"({"commands":[)" + commands + R"(],"answers":"full"})";
  try {
    api.call("operator:anna", "batch", full);
    FAIL("the full answers passed the response limit");
  } catch (const Error& e) {
    CHECK(e.status() == Status::too_large);
    CHECK(e.field() == "answers");
  }
  CHECK(json::parse(api.call("operator:anna", "case.get", R"({"case_id":)" + id + "}")).at("notes").empty());
  // Compact answers of the same batch fit easily.
  const json compact = json::parse(api.call("operator:anna", "batch", R"({"commands":[)" + commands + "]}"));
  CHECK(compact.at("results").size() == 200);
}

TEST_CASE("a supplier's answers show the lines sent to it and the amount claimed from it, not our costs") {
  RichCase f;
  const json c = json::parse(f.call("supplier:S1", "case.set_repair_status",
                                    R"({"case_id":)" + std::to_string(f.case_id) + R"(,"repair_id":1,"status":"in_progress"})"));
  CHECK(c.at("lines").size() == 2);
  CHECK_FALSE(c.contains("customer_id"));
  CHECK_FALSE(c.at("lines").at(0).contains("unit_price"));
  const std::string text = c.dump();
  for (const char* hidden : {"net_cost", "repair_cost", "unit_cost", "refund"}) {
    CAPTURE(hidden);
    CHECK(text.find(hidden) == std::string::npos);
  }
  REQUIRE(c.at("valuation").is_object());
  for (const json& t : c.at("valuation").at("totals")) CHECK(t.contains("supplier_recovery"));
}

TEST_CASE("the C++ API hands a claimant the same view as the JSON API") {
  RichCase f;
  const Actor claimant{rma::Role::customer, "C1"};
  const Case seen = f.engine.get_case(claimant, f.case_id);
  CHECK(seen.root_cause.empty());
  CHECK(seen.team.empty());
  CHECK(seen.assignee.empty());
  CHECK(seen.custom_fields == "{}");
  CHECK(seen.actions.empty());
  for (const Note& n : seen.notes) CHECK(n.channel == Visibility::external);
  REQUIRE(!seen.lines.empty());
  CHECK(seen.lines[0].packers.empty());
  for (const RepairOperation& r : seen.repairs) {
    for (const PartUse& p : r.parts) CHECK(p.unit_cost == 0);
  }
  // A write answers in the same view as a read.
  const Case noted = f.engine.add_note(claimant, f.case_id, NoteDraft{Visibility::external, "thanks"});
  CHECK(noted.root_cause.empty());
  CHECK(noted.lines[0].packers.empty());
  const std::vector<SoldUnit> units = f.engine.sold_units_by_serial(claimant, "SN-SECRET-1");
  REQUIRE(units.size() == 1);
  CHECK(units[0].packers.empty());
  CHECK(units[0].unit_price == 54321);  // its own price
}

TEST_CASE("a claimant's subscription is not told of an update whose every change is hidden") {
  RichCase f;
  std::vector<Event> seen;
  f.engine.subscribe(Actor{rma::Role::customer, "C1"}, [&](const Event& e) { seen.push_back(e); });
  CasePatch internal_only;
  internal_only.root_cause = "another SECRET-ROOT-CAUSE";
  f.engine.update_case(f.op, f.case_id, internal_only);
  CHECK(seen.empty());
  CasePatch visible;
  visible.priority = Priority::urgent;
  visible.team = "SECRET-TEAM-2";
  f.engine.update_case(f.op, f.case_id, visible);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].type == "case.updated");
  CHECK(seen[0].actor.empty());
  const json data = json::parse(seen[0].data);
  CHECK(data.at("changes").contains("priority"));
  CHECK_FALSE(data.at("changes").contains("team"));
}

TEST_CASE("a claimant's and a supplier's subscriptions are told of a transition, without its changes") {
  RichCase f;
  std::vector<Event> claimant_saw;
  std::vector<Event> supplier_saw;
  f.engine.subscribe(Actor{rma::Role::customer, "C1"}, [&](const Event& e) { claimant_saw.push_back(e); });
  f.engine.subscribe(Actor{rma::Role::supplier, "S1"}, [&](const Event& e) { supplier_saw.push_back(e); });
  f.call("operator:anna", "case.transition", R"({"case_id":)" + std::to_string(f.case_id) + R"(,"transition":"start_diagnosis"})");
  for (const std::vector<Event>* seen : {&claimant_saw, &supplier_saw}) {
    REQUIRE(seen->size() == 1);
    CHECK(seen->at(0).type == "case.transitioned");
    const json data = json::parse(seen->at(0).data);
    CHECK(data.at("transition") == "start_diagnosis");
    CHECK(data.contains("from"));
    CHECK(data.contains("to"));
    CHECK_FALSE(data.contains("changes"));  // the transition's changes may name hidden members
  }
}
