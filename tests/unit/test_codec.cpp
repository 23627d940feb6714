// The JSON codec (src/api): documents as docs/json.md gives them, round trips, and every kind of
// bad input with its status and field path; then JsonApi dispatch over an in-memory engine.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/codec.hpp"
#include "rma/rma.hpp"

using namespace rma;
using nlohmann::json;

TEST_SUITE_BEGIN("json");

namespace {

Timestamp at(const char* iso) { return Timestamp::from_iso(iso); }

Case full_case() {
  Case c;
  c.id = 42;
  c.number = "RMA-2026-000042-K";
  c.kind = CaseKind::complaint;
  c.category = ComplaintCategory::transport;
  c.channel = Channel::retail_chain;
  c.customer_id = "C1";
  c.supplier_id = "S9";
  c.purchased_elsewhere = false;
  CaseLine line;
  line.line_no = 1;
  line.sku = "PHONE-1";
  line.serial = "SN-001";
  line.sales_document = {"INV-17", 3};
  line.reason_code = "defective";
  line.defect_description = "Display cracked — «schermo rotto», ekran pęknięty";
  line.condition = "damaged";
  line.qty_requested = 2;
  line.qty_authorized = 2;
  line.qty_received = 1;
  line.qty_accepted = 1;
  line.replacement_serial = "SN-900";
  line.purchase_date = Date::from_iso("2024-02-29");
  line.unit_price = 49900;
  line.currency = "EUR";
  line.vat_rate_bp = 2200;
  line.dispatch_document = "DDT-7";
  line.packers = {"Giulia", "Marco"};
  line.void_conditions = {"liquid", "tampering"};
  line.unused = false;
  line.original_packaging = true;
  line.warranty = R"({"covered":false,"coverage":"none","reasons":[{"code":"void_condition.liquid","message":"x"}]})";
  line.eligibility = R"({"outcome":"manual_review","results":[]})";
  CaseLine loose;
  loose.line_no = 2;
  loose.sku = "CABLE-2";
  loose.qty_requested = 5;
  c.lines = {line, loose};
  c.priority = Priority::urgent;
  c.assignee = "anna";
  c.team = "returns";
  c.status = "inspecting";
  c.expected_completion = Date::from_iso("2026-12-01");
  c.resolution = Resolution::credit_note;
  c.root_cause = "carrier";
  c.custom_fields = R"({"erp_ref":"SO-1","tags":["a","b"],"weight":1.5})";
  c.split_from = 7;
  c.notes.push_back({5, Visibility::external, "operator:anna", "We received it.\nThanks", at("2026-11-25T09:30:00Z")});
  Attachment photo;
  photo.id = 6;
  photo.file_name = "photo.jpg";
  photo.media_type = "image/jpeg";
  photo.size_bytes = 123456;
  photo.sha256 = std::string(64, 'a');
  photo.uri = "s3://bucket/photo.jpg";
  photo.visibility = Visibility::internal;
  photo.added_by = "customer:C1";
  photo.created_at = at("2026-11-25T09:31:00.123456Z");
  c.attachments.push_back(photo);
  Action done;
  done.id = 8;
  done.title = "Inspect";
  done.assignee = "marco";
  done.due_at = at("2026-11-27T17:00:00Z");
  done.done_at = at("2026-11-26T10:00:00Z");
  done.done_by = "operator:marco";
  done.created_by = "operator:anna";
  done.created_at = at("2026-11-25T09:32:00Z");
  Action open;
  open.id = 9;
  open.title = "Order parts";
  open.created_by = "operator:anna";
  open.created_at = at("2026-11-25T09:33:00Z");
  c.actions = {done, open};
  c.created_at = at("2026-11-25T09:00:00Z");
  c.updated_at = at("2026-11-26T10:00:00Z");
  c.version = 6;
  return c;
}

CaseDraft full_draft() {
  CaseDraft d;
  d.kind = CaseKind::repair;
  d.channel = Channel::b2b;
  d.customer_id = "C1";
  d.purchased_elsewhere = true;
  LineDraft a;
  a.sku = "PHONE-1";
  a.serial = "SN-001";
  a.reason_code = "defective";
  a.defect_description = "no power";
  a.quantity = 1;
  LineDraft b;
  b.sku = "CABLE-2";
  b.lot = "L-7";
  b.sales_document = {"INV-17", 2};
  b.quantity = 5;
  d.lines = {a, b};
  d.priority = Priority::high;
  d.assignee = "anna";
  d.team = "repairs";
  d.expected_completion = Date::from_iso("2027-01-15");
  d.custom_fields = R"({ "b": 2, "a": {"x": null} })";
  d.idempotency_key = "k-1";
  return d;
}

}  // namespace

TEST_CASE("a case encodes with the member names, enum names and nulls of docs/json.md") {
  const json doc = api::to_json_value(full_case());
  CHECK(doc["id"] == 42);
  CHECK(doc["kind"] == "complaint");
  CHECK(doc["category"] == "transport");
  CHECK(doc["channel"] == "retail_chain");
  CHECK(doc["priority"] == "urgent");
  CHECK(doc["resolution"] == "credit_note");
  CHECK(doc["expected_completion"] == "2026-12-01");
  CHECK(doc["split_from"] == 7);
  CHECK(doc["custom_fields"].is_object());
  CHECK(doc["custom_fields"]["tags"][1] == "b");
  CHECK(doc["lines"][0]["sales_document"] == json{{"document", "INV-17"}, {"line", 3}});
  CHECK(doc["lines"][1]["sales_document"].is_null());
  CHECK(doc["lines"][0]["qty_received"] == 1);
  const json& sold = doc["lines"][0];
  CHECK(sold["purchase_date"] == "2024-02-29");
  CHECK(sold["unit_price"] == 49900);
  CHECK(sold["currency"] == "EUR");
  CHECK(sold["vat_rate_bp"] == 2200);
  CHECK(sold["dispatch_document"] == "DDT-7");
  CHECK(sold["packers"] == json{"Giulia", "Marco"});
  CHECK(sold["void_conditions"] == json{"liquid", "tampering"});
  CHECK(sold["unused"] == false);
  CHECK(sold["original_packaging"] == true);
  CHECK(sold["accessories_complete"].is_null());
  CHECK(sold["warranty"]["reasons"][0]["code"] == "void_condition.liquid");
  CHECK(sold["eligibility"]["outcome"] == "manual_review");
  // A line nobody checked or inspected: nulls and empty lists, never missing members.
  const json& loose = doc["lines"][1];
  CHECK(loose.size() == sold.size());
  CHECK(loose["purchase_date"].is_null());
  CHECK(loose["packers"] == json::array());
  CHECK(loose["void_conditions"] == json::array());
  CHECK(loose["unused"].is_null());
  CHECK(loose["original_packaging"].is_null());
  CHECK(loose["warranty"].is_null());
  CHECK(loose["eligibility"].is_null());
  CHECK(doc["notes"][0]["channel"] == "external");
  CHECK(doc["attachments"][0]["visibility"] == "internal");
  CHECK(doc["attachments"][0]["created_at"] == "2026-11-25T09:31:00.123456Z");
  CHECK(doc["actions"][0]["due_at"] == "2026-11-27T17:00:00Z");
  CHECK(doc["actions"][1]["due_at"].is_null());
  CHECK(doc["actions"][1]["done_at"].is_null());
  CHECK(doc["created_at"] == "2026-11-25T09:00:00Z");
  CHECK(doc["version"] == 6);

  Case bare;
  const json empty = api::to_json_value(bare);
  CHECK(empty["kind"] == "return");
  CHECK(empty["category"] == "none");
  CHECK(empty["resolution"] == "none");
  CHECK(empty["expected_completion"].is_null());
  CHECK(empty["split_from"].is_null());
  CHECK(empty["custom_fields"] == json::object());
  CHECK(empty.size() == doc.size());
}

TEST_CASE("round trips: case, draft, parties, product and options") {
  SUBCASE("case") {
    const Case original = full_case();
    const std::string text = api::case_to_json(original);
    const Case back = api::case_from_json(api::parse_stored_json(text));
    CHECK(api::case_to_json(back) == text);
    CHECK(back.lines[0].defect_description == original.lines[0].defect_description);
    CHECK(back.expected_completion == original.expected_completion);
    CHECK(back.split_from == original.split_from);
    CHECK(back.actions[1].due_at == std::nullopt);
    CHECK(back.attachments[0].created_at == original.attachments[0].created_at);
    const CaseLine& line = back.lines[0];
    CHECK(line.purchase_date == std::optional<Date>(Date::from_iso("2024-02-29")));
    CHECK(line.unit_price == 49900);
    CHECK(line.vat_rate_bp == 2200);
    CHECK(line.packers == original.lines[0].packers);
    CHECK(line.void_conditions == original.lines[0].void_conditions);
    CHECK(line.unused == std::optional<bool>(false));
    CHECK(line.original_packaging == std::optional<bool>(true));
    CHECK_FALSE(line.accessories_complete.has_value());
    CHECK(json::parse(line.warranty) == json::parse(original.lines[0].warranty));
    CHECK(back.lines[1].warranty.empty());
    CHECK(back.lines[1].eligibility.empty());
  }
  SUBCASE("draft: equal drafts give equal text whatever the custom fields' spacing") {
    const CaseDraft draft = full_draft();
    const std::string text = api::case_draft_to_json(draft);
    const CaseDraft back = api::case_draft_from_json(api::parse_stored_json(text), Limits());
    CHECK(api::case_draft_to_json(back) == text);
    CHECK(back.lines[1].sales_document.line == 2);
    CHECK(back.lines[1].quantity == 5);
    CHECK(back.idempotency_key == "k-1");
    CaseDraft respaced = draft;
    respaced.custom_fields = R"({"a":{"x":null},"b":2})";
    CHECK(api::case_draft_to_json(respaced) == text);
    respaced.custom_fields = R"({"a":{"x":null},"b":3})";
    CHECK(api::case_draft_to_json(respaced) != text);
  }
  SUBCASE("customer and supplier") {
    Customer c;
    c.id = "C1";
    c.name = "Rossi S.r.l.";
    c.tax_id = "IT01234567890";
    c.addresses.push_back({"billing", "Via Roma 1", "", "Milano", "20100", "MI", "IT"});
    c.email = "info@rossi.example";
    c.phones = {"+39 02 123", "+39 333 456"};
    c.tier = "gold";
    c.language = "it";
    const json doc = api::to_json_value(c);
    CHECK(doc["addresses"][0]["postal_code"] == "20100");
    CHECK(api::customer_to_json(api::customer_from_json(doc, Limits())) == api::customer_to_json(c));
    Supplier s;
    s.id = "S1";
    s.name = "Parts GmbH";
    s.phones = {"+49 30 1"};
    CHECK(api::supplier_to_json(api::supplier_from_json(api::to_json_value(s), Limits())) == api::supplier_to_json(s));
  }
  SUBCASE("operator and product") {
    Operator op;
    op.id = "anna";
    op.name = "Anna";
    op.role = Role::admin;
    op.team = "returns";
    CHECK(api::to_json_value(op)["role"] == "admin");
    CHECK(api::operator_from_json(api::to_json_value(op), Limits()).role == Role::admin);
    Product p;
    p.sku = "PHONE-1";
    p.name = "Phone";
    p.serialized = true;
    CHECK(api::product_to_json(api::product_from_json(api::to_json_value(p), Limits())) == api::product_to_json(p));
  }
  SUBCASE("options") {
    Options o;
    o.number_format.prefix = "RT";
    o.number_format.with_year = false;
    o.number_format.digits = 8;
    o.number_format.separator = "/";
    o.limits.max_note_bytes = 1000;
    o.limits.max_batch_commands = 5;
    o.limits.max_import_bytes = 4096;
    o.busy_timeout_ms = 0;
    o.synchronous_full = true;
    const std::string text = api::dump_json(api::to_json_value(o));
    const Options back = options_from_json(text);
    CHECK(api::dump_json(api::to_json_value(back)) == text);
    CHECK(back.number_format.separator == "/");
    CHECK(back.limits.max_note_bytes == 1000);
    CHECK(back.limits.max_import_bytes == 4096);
    CHECK(api::dump_json(api::to_json_value(options_from_json(""))) == api::dump_json(api::to_json_value(Options())));
  }
}

TEST_CASE("events and outbox messages embed their data as objects") {
  Event e;
  e.seq = 12;
  e.case_id = 3;
  e.case_number = "RMA-2026-000003-X";
  e.at = at("2026-11-25T09:30:00Z");
  e.actor = "operator:anna";
  e.type = "case.updated";
  e.data = R"({"priority":{"before":"normal","after":"high"}})";
  const json doc = json::parse(event_to_json(e));
  CHECK(doc == json{{"seq", 12},
                    {"case_id", 3},
                    {"case_number", "RMA-2026-000003-X"},
                    {"at", "2026-11-25T09:30:00Z"},
                    {"actor", "operator:anna"},
                    {"type", "case.updated"},
                    {"data", {{"priority", {{"before", "normal"}, {"after", "high"}}}}}});
  e.data.clear();
  CHECK(json::parse(event_to_json(e))["data"] == json::object());

  OutboxMessage m;
  m.seq = 4;
  m.case_id = 3;
  m.topic = "credit_note.request";
  m.payload = R"({"amount":1250,"currency":"EUR"})";
  m.created_at = at("2026-11-25T09:30:00Z");
  const json message = api::to_json_value(m);
  CHECK(message["payload"]["amount"] == 1250);
  CHECK(message["created_at"] == "2026-11-25T09:30:00Z");
}

TEST_CASE("canonical_json sorts keys, drops spacing and accepts only objects") {
  const std::int32_t depth = api::kDefaultJsonDepth;
  CHECK(api::canonical_json(R"( { "b" : 1 , "a" : [ true , null ] } )", "", depth) == R"({"a":[true,null],"b":1})");
  CHECK(api::canonical_json("", "", depth) == "{}");
  auto status_of = [](const char* text) {
    try {
      api::canonical_json(text, "custom_fields", api::kDefaultJsonDepth);
    } catch (const Error& e) {
      CHECK(e.field().rfind("custom_fields", 0) == 0);
      return e.status();
    }
    return Status::ok;
  };
  CHECK(status_of("[1]") == Status::wrong_type);
  CHECK(status_of("\"text\"") == Status::wrong_type);
  CHECK(status_of("{\"a\":") == Status::malformed_json);
  CHECK(status_of("{\"a\":\"\xff\"}") == Status::invalid_utf8);
  CHECK(status_of("{\"a\":1}") == Status::ok);
}

TEST_CASE("a patch tells an absent expected_completion from a null one") {
  const CasePatch untouched = api::case_patch_from_json(json::parse(R"({"priority":"low"})"), Limits());
  CHECK_FALSE(untouched.expected_completion.has_value());
  CHECK(untouched.priority == Priority::low);
  const CasePatch cleared = api::case_patch_from_json(json::parse(R"({"expected_completion":null})"), Limits());
  REQUIRE(cleared.expected_completion.has_value());
  CHECK_FALSE(cleared.expected_completion->has_value());
  const CasePatch set = api::case_patch_from_json(
      json::parse(R"({"expected_completion":"2026-12-24","custom_fields":{"a":null},
                      "lines":[{"line_no":2,"qty_received":0}]})"),
      Limits());
  CHECK(set.expected_completion == std::optional<Date>(Date::from_iso("2026-12-24")));
  CHECK(set.custom_fields == std::optional<std::string>(R"({"a":null})"));
  REQUIRE(set.lines.size() == 1);
  CHECK(set.lines[0].qty_received == std::optional<std::int64_t>(0));
  CHECK_FALSE(set.lines[0].qty_accepted.has_value());
}

TEST_CASE("a line patch reads inspection findings: void conditions and the three condition checks") {
  const CasePatch patch = api::case_patch_from_json(
      json::parse(R"({"lines":[{"line_no":1,"void_conditions":["serial_missing_or_altered","physical_damage"],
                                "unused":false,"original_packaging":true,"accessories_complete":null},
                               {"line_no":2,"void_conditions":[]},
                               {"line_no":3}]})"),
      Limits());
  REQUIRE(patch.lines.size() == 3);
  CHECK(patch.lines[0].void_conditions ==
        std::optional<std::vector<std::string>>({"serial_missing_or_altered", "physical_damage"}));
  CHECK(patch.lines[0].unused == std::optional<bool>(false));
  CHECK(patch.lines[0].original_packaging == std::optional<bool>(true));
  CHECK_FALSE(patch.lines[0].accessories_complete.has_value());  // null: left as it is
  // An empty list clears the findings; an absent one leaves them.
  REQUIRE(patch.lines[1].void_conditions.has_value());
  CHECK(patch.lines[1].void_conditions->empty());
  CHECK_FALSE(patch.lines[2].void_conditions.has_value());
  CHECK_FALSE(patch.lines[2].unused.has_value());
}

TEST_CASE("optional members may be null, which means absent") {
  const CaseDraft d = api::case_draft_from_json(
      json::parse(R"({"customer_id":"C1","lines":[{"sku":"X","serial":null,"sales_document":null}],
                      "assignee":null,"expected_completion":null,"custom_fields":null})"),
      Limits());
  CHECK(d.kind == CaseKind::return_);
  CHECK(d.channel == Channel::b2c);
  CHECK(d.lines[0].quantity == 1);
  CHECK(d.lines[0].sales_document.document.empty());
  CHECK(d.custom_fields == "{}");
  CHECK_FALSE(d.expected_completion.has_value());
}

// ---- Bad input ----------------------------------------------------------------------------------

namespace {

// A request text through the same steps JsonApi takes: size and UTF-8 checks, parse, decode.
using Decoder = std::function<void(const json&, const Limits&)>;

const Decoder create = [](const json& v, const Limits& l) { api::case_draft_from_json(v, l); };
const Decoder update = [](const json& v, const Limits& l) { api::case_update_request_from_json(v, l); };
const Decoder note = [](const json& v, const Limits& l) { api::note_request_from_json(v, l); };
const Decoder attachment = [](const json& v, const Limits& l) { api::attachment_request_from_json(v, l); };
const Decoder action = [](const json& v, const Limits& l) { api::action_request_from_json(v, l); };
const Decoder split = [](const json& v, const Limits& l) { api::split_case_request_from_json(v, l); };
const Decoder query = [](const json& v, const Limits& l) { api::case_query_from_json(v, l); };
const Decoder lookup = [](const json& v, const Limits& l) { api::case_lookup_from_json(v, l); };
const Decoder ack = [](const json& v, const Limits&) { api::outbox_ack_request_from_json(v); };
const Decoder post = [](const json& v, const Limits& l) { api::outbox_post_request_from_json(v, l); };
const Decoder customer = [](const json& v, const Limits& l) { api::customer_from_json(v, l); };
const Decoder fetch = [](const json& v, const Limits&) { api::outbox_fetch_request_from_json(v); };
const Decoder options = [](const json& v, const Limits&) { api::options_from_json_value(v); };

struct Row {
  const char* name;
  const Decoder* decoder;
  std::string request;
  Status status;
  std::string field;
};

Error decode_error(const Row& row, const Limits& limits) {
  try {
    (*row.decoder)(api::parse_request(row.request, limits), limits);
  } catch (const Error& e) {
    return e;
  }
  return Error(Status::ok, "", "no error");
}

std::string line_with(const std::string& member) {
  return R"({"customer_id":"C1","lines":[{"sku":"A"},{"sku":"B",)" + member + "}]}";
}

std::string with_note_body(std::size_t bytes) {
  return R"({"case_id":1,"channel":"internal","body":")" + std::string(bytes, 'x') + "\"}";
}

}  // namespace

TEST_CASE("bad input: each row fails with its own status and names its field") {
  const std::string ok_create = R"({"customer_id":"C1","lines":[{"sku":"A","quantity":1}]})";
  const std::vector<Row> rows = {
      {"valid request (control row)", &create, ok_create, Status::ok, ""},
      {"malformed JSON", &create, R"({"customer_id":"C1",)", Status::malformed_json, ""},
      {"trailing garbage", &create, ok_create + "]", Status::malformed_json, ""},
      {"number beyond double", &create, R"({"customer_id":"C1","lines":[{"sku":"A","quantity":1e999}]})",
       Status::malformed_json, ""},
      {"duplicate key", &create, R"({"customer_id":"C1","lines":[{"sku":"A","quantity":1,"quantity":-5}]})",
       Status::malformed_json, "lines[0].quantity"},
      {"request not an object", &create, R"([{"customer_id":"C1"}])", Status::wrong_type, ""},
      // customer_id and sku may come from the sold-unit registry, so only the engine requires them.
      {"customer_id left to the registry", &create, R"({"lines":[{"serial":"S"}]})", Status::ok, ""},
      {"customer_id as number", &create, R"({"customer_id":1,"lines":[{"sku":"A"}]})", Status::wrong_type,
       "customer_id"},
      {"null required field", &create, R"({"customer_id":"C1","lines":null})", Status::missing_field, "lines"},
      {"missing lines", &create, R"({"customer_id":"C1"})", Status::missing_field, "lines"},
      {"sku as number", &create, R"({"customer_id":"C1","lines":[{"sku":"A"},{"sku":7}]})", Status::wrong_type,
       "lines[1].sku"},
      {"quantity as string", &create, line_with(R"("quantity":"2")"), Status::wrong_type, "lines[1].quantity"},
      {"quantity 1.5", &create, line_with(R"("quantity":1.5)"), Status::wrong_type, "lines[1].quantity"},
      {"quantity 2.0", &create, line_with(R"("quantity":2.0)"), Status::wrong_type, "lines[1].quantity"},
      {"quantity 0", &create, line_with(R"("quantity":0)"), Status::out_of_range, "lines[1].quantity"},
      {"quantity -1", &create, line_with(R"("quantity":-1)"), Status::out_of_range, "lines[1].quantity"},
      {"quantity over int64", &create, line_with(R"("quantity":9223372036854775808)"), Status::out_of_range,
       "lines[1].quantity"},
      {"lines not an array", &create, R"({"customer_id":"C1","lines":{"sku":"A"}})", Status::wrong_type, "lines"},
      {"line not an object", &create, R"({"customer_id":"C1","lines":["A"]})", Status::wrong_type, "lines[0]"},
      {"unknown kind", &create, R"({"kind":"retrun","customer_id":"C1","lines":[{"sku":"A"}]})",
       Status::unknown_value, "kind"},
      {"kind as number", &create, R"({"kind":1,"customer_id":"C1","lines":[{"sku":"A"}]})", Status::wrong_type,
       "kind"},
      {"unknown channel", &create, R"({"channel":"shop","customer_id":"C1","lines":[{"sku":"A"}]})",
       Status::unknown_value, "channel"},
      {"unknown field at the top", &create, R"({"customer":"C1","customer_id":"C1","lines":[{"sku":"A"}]})",
       Status::unknown_value, "customer"},
      {"unknown field in a line", &create, line_with(R"("quantiy":2)"), Status::unknown_value, "lines[1].quantiy"},
      {"unknown field in sales_document", &create, line_with(R"("sales_document":{"document":"I","row":1})"),
       Status::unknown_value, "lines[1].sales_document.row"},
      {"sales_document without document", &create, line_with(R"("sales_document":{"line":1})"),
       Status::missing_field, "lines[1].sales_document.document"},
      {"custom_fields as text", &create, R"({"customer_id":"C1","lines":[{"sku":"A"}],"custom_fields":"{}"})",
       Status::wrong_type, "custom_fields"},
      {"custom_fields as array", &create, R"({"customer_id":"C1","lines":[{"sku":"A"}],"custom_fields":[]})",
       Status::wrong_type, "custom_fields"},
      {"purchased_elsewhere as 1", &create, R"({"customer_id":"C1","lines":[{"sku":"A"}],"purchased_elsewhere":1})",
       Status::wrong_type, "purchased_elsewhere"},
      {"impossible date", &create, R"({"customer_id":"C1","lines":[{"sku":"A"}],"expected_completion":"2026-02-30"})",
       Status::out_of_range, "expected_completion"},
      {"date not ISO", &create, R"({"customer_id":"C1","lines":[{"sku":"A"}],"expected_completion":"30/12/2026"})",
       Status::invalid_argument, "expected_completion"},
      {"text one byte over the limit", &create,
       R"({"customer_id":")" + std::string(4097, 'c') + R"(","lines":[{"sku":"A"}]})", Status::too_large,
       "customer_id"},
      {"text at the limit", &create, R"({"customer_id":")" + std::string(4096, 'c') + R"(","lines":[{"sku":"A"}]})",
       Status::ok, ""},
      {"invalid UTF-8 in a line", &create,
       R"({"customer_id":"C1","lines":[{"sku":"A","defect_description":"bad )" + std::string("\xC3\x28") + R"("}]})",
       Status::invalid_utf8, "lines[0].defect_description"},
      {"invalid UTF-8 in a key", &create,
       R"({"customer_id":"C1","lines":[{"sku":"A"}],"custom_fields":{"k)" + std::string("\xFF") + R"(":1}})",
       Status::invalid_utf8, "custom_fields.k\xEF\xBF\xBD"},
      {"invalid UTF-8 outside strings", &create, "{\"customer_id\":\"C1\",\xFE\"lines\":[]}", Status::invalid_utf8, ""},
      {"surrogate half escaped", &create, R"({"customer_id":"\ud800","lines":[{"sku":"A"}]})",
       Status::malformed_json, ""},
      {"update without changes", &update, R"({"case_id":1})", Status::missing_field, "changes"},
      {"update with case_id as text", &update, R"({"case_id":"1","changes":{}})", Status::wrong_type, "case_id"},
      {"update with case_id 0", &update, R"({"case_id":0,"changes":{}})", Status::out_of_range, "case_id"},
      {"update with version 0", &update, R"({"case_id":1,"version":0,"changes":{}})", Status::out_of_range,
       "version"},
      {"update with negative received", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"qty_received":-1}]}})",
       Status::out_of_range, "changes.lines[0].qty_received"},
      {"update with unknown resolution", &update, R"({"case_id":1,"changes":{"resolution":"refunded"}})",
       Status::unknown_value, "changes.resolution"},
      {"update with unknown member", &update, R"({"case_id":1,"changes":{"statuss":"open"}})",
       Status::unknown_value, "changes.statuss"},
      {"note with unknown channel", &note, R"({"case_id":1,"channel":"public","body":"hi"})", Status::unknown_value,
       "channel"},
      {"note without body", &note, R"({"case_id":1,"channel":"internal"})", Status::missing_field, "body"},
      {"note at the note limit", &note, with_note_body(64 * 1024), Status::ok, ""},
      {"note one byte over the note limit", &note, with_note_body(64 * 1024 + 1), Status::too_large, "body"},
      {"20 MB note", &note, with_note_body(20 * 1024 * 1024), Status::too_large, ""},
      {"attachment with negative size", &attachment,
       R"({"case_id":1,"file_name":"a.jpg","media_type":"image/jpeg","size_bytes":-1,"sha256":"x",
           "visibility":"external"})",
       Status::out_of_range, "size_bytes"},
      {"attachment without visibility", &attachment,
       R"({"case_id":1,"file_name":"a.jpg","media_type":"image/jpeg","size_bytes":1,"sha256":"x"})",
       Status::missing_field, "visibility"},
      {"action with a bad due_at", &action, R"({"case_id":1,"title":"Inspect","due_at":"tomorrow"})",
       Status::invalid_argument, "due_at"},
      {"split quantity 0", &split, R"({"case_id":1,"lines":[{"line_no":1,"quantity":0}]})", Status::out_of_range,
       "lines[0].quantity"},
      {"split line_no 0", &split, R"({"case_id":1,"lines":[{"line_no":0,"quantity":1}]})", Status::out_of_range,
       "lines[0].line_no"},
      {"unknown void condition", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"void_conditions":["liquid","water"]}]}})",
       Status::unknown_value, "changes.lines[0].void_conditions[1]"},
      {"void condition in another case", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"void_conditions":["Liquid"]}]}})", Status::unknown_value,
       "changes.lines[0].void_conditions[0]"},
      {"void condition twice", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1},{"line_no":2,"void_conditions":["liquid","liquid"]}]}})",
       Status::invalid_argument, "changes.lines[1].void_conditions[1]"},
      {"void condition not a string", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"void_conditions":[1]}]}})", Status::wrong_type,
       "changes.lines[0].void_conditions[0]"},
      {"void conditions not an array", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"void_conditions":"liquid"}]}})", Status::wrong_type,
       "changes.lines[0].void_conditions"},
      {"all four void conditions", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"void_conditions":["physical_damage","liquid","tampering",
           "serial_missing_or_altered"]}]}})",
       Status::ok, ""},
      {"unused as text", &update, R"({"case_id":1,"changes":{"lines":[{"line_no":1,"unused":"no"}]}})",
       Status::wrong_type, "changes.lines[0].unused"},
      {"original_packaging as 1", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"original_packaging":1}]}})", Status::wrong_type,
       "changes.lines[0].original_packaging"},
      {"accessories_complete misspelt", &update,
       R"({"case_id":1,"changes":{"lines":[{"line_no":1,"accessories_completed":true}]}})", Status::unknown_value,
       "changes.lines[0].accessories_completed"},
      {"query limit 0", &query, R"({"limit":0})", Status::out_of_range, "limit"},
      {"query limit 1001", &query, R"({"limit":1001})", Status::out_of_range, "limit"},
      {"query limit 1000", &query, R"({"limit":1000})", Status::ok, ""},
      {"query unknown sort", &query, R"({"sort":"size"})", Status::unknown_value, "sort"},
      {"query descending as text", &query, R"({"descending":"yes"})", Status::wrong_type, "descending"},
      {"get by both id and number", &lookup, R"({"case_id":1,"number":"RMA-1"})", Status::invalid_argument, "number"},
      {"get by nothing", &lookup, R"({})", Status::missing_field, "case_id"},
      {"ack with a text seq", &ack, R"({"seqs":[1,"2"]})", Status::wrong_type, "seqs[1]"},
      {"post with payload as text", &post, R"({"case_id":1,"topic":"t","payload":"{}"})", Status::wrong_type,
       "payload"},
      {"post for case 0", &post, R"({"case_id":0,"topic":"t","payload":{}})", Status::out_of_range, "case_id"},
      {"fetch limit 10000", &fetch, R"({"limit":10000})", Status::ok, ""},
      {"fetch limit 10001", &fetch, R"({"limit":10001})", Status::out_of_range, "limit"},
      {"fetch limit 0", &fetch, R"({"limit":0})", Status::out_of_range, "limit"},
      {"post without payload", &post, R"({"case_id":1,"topic":"t"})", Status::missing_field, "payload"},
      {"customer phone not a string", &customer, R"({"id":"C1","phones":["1",2]})", Status::wrong_type, "phones[1]"},
      {"customer address unknown member", &customer, R"({"id":"C1","addresses":[{"street":"x"}]})",
       Status::unknown_value, "addresses[0].street"},
      {"options unknown limit", &options, R"({"limits":{"max_requst_bytes":10}})", Status::unknown_value,
       "limits.max_requst_bytes"},
      {"options limit 0", &options, R"({"limits":{"max_note_bytes":0}})", Status::out_of_range,
       "limits.max_note_bytes"},
      {"options bad number format", &options, R"({"number_format":{"digits":13}})", Status::out_of_range,
       "number_format.digits"},
      {"options busy timeout one hour", &options, R"({"busy_timeout_ms":3600000})", Status::ok, ""},
      {"options busy timeout over one hour", &options, R"({"busy_timeout_ms":3600001})", Status::out_of_range,
       "busy_timeout_ms"},
      {"options busy timeout negative", &options, R"({"busy_timeout_ms":-1})", Status::out_of_range,
       "busy_timeout_ms"},
      {"options max_import_bytes 0", &options, R"({"limits":{"max_import_bytes":0}})", Status::out_of_range,
       "limits.max_import_bytes"},
      {"options max_import_bytes 1", &options, R"({"limits":{"max_import_bytes":1}})", Status::ok, ""},
      {"options unknown key", &options, R"({"busy_timeout":5})", Status::unknown_value, "busy_timeout"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const Error e = decode_error(row, Limits());
    CHECK(status_name(e.status()) == std::string(status_name(row.status)));
    CHECK(e.field() == row.field);
  }
}

TEST_CASE("bad input: messages name the problem and the value") {
  auto message = [](const std::string& request) {
    try {
      api::case_draft_from_json(api::parse_request(request, Limits()), Limits());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message(line_with(R"("quantity":"2")")) == "lines[1].quantity: expected integer, got string");
  CHECK(message(line_with(R"("quantity":0)")).find("lines[1].quantity: 0 ") == 0);
  CHECK(message(R"({"kind":"retrun","customer_id":"C1","lines":[]})") ==
        R"(kind: unknown value "retrun" (expected one of: return, repair, complaint, customization))");
  CHECK(message(line_with(R"("quantiy":2)")) ==
        R"(lines[1].quantiy: unknown field "quantiy" (did you mean "quantity"?))");
  CHECK(message(R"({"customer_id": x})").find("malformed JSON at byte 16") == 0);
  const std::string bad =
      R"({"customer_id":"C1","lines":[{"sku":"A","defect_description":")" + std::string("\xE2\x82") + "\"}]}";
  CHECK(message(bad) == "lines[0].defect_description: invalid UTF-8 at byte " +
                            std::to_string(bad.find('\xE2')));
}

TEST_CASE("invalid UTF-8 is located even when the text already holds the marker character") {
  // U+FDD0 written raw and escaped; the reported path must still be the one with the bad byte.
  const std::string request = "{\"customer_id\":\"C1\xEF\xB7\x90\",\"team\":\"\\uFDD1\",\"lines\":[{\"sku\":\"A\","
                              "\"lot\":\"L\xC0\"}]}";
  try {
    api::parse_request(request, Limits());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_utf8);
    CHECK(e.field() == "lines[0].lot");
  }
}

TEST_CASE("the request size limit is checked before parsing, on both sides of the boundary") {
  Limits small;
  small.max_request_bytes = 20;
  const std::string at_limit = R"({"a":"0123456789ab"})";
  REQUIRE(at_limit.size() == 20);
  CHECK(api::parse_request(at_limit, small)["a"] == "0123456789ab");
  try {
    // One byte more, and not even JSON: the size decides first.
    api::parse_request(at_limit + "{", small);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::too_large);
    CHECK(e.field().empty());
  }
}

TEST_CASE("line and batch limits apply to the number of items") {
  Limits limits;
  limits.max_lines_per_case = 2;
  const json two = json::parse(R"({"customer_id":"C1","lines":[{"sku":"A"},{"sku":"B"}]})");
  CHECK(api::case_draft_from_json(two, limits).lines.size() == 2);
  json three = two;
  three["lines"].push_back({{"sku", "C"}});
  try {
    api::case_draft_from_json(three, limits);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::too_large);
    CHECK(e.field() == "lines");
  }
}

// ---- JsonApi over an engine -------------------------------------------------------------------

namespace {

struct Api {
  Engine engine = Engine::open(":memory:");
  JsonApi api{engine};

  Api() {
    engine.set_clock([] { return at("2026-03-10T09:00:00Z"); });
  }
  json call(const char* op, const json& request, const char* actor = "operator:anna") {
    return json::parse(api.call(actor, op, request.dump()));
  }
  Error fail(const char* op, const std::string& request, const char* actor = "operator:anna") {
    try {
      api.call(actor, op, request);
    } catch (const Error& e) {
      return e;
    }
    return Error(Status::ok, "", "no error");
  }
};

const json kDraft = json::parse(R"({"kind":"return","channel":"b2c","customer_id":"C1",
  "lines":[{"sku":"PHONE-1","serial":"SN-1","quantity":1},{"sku":"CABLE-2","quantity":5}]})");

}  // namespace

TEST_CASE("JsonApi runs every op and answers with the documented shapes") {
  Api a;
  CHECK(a.call("customer.upsert", {{"id", "C1"}, {"name", "Rossi"}})["name"] == "Rossi");
  CHECK(a.call("customer.get", {{"id", "C1"}})["id"] == "C1");
  CHECK(a.call("supplier.upsert", {{"id", "S1"}, {"name", "Parts"}})["id"] == "S1");
  CHECK(a.call("supplier.get", {{"id", "S1"}})["name"] == "Parts");
  const json anna = {{"id", "anna"}, {"name", "Anna"}, {"role", "operator"}};
  CHECK(a.call("operator.upsert", anna, "system:setup")["role"] == "operator");
  CHECK(a.call("operator.get", {{"id", "anna"}})["id"] == "anna");
  CHECK(a.call("product.upsert", {{"sku", "PHONE-1"}, {"name", "Phone"}, {"serialized", true}})["serialized"] == true);
  CHECK(a.call("product.get", {{"sku", "PHONE-1"}})["sku"] == "PHONE-1");

  const json created = a.call("case.create", kDraft);
  const std::int64_t id = created["id"];
  CHECK(created["version"] == 1);
  CHECK(created["lines"][1]["qty_requested"] == 5);
  CHECK(a.call("case.get", {{"case_id", id}})["number"] == created["number"]);
  CHECK(a.call("case.get", {{"number", created["number"]}})["id"] == id);
  CHECK(a.call("case.update", {{"case_id", id}, {"version", 1}, {"changes", {{"priority", "high"}}}})["priority"] ==
        "high");
  const json noted = a.call("case.add_note", {{"case_id", id}, {"channel", "internal"}, {"body", "staff only"}});
  CHECK(noted["notes"].size() == 1);
  const json with_action =
      a.call("case.add_action", {{"case_id", id}, {"title", "Inspect"}, {"due_at", "2026-03-12T17:00:00Z"}});
  const std::int64_t action_id = with_action["actions"][0]["id"];
  CHECK(a.call("case.complete_action", {{"case_id", id}, {"action_id", action_id}})["actions"][0]["done_at"] ==
        "2026-03-10T09:00:00Z");
  CHECK(a.call("case.add_attachment", {{"case_id", id},
                                       {"file_name", "photo.jpg"},
                                       {"media_type", "image/jpeg"},
                                       {"size_bytes", 10},
                                       {"sha256", std::string(64, 'b')},
                                       {"uri", "file:///photo.jpg"},
                                       {"visibility", "internal"}})["attachments"]
            .size() == 1);
  const json view = a.call("case.customer_view", {{"case_id", id}});
  CHECK(view["notes"].empty());
  CHECK(view["attachments"].empty());
  const json split = a.call("case.split", {{"case_id", id}, {"lines", {{{"line_no", 2}, {"quantity", 2}}}}});
  CHECK(split["created"]["split_from"] == id);
  CHECK(split["original"]["lines"][1]["qty_requested"] == 3);
  const json page = a.call("case.query", {{"customer_id", "C1"}, {"sort", "number"}, {"limit", 1}});
  CHECK(page["total"] == 2);
  CHECK(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == id);
  const json history = a.call("case.history", {{"case_id", id}});
  CHECK(history["events"][0]["type"] == "case.created");
  CHECK(history["events"][0]["data"].is_object());

  const json posted =
      a.call("outbox.post", {{"case_id", id}, {"topic", "credit_note.request"}, {"payload", {{"amount", 5}}}});
  CHECK(posted["payload"]["amount"] == 5);
  const json fetched = a.call("outbox.fetch", json::object());
  REQUIRE(fetched["messages"].size() >= 1);
  const std::int64_t seq = fetched["messages"].back()["seq"];
  CHECK(a.call("outbox.ack", {{"seqs", {seq}}})["acknowledged"] == 1);

  const json parsed = a.call("number.parse", {{"number", created["number"]}});
  CHECK(parsed["canonical"] == created["number"]);
  CHECK(parsed["year"] == 2026);
  CHECK(parsed["sequence"] == 1);
  const json stats = a.call("engine.stats", json::object());
  CHECK(stats["cases"] == 2);
  CHECK(stats["last_event_seq"].get<std::int64_t>() > 0);
}

TEST_CASE("JsonApi errors: op, actor, request shape, number.parse") {
  Api a;
  Error e = a.fail("case.creat", "{}");
  CHECK(e.status() == Status::unknown_value);
  CHECK(e.field() == "op");
  e = a.fail("case.get", "[]");
  CHECK(e.status() == Status::wrong_type);
  CHECK(e.field().empty());
  e = a.fail("case.get", "{\"case_id\":1}", "pirate:jack");
  CHECK(e.status() == Status::unknown_value);
  CHECK(e.field() == "actor");
  e = a.fail("number.parse", R"({"number":"RMA-2026-000001-0"})");
  CHECK(e.status() == Status::not_found);
  CHECK(e.field() == "number");
  e = a.fail("engine.stats", R"({"verbose":true})");
  CHECK(e.status() == Status::unknown_value);
  CHECK(e.field() == "verbose");
}

TEST_CASE("JsonApi batch: all commands or none, errors prefixed with the command") {
  Api a;
  a.call("customer.upsert", {{"id", "C1"}, {"name", "Rossi"}});
  const std::int64_t before = a.call("engine.stats", json::object())["last_event_seq"];

  const json ok = a.call("batch", {{"answers", "full"},
                                   {"commands",
                                    {{{"op", "case.create"}, {"request", kDraft}},
                                     {{"op", "case.add_note"},
                                      {"request", {{"case_id", 1}, {"channel", "external"}, {"body", "hello"}}}}}}});
  REQUIRE(ok["results"].size() == 2);
  CHECK(ok["results"][1]["notes"][0]["body"] == "hello");
  CHECK(a.call("batch", {{"commands", json::array()}})["results"].empty());

  const std::int64_t after_ok = a.call("engine.stats", json::object())["last_event_seq"];
  CHECK(after_ok > before);

  auto batch_error = [&](const json& commands) {
    return a.fail("batch", json{{"commands", commands}}.dump());
  };
  // The second command names a case that does not exist: the first is rolled back.
  Error e = batch_error({{{"op", "case.create"}, {"request", kDraft}},
                         {{"op", "case.add_note"},
                          {"request", {{"case_id", 999}, {"channel", "internal"}, {"body", "x"}}}}});
  CHECK(e.status() == Status::not_found);
  CHECK(e.field().rfind("commands[1].", 0) == 0);
  CHECK(a.call("engine.stats", json::object())["last_event_seq"] == after_ok);
  CHECK(a.call("engine.stats", json::object())["cases"] == 1);

  json bad_line = kDraft;
  bad_line["lines"][1]["quantity"] = 0;
  e = batch_error({{{"op", "case.create"}, {"request", kDraft}}, {{"op", "case.create"}, {"request", bad_line}}});
  CHECK(e.status() == Status::out_of_range);
  CHECK(e.field() == "commands[1].request.lines[1].quantity");

  e = batch_error({{{"op", "case.get"}, {"request", {{"case_id", 1}}}}});
  CHECK(e.status() == Status::invalid_argument);
  CHECK(e.field() == "commands[0].op");
  e = batch_error({{{"op", "case.gett"}, {"request", json::object()}}});
  CHECK(e.status() == Status::unknown_value);
  CHECK(e.field() == "commands[0].op");
  e = batch_error({{{"op", "case.create"}}});
  CHECK(e.status() == Status::missing_field);
  CHECK(e.field() == "commands[0].request");
  CHECK(a.call("engine.stats", json::object())["last_event_seq"] == after_ok);
}

TEST_CASE("JsonApi batch: at most max_batch_commands commands") {
  Options options;
  options.limits.max_batch_commands = 2;
  Engine engine = Engine::open(":memory:", options);
  JsonApi api(engine);
  api.call("operator:anna", "customer.upsert", R"({"id":"C1","name":"Rossi"})");
  const json upsert = {{"op", "customer.upsert"}, {"request", {{"id", "C2"}, {"name", "Kowalski"}}}};
  const std::string two = api.call("operator:anna", "batch", json{{"commands", {upsert, upsert}}}.dump());
  CHECK(json::parse(two)["results"].size() == 2);
  try {
    api.call("operator:anna", "batch", json{{"commands", {upsert, upsert, upsert}}}.dump());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::too_large);
    CHECK(e.field() == "commands");
  }
}

TEST_SUITE_END();
