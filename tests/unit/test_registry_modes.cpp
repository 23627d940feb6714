// The unit registry in each index mode (Options::index_mode): lazy loads a key on first need and
// keeps it, eager loads everything at open, store_only reads the store every command. All three
// give the same answers, follow another process's writes, and a fresh lazy engine's first
// warranty check reads its serial's rows, not the table.
//
// Every existing warranty test also runs in each mode. Their engines open with
// rma_test::test_options() (engine_fixture.hpp), which takes the mode from the environment
// variable RMA_TEST_INDEX_MODE; the ctest `unit` runs them in the default mode (lazy), and
// `unit_index_eager` and `unit_index_store_only` run the test files that read the registry again
// with the variable set (tests/unit/CMakeLists.txt lists the files). One binary, no copied
// test cases: a new warranty test joins the three runs by using the fixture's options.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "index/unit_registry.hpp"
#include "rma/json_api.hpp"
#include "schema_undo.hpp"
#include "store/rows_read.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;

namespace {

const IndexMode kModes[] = {IndexMode::lazy, IndexMode::eager, IndexMode::store_only};

const char* mode_name(IndexMode m) {
  switch (m) {
    case IndexMode::lazy: return "lazy";
    case IndexMode::eager: return "eager";
    case IndexMode::store_only: return "store_only";
  }
  return "?";
}

Options options_in(IndexMode mode) {
  Options o;
  o.index_mode = mode;
  o.registry_refresh_ms = 0;  // registry reads catch up every time: no timing in these tests
  return o;
}

// Units of every kind: serialized and by quantity, a serial sold twice (the newer sale to C2), a
// document with a discount, purchased units (one never sold), a contract, a registration.
const char* const kSales =
    R"({"id":"INV-1","date":"2024-03-10","delivery_date":"2024-03-12","customer_id":"C1","channel":"b2c","jurisdiction":"IT","discount":100,"lines":[{"sku":"PHONE-1","quantity":2,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-1","SN-2"],"packers":["Giulia"]},{"sku":"CABLE-2","quantity":5,"unit_price":399,"vat_rate_bp":2200}]})"
    "\n"
    R"({"id":"INV-2","date":"2025-01-05","customer_id":"C2","channel":"b2b","distance_sale":false,"lines":[{"sku":"PHONE-1","quantity":1,"unit_price":45000,"vat_rate_bp":2200,"serials":["SN-1"]}]})"
    "\n"
    R"({"id":"INV-3","date":"2026-02-01","customer_id":"C1","channel":"b2c","lines":[{"sku":"TV-3","quantity":1,"unit_price":89900,"vat_rate_bp":2200,"serials":["TV-9"]},{"sku":"CABLE-2","quantity":3,"unit_price":399,"vat_rate_bp":2200}]})"
    "\n";
const char* const kPurchases =
    R"({"id":"PO-1","date":"2024-01-10","supplier_id":"S1","currency":"EUR","lines":[{"sku":"TV-3","quantity":2,"unit_cost":50000,"serials":["TV-9","TV-10"]},{"sku":"PHONE-1","quantity":1,"unit_cost":30000,"serials":["SN-2"]}]})"
    "\n";

// Writes the units of every kind into the database at `path`, through an engine of the default
// mode; SN-2 is replaced by SN-R1 through a case.
void build_units_of_every_kind(const std::string& path) {
  EngineFixture f(path, options_in(IndexMode::lazy));
  f.add_suppliers();
  Product tv;
  tv.sku = "TV-3";
  tv.name = "Television";
  tv.supplier_id = "S1";
  tv.serialized = true;
  f.engine.upsert_product(f.op, tv);
  REQUIRE(f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, kSales).rows_rejected == 0);
  REQUIRE(f.engine.import_run(f.op, ImportKind::purchase_documents, ImportFormat::jsonl, kPurchases).rows_rejected == 0);
  f.engine.add_extended_warranty(f.op, ExtendedWarranty{"SN-2", "EXT-2", Date{2026, 3, 1}, Date{2028, 2, 28}, "full"});
  f.engine.add_extended_warranty(f.op, ExtendedWarranty{"SN-2", "EXT-1", Date{2028, 3, 1}, Date{2029, 2, 28}, "parts"});
  f.engine.register_unit(f.op, "SN-1", Date{2024, 3, 20});
  CaseDraft d;
  d.kind = CaseKind::repair;
  LineDraft l;
  l.serial = "SN-2";
  l.reason_code = "defective";
  d.lines = {l};
  const Case c = f.engine.create_case(f.op, d);
  CasePatch p;
  LinePatch lp;
  lp.line_no = 1;
  lp.replacement_serial = "SN-R1";
  p.lines = {lp};
  f.engine.update_case(f.op, c.id, p);
}

// What an engine of `mode` answers on a copy of `source`: warranty checks, sold units by every
// key, cases opened from serials and sales lines, their checks, eligibility and valuation.
std::vector<std::string> answers_in(IndexMode mode, const std::string& source) {
  rma_test::TempDb copy;
  std::filesystem::copy_file(source, copy.path, std::filesystem::copy_options::overwrite_existing);
  Engine engine = Engine::open(copy.path, options_in(mode));
  engine.set_clock([] { return at("2026-03-10T09:00:00Z"); });
  JsonApi api(engine);
  std::vector<std::string> out;
  // Each answer, or the refusal, with the question.
  const auto ask_as = [&](const char* actor, const char* op, const std::string& request) {
    std::string answer;
    try {
      answer = api.call(actor, op, request);
    } catch (const Error& e) {
      answer = std::string(status_name(e.status())) + " " + e.field() + ": " + e.what();
    }
    out.push_back(std::string(actor) + " " + op + " " + request + " -> " + answer);
  };
  const auto ask = [&](const char* op, const std::string& request) { ask_as("operator:anna", op, request); };
  const auto ask_as_customer = [&](const char* op, const std::string& request) { ask_as("customer:C1", op, request); };
  for (int round = 0; round < 2; ++round) {  // the second round answers from what the first loaded
    for (const char* serial : {"SN-1", "SN-2", "SN-R1", "TV-9", "TV-10", "NOPE"}) {
      const std::string s = std::string("\"") + serial + "\"";
      ask("warranty.check", "{\"serial\":" + s + ",\"on\":\"2025-06-01\"}");
      ask("warranty.check", "{\"serial\":" + s + "}");
      ask("sold_units.by_serial", "{\"serial\":" + s + "}");
      ask_as_customer("warranty.check", "{\"serial\":" + s + "}");
      ask_as_customer("sold_units.by_serial", "{\"serial\":" + s + "}");
    }
    for (const char* key : {R"({"customer_id":"C1","sku":"PHONE-1"})", R"({"customer_id":"C1","sku":"CABLE-2"})",
                            R"({"customer_id":"C2","sku":"PHONE-1"})", R"({"customer_id":"C9","sku":"X"})"}) {
      ask("sold_units.by_customer", key);
    }
    for (const char* document : {"INV-1", "INV-2", "INV-3", "NOPE"}) {
      ask("sold_units.by_document", std::string("{\"document\":\"") + document + "\"}");
    }
  }
  // Cases filled from the registry, checked, valued.
  ask("case.create", R"({"kind":"return","channel":"b2c","lines":[{"serial":"TV-9","reason_code":"defective"}]})");
  ask("case.create",
      R"({"kind":"return","channel":"b2c","customer_id":"C1","lines":[{"sku":"CABLE-2","quantity":2,"reason_code":"wrong_order","sales_document":{"document":"INV-1","line":2}},{"sku":"PHONE-1","serial":"SN-1","reason_code":"defective"}]})");
  ask("case.create", R"({"kind":"repair","channel":"b2c","lines":[{"serial":"SN-R1","reason_code":"defective"}]})");
  for (const char* id : {"2", "3", "4"}) {
    for (const char* line : {"1", "2"}) {
      ask("case.check_line", std::string("{\"case_id\":") + id + ",\"line_no\":" + line + "}");
      ask("case.check_eligibility", std::string("{\"case_id\":") + id + ",\"line_no\":" + line + "}");
    }
    ask("case.valuation", std::string("{\"case_id\":") + id + "}");
  }
  // Writes of this engine are seen at once.
  ask("unit.register", R"({"serial":"TV-9","registered_on":"2026-02-10"})");
  ask("warranty.add_extended", R"({"serial":"TV-10","contract":"EXT-9","start":"2026-01-01","end":"2027-12-31"})");
  ask("warranty.check", R"({"serial":"TV-9"})");
  ask("warranty.check", R"({"serial":"TV-10"})");
  return out;
}

}  // namespace

TEST_CASE("lazy, eager and store_only give the same answers on units of every kind") {
  rma_test::TempDb db;
  build_units_of_every_kind(db.path);
  const std::vector<std::string> lazy = answers_in(IndexMode::lazy, db.path);
  // The answers are the units' own, not empty ones.
  REQUIRE(lazy.size() > 90);
  CHECK(lazy[2].find("\"document\":\"INV-2\"") != std::string::npos);  // SN-1 by serial: newest sale first
  CHECK(lazy[2].find("\"document\":\"INV-2\"") < lazy[2].find("\"document\":\"INV-1\""));
  for (const IndexMode mode : {IndexMode::eager, IndexMode::store_only}) {
    const std::string mode_named = mode_name(mode);
    CAPTURE(mode_named);
    const std::vector<std::string> other = answers_in(mode, db.path);
    REQUIRE(other.size() == lazy.size());
    for (std::size_t i = 0; i < lazy.size(); ++i) {
      CAPTURE(i);
      CHECK(other[i] == lazy[i]);
    }
  }
}

TEST_CASE("an engine in each mode sees another engine's import, re-import, contract and registration") {
  for (const IndexMode mode : kModes) {
    const std::string mode_named = mode_name(mode);
    CAPTURE(mode_named);
    rma_test::TempDb db;
    EngineFixture first(db.path, options_in(mode));
    // Every key asked before the import is held as absent (lazy) or in a complete registry (eager).
    CHECK(first.engine.sold_units_by_serial(first.op, "SN-1").empty());
    CHECK(first.engine.sold_units_by_customer(first.op, "C1", "PHONE-1").empty());
    CHECK(first.engine.sold_units_by_document(first.op, "INV-1").empty());
    CHECK_FALSE(first.engine.check_warranty(first.op, "SN-1", Date{2030, 6, 1}).covered);

    Engine second = Engine::open(db.path, options_in(IndexMode::lazy));
    const Actor luca{Role::operator_, "luca"};
    second.upsert_product(luca, Product{"TV-3", "Television", "", "", "", true});
    REQUIRE(second.import_run(luca, ImportKind::sales_documents, ImportFormat::jsonl, kSales).rows_rejected == 0);
    CHECK(first.engine.sold_units_by_serial(first.op, "SN-1").size() == 2);
    CHECK(first.engine.sold_units_by_customer(first.op, "C1", "PHONE-1").size() == 2);
    CHECK(first.engine.sold_units_by_document(first.op, "INV-1").size() == 3);
    CHECK(first.engine.check_warranty(first.op, "SN-1", Date{2025, 6, 1}).covered);

    // INV-1 sold again to C2 instead: the keys the first engine held follow.
    const std::string moved =
        R"({"id":"INV-1","date":"2024-03-10","customer_id":"C2","channel":"b2c","lines":[{"sku":"PHONE-1","quantity":1,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-2"]}]})"
        "\n";
    REQUIRE(second.import_run(luca, ImportKind::sales_documents, ImportFormat::jsonl, moved).records_written == 1);
    CHECK(first.engine.sold_units_by_serial(first.op, "SN-1").size() == 1);
    CHECK(first.engine.sold_units_by_customer(first.op, "C1", "PHONE-1").empty());
    CHECK(first.engine.sold_units_by_customer(first.op, "C2", "PHONE-1").size() == 2);
    CHECK(first.engine.sold_units_by_document(first.op, "INV-1").size() == 1);

    CHECK_FALSE(first.engine.check_warranty(first.op, "SN-2", Date{2030, 6, 1}).covered);
    second.add_extended_warranty(luca, ExtendedWarranty{"SN-2", "EXT-1", Date{2030, 1, 1}, Date{2030, 12, 31}, "full"});
    const WarrantyVerdict extended = first.engine.check_warranty(first.op, "SN-2", Date{2030, 6, 1});
    CHECK(extended.covered);
    CHECK(extended.coverage == CoverageKind::extended);
    second.register_unit(luca, "SN-2", Date{2024, 4, 1});
    WarrantyConfig config = first.engine.warranty_config(first.op);
    config.policies.at(0).start = WarrantyStart::registration;
    first.engine.configure_warranty(first.admin, config);
    CHECK(first.engine.check_warranty(first.op, "SN-2", Date{2025, 6, 1}).start_date == Date{2024, 4, 1});
  }
}

TEST_CASE("a fresh engine on 100,000 sold units reads only the checked serial's rows; store_only reads them each time") {
  rma_test::TempDb db;
  constexpr int kDocuments = 1000;
  constexpr int kLinesPerDocument = 2;
  constexpr int kSerialsPerLine = 50;  // 1000 × 2 × 50 = 100,000 units
  {
    EngineFixture f(db.path, options_in(IndexMode::lazy));
    std::string text;
    for (int d = 0; d < kDocuments; ++d) {
      text += R"({"id":"INV-)" + std::to_string(d) + R"(","date":"2025-05-01","customer_id":"C)" +
              std::to_string(1 + d % 2) + R"(","channel":"b2c","lines":[)";
      for (int l = 0; l < kLinesPerDocument; ++l) {
        text += std::string(l ? "," : "") + R"({"sku":"PHONE-1","quantity":)" + std::to_string(kSerialsPerLine) +
                R"(,"unit_price":100,"vat_rate_bp":2200,"serials":[)";
        for (int s = 0; s < kSerialsPerLine; ++s) {
          text += std::string(s ? "," : "") + "\"SN-" + std::to_string(d) + "-" + std::to_string(l) + "-" +
                  std::to_string(s) + "\"";
        }
        text += "]}";
      }
      text += "]}\n";
    }
    const ImportReport r = f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, text);
    REQUIRE(r.records_written == kDocuments);
  }
  const std::int64_t lines = kDocuments * kLinesPerDocument;
  std::vector<WarrantyVerdict> verdicts;
  for (const IndexMode mode : kModes) {
    const std::string mode_named = mode_name(mode);
    CAPTURE(mode_named);
    const std::int64_t before_open = store::registry_rows_read();
    Engine engine = Engine::open(db.path, options_in(mode));
    const std::int64_t at_open = store::registry_rows_read() - before_open;
    const Actor op{Role::operator_, "anna"};
    const std::int64_t before_check = store::registry_rows_read();
    verdicts.push_back(engine.check_warranty(op, "SN-500-1-25", Date{2026, 3, 1}));
    const std::int64_t first_check = store::registry_rows_read() - before_check;
    const std::int64_t before_again = store::registry_rows_read();
    engine.check_warranty(op, "SN-500-1-25", Date{2026, 3, 1});
    const std::int64_t second_check = store::registry_rows_read() - before_again;
    CHECK(verdicts.back().document == "INV-500");
    if (mode == IndexMode::eager) {
      CHECK(at_open >= lines);  // every sales line
      CHECK(first_check == 0);
      CHECK(second_check == 0);
    } else {
      CHECK(at_open == 0);
      CHECK(first_check >= 1);  // the serial's sales line (and the product)
      CHECK(first_check <= 4);
      // lazy keeps what it read; store_only reads it again in the next command
      CHECK(second_check == (mode == IndexMode::lazy ? 0 : first_check));
    }
  }
  for (const WarrantyVerdict& v : verdicts) CHECK(v.expires == verdicts.front().expires);
}

TEST_CASE("a version 8 database gets its sold and purchased serials indexed when it is opened") {
  rma_test::TempDb db;
  build_units_of_every_kind(db.path);
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 12);
    raw.exec(rma_test::kUndoSchema12);
    raw.exec(rma_test::kUndoSchema11);
    raw.exec(rma_test::kUndoSchema10);
    raw.exec(rma_test::kUndoSchema9);
  }
  EngineFixture reopened(db.path, options_in(IndexMode::lazy));
  CHECK(reopened.engine.sold_units_by_serial(reopened.op, "SN-1").size() == 2);
  CHECK(reopened.engine.sold_units_by_serial(reopened.op, "TV-9").size() == 1);
  const WarrantyVerdict bought = reopened.engine.check_warranty(reopened.op, "TV-10", Date{2024, 6, 1});
  CHECK(bought.purchase_document == "PO-1");
  SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("SELECT count(*) FROM sold_serials").getInt() == 4);  // SN-1 twice, SN-2, TV-9
  CHECK(raw.execAndGet("SELECT count(*) FROM purchased_serials").getInt() == 3);
}

// --- the registry itself ---------------------------------------------------------------------

namespace {

SalesDocument document(const std::string& id, const std::string& customer, std::vector<std::string> serials) {
  SalesDocument d;
  d.id = id;
  d.date = Date{2025, 1, 1};
  d.customer_id = customer;
  SalesLine phones;
  phones.line_no = 1;
  phones.sku = "PHONE-1";
  phones.quantity = static_cast<std::int64_t>(serials.size());
  phones.serials = std::move(serials);
  SalesLine cables;
  cables.line_no = 2;
  cables.sku = "CABLE-2";
  cables.quantity = 7;
  d.lines = {phones, cables};
  return d;
}

}  // namespace

TEST_CASE("registry: a unit reached by several keys is held once, never more than a full load holds") {
  const SalesDocument d = document("INV-1", "C1", {"A", "B", "C"});
  index::UnitRegistry full;
  full.set_complete();
  full.put_sales_document(d);
  CHECK(full.sold_units() == 4);

  index::UnitRegistry lazy;
  CHECK_FALSE(lazy.holds_serial("B"));
  lazy.fill_serial("B", index::UnitRegistry::SerialRecords{{d}, {}, {}, {}, {}});
  CHECK(lazy.holds_serial("B"));
  CHECK(lazy.sold_units() == 1);
  lazy.fill_line("INV-1", 1, d);
  lazy.fill_customer("C1", "PHONE-1", {d});
  lazy.fill_document("INV-1", d);
  CHECK(lazy.sold_units() == full.sold_units());
  const auto units = lazy.by_document("INV-1");
  REQUIRE(units.size() == 4);
  CHECK(units[0]->serial == "A");  // the line's order, whichever key came first
  CHECK(units[1]->serial == "B");
  CHECK(units[3]->quantity == 7);
}

TEST_CASE("registry: keys found absent are bounded between commands; the oldest are asked again, keys with rows stay") {
  index::UnitRegistry reg;
  reg.fill_serial("A", index::UnitRegistry::SerialRecords{{document("INV-1", "C1", {"A"})}, {}, {}, {}, {}});
  const std::size_t limit = index::UnitRegistry::kMaxAbsentKeys;
  for (std::size_t i = 0; i < limit; ++i) reg.fill_serial("none-" + std::to_string(i), {});
  reg.trim();
  CHECK(reg.holds_serial("none-0"));
  CHECK(reg.keys() == static_cast<std::int64_t>(limit) + 1);
  reg.fill_product("NOPE", std::nullopt);  // one more absent key: the oldest goes when trimmed
  CHECK(reg.holds_serial("none-0"));       // not while a command may still use it
  reg.trim();
  CHECK_FALSE(reg.holds_serial("none-0"));
  CHECK(reg.holds_serial("none-1"));
  CHECK(reg.holds_product("NOPE"));
  CHECK(reg.holds_serial("A"));
  CHECK(reg.keys() == static_cast<std::int64_t>(limit) + 1);
}

TEST_CASE("registry: a document written by this engine lets go of the keys it changes unless complete") {
  index::UnitRegistry reg;
  const SalesDocument d = document("INV-1", "C1", {"A", "B"});
  reg.fill_serial("A", index::UnitRegistry::SerialRecords{{d}, {}, {}, {}, {}});
  reg.fill_customer("C2", "PHONE-1", {});
  reg.fill_document("INV-9", std::nullopt);
  reg.put_sales_document(document("INV-1", "C2", {"B", "C"}));
  CHECK_FALSE(reg.holds_serial("A"));      // its old line
  CHECK_FALSE(reg.holds_customer("C2", "PHONE-1"));  // its new customer
  CHECK_FALSE(reg.holds_document("INV-1"));
  CHECK(reg.holds_document("INV-9"));      // not touched
  CHECK(reg.sold_units() == 0);            // nothing taken in that nobody asked for

  index::UnitRegistry full;
  full.set_complete();
  full.put_sales_document(d);
  full.put_sales_document(document("INV-1", "C2", {"B", "C"}));
  CHECK(full.by_serial("A").empty());
  CHECK(full.by_customer("C2", "PHONE-1").size() == 2);
  CHECK(full.holds_serial("anything"));
}
