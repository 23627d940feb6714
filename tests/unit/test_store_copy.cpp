// Moving an SQLite database to PostgreSQL (store.copy): every table copied and verified, the
// engine on the copy answering as the one on the file did, and a copy that cannot finish leaving
// the target as it was. The copies need a server: "postgres: *" runs in unit_postgres only
// (tests/unit/CMakeLists.txt), and fails there when RMA_TEST_POSTGRES is not set.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "rma/json_api.hpp"
#include "store/copy/content_hash.hpp"
#include "store/sqlite/schema.hpp"

using namespace rma;
using rma_test::EngineFixture;
using rma_test::TempDb;

namespace {

void require_server() { REQUIRE_MESSAGE(!rma_test::test_postgres().empty(), "RMA_TEST_POSTGRES is not set"); }

// An SQLite file whatever backend the suite runs on: the source of a copy is always one.
struct SqliteFile {
  std::string path;
  SqliteFile() {
    static int counter = 0;
    path = "/tmp/rma-copy-source-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".db";
    remove_files();
  }
  ~SqliteFile() { remove_files(); }
  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
};

// A source with something in every kind of cell: cases and their lines, notes whose text holds
// the characters COPY escapes, a transition, a split, NULLs (a case never deleted) and compressed
// event payloads (bytes).
std::vector<std::int64_t> fill(EngineFixture& f) {
  JsonApi api(f.engine);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(f.engine.create_case(f.op, EngineFixture::two_line_draft()).id);
  ids.push_back(f.engine.create_case(f.op, EngineFixture::one_line_draft()).id);
  api.call("operator:anna", "case.add_note",
           R"({"case_id": )" + std::to_string(ids[0]) +
               R"(, "channel": "internal", "body": "tab\there, line\nbreak, back\\slash, \\N, zażółć, 日本"})");
  CasePatch patch;
  patch.priority = Priority::high;
  patch.assignee = "anna";
  f.engine.update_case(f.op, ids[1], patch);
  f.engine.transition_case(f.op, ids[2], "authorize");
  f.now = rma_test::at("2026-03-11T15:00:00Z");
  f.engine.add_note(f.customer, ids[3], NoteDraft{Visibility::external, "where is my refund?"});
  return ids;
}

std::int64_t sqlite_rows(const std::string& path, const std::string& table) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM \"" + table + "\"").getInt64();
}

// What an engine answers about a case, in every document a host reads.
std::string documents_of(Engine& engine, std::int64_t id) {
  JsonApi api(engine);
  const std::string request = R"({"case_id": )" + std::to_string(id) + "}";
  return api.call("admin:root", "case.get", request) + api.call("admin:root", "case.history", request) +
         api.call("admin:root", "sla.case", request) + api.call("customer:C1", "case.customer_view", request);
}

}  // namespace

TEST_CASE("postgres: store.copy moves every table, history included, and the copy answers as the file did") {
  require_server();
  SqliteFile file;
  TempDb target;
  std::vector<std::int64_t> ids;
  StoreCopyReport report;
  std::map<std::int64_t, std::string> before;
  std::string query_before;
  std::string public_key;
  {
    EngineFixture source(file.path);
    ids = fill(source);
    for (std::int64_t id : ids) before[id] = documents_of(source.engine, id);
    query_before = JsonApi(source.engine).call("admin:root", "case.query", "{}");
    // The audit chain and a signed checkpoint travel with the history.
    source.engine.audit_checkpoint(source.admin);
    public_key = source.engine.audit_public_key(source.admin);
    report = source.engine.copy_store(source.admin, target.path);
  }
  CHECK(report.from == "sqlite");
  CHECK(report.to == "postgresql");
  CHECK(report.schema_version == store::kSchemaVersion);
  std::int64_t total = 0;
  std::set<std::string> names;
  for (const TableCopy& t : report.tables) {
    CAPTURE(t.table);
    CHECK(t.rows == sqlite_rows(file.path, t.table));  // every row of the file, counted there
    CHECK(t.hash.size() == 64);
    names.insert(t.table);
    total += t.rows;
  }
  CHECK(report.rows == total);
  for (const char* table : {"cases", "case_lines", "events", "notes", "outbox", "customers", "operators", "products",
                            "settings", "sla_due", "case_counts", "number_sequences", "checkpoints", "audit_keys",
                            "customer_events"}) {
    CAPTURE(table);
    CHECK(names.count(table) == 1);
  }
  CHECK(names.count("commits") == 0);  // PostgreSQL's own bookkeeping, not the file's

  Engine copy = Engine::open(target.path);
  copy.set_clock([] { return rma_test::at("2026-03-11T15:00:00Z"); });
  // The histories read as before: each case's key (privacy_key) came along, so its sealed notes open.
  for (std::int64_t id : ids) {
    CAPTURE(id);
    CHECK(documents_of(copy, id) == before[id]);
  }
  CHECK(JsonApi(copy).call("admin:root", "case.query", "{}") == query_before);
  // A customer record's history is read by the keys copied with it.
  const std::int64_t c1_upserts = SQLite::Database(file.path, SQLite::OPEN_READONLY)
                                      .execAndGet("SELECT count(*) FROM customer_events WHERE customer_id = 'C1'")
                                      .getInt64();
  CHECK(c1_upserts >= 1);
  CHECK(copy.export_personal_data(Actor{Role::admin, "root"}, DataSubject{0, "C1"}).customer_history.size() ==
        static_cast<std::size_t>(c1_upserts));

  // The copy verifies against the key the file signed with: the hash covers the events' decoded
  // content, not the bytes a backend stores.
  AuditVerifyOptions trusted;
  trusted.trusted_keys = {public_key};
  const AuditReport verified = copy.verify_audit(Actor{Role::admin, "root"}, trusted);
  CHECK(verified.ok);
  CHECK(verified.events_checked == sqlite_rows(file.path, "events"));
  CHECK(verified.checkpoints_checked == sqlite_rows(file.path, "checkpoints"));
  REQUIRE(verified.last_checkpoint.has_value());
  CHECK(verified.unsigned_events == 0);
  CHECK(verified.public_key == public_key);

  // The copy goes on where the file stopped: the next number and id, not a duplicate.
  const Case next = copy.create_case(Actor{Role::operator_, "anna"}, EngineFixture::one_line_draft());
  CHECK(next.id == ids.back() + 1);
  for (std::int64_t id : ids) CHECK(copy.get_case(Actor{Role::admin, "root"}, id).number != next.number);
  // ... and so does its chain.
  const AuditReport after_next = copy.verify_audit(Actor{Role::admin, "root"}, trusted);
  CHECK(after_next.ok);
  CHECK(after_next.events_checked > verified.events_checked);
}

TEST_CASE("postgres: copies of the same file into two schemas report the same hashes") {
  require_server();
  SqliteFile file;
  TempDb first;
  TempDb second;
  EngineFixture source(file.path);
  fill(source);
  const StoreCopyReport a = source.engine.copy_store(source.admin, first.path);
  const StoreCopyReport b = source.engine.copy_store(source.admin, second.path);
  REQUIRE(a.tables.size() == b.tables.size());
  for (std::size_t i = 0; i < a.tables.size(); ++i) {
    CAPTURE(a.tables[i].table);
    CHECK(a.tables[i].hash == b.tables[i].hash);
  }
}

TEST_CASE("postgres: store.copy refuses a target holding librma data and leaves it as it was") {
  require_server();
  SqliteFile file;
  TempDb target;
  EngineFixture source(file.path);
  fill(source);
  std::int64_t there = 0;
  {
    EngineFixture occupant(target.path);  // writes its operator, customers and product
    there = occupant.engine.create_case(occupant.op, EngineFixture::one_line_draft()).id;
  }
  try {
    source.engine.copy_store(source.admin, target.path);
    FAIL("the copy into a schema with data succeeded");
  } catch (const Error& e) {
    CHECK(e.status() == Status::conflict);
    CHECK(e.field() == "to");
  }
  Engine after = Engine::open(target.path);
  CHECK(after.stats().cases == 1);
  CHECK(after.get_case(Actor{Role::admin, "root"}, there).lines.size() == 1);
}

TEST_CASE("postgres: a store.copy cancelled by its progress callback writes nothing, and a later one succeeds") {
  require_server();
  SqliteFile file;
  TempDb target;
  EngineFixture source(file.path);
  fill(source);
  StoreCopyOptions options;
  options.progress = [](const std::string& table, std::int64_t, std::int64_t) { return table != "events"; };
  try {
    source.engine.copy_store(source.admin, target.path, options);
    FAIL("the cancelled copy succeeded");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "progress");
  }
  CHECK(Engine::open(target.path).stats().cases == 0);  // the tables before "events" rolled back too
  const StoreCopyReport report = source.engine.copy_store(source.admin, target.path);
  CHECK(Engine::open(target.path).stats().cases == 4);
  CHECK(report.rows > 0);
}

// progress_every is 1 to 10,000,000: both bounds accepted, both neighbours refused; each table
// reports every progress_every rows and once at its end.
TEST_CASE("postgres: store.copy reports progress every progress_every rows and once per table") {
  require_server();
  SqliteFile file;
  EngineFixture source(file.path);
  fill(source);
  for (const std::int64_t every : {std::int64_t{0}, std::int64_t{10'000'001}}) {
    TempDb target;
    StoreCopyOptions options;
    options.progress_every = every;
    CAPTURE(every);
    CHECK(rma_test::status_of([&] { source.engine.copy_store(source.admin, target.path, options); }) ==
          Status::out_of_range);
  }
  for (const std::int64_t every : {std::int64_t{1}, std::int64_t{2}, std::int64_t{10'000'000}}) {
    CAPTURE(every);
    TempDb target;
    std::map<std::string, std::vector<std::int64_t>> calls;
    std::map<std::string, std::int64_t> totals;
    StoreCopyOptions options;
    options.progress_every = every;
    options.progress = [&](const std::string& table, std::int64_t done, std::int64_t total) {
      calls[table].push_back(done);
      totals[table] = total;
      return true;
    };
    const StoreCopyReport report = source.engine.copy_store(source.admin, target.path, options);
    for (const TableCopy& t : report.tables) {
      CAPTURE(t.table);
      std::vector<std::int64_t> expected;
      for (std::int64_t n = every; n <= t.rows; n += every) expected.push_back(n);
      expected.push_back(t.rows);  // the end of the table, after its verification
      CHECK(calls[t.table] == expected);
      CHECK(totals[t.table] == t.rows);
    }
  }
}

TEST_CASE("store.copy: a target that is no PostgreSQL location is invalid_argument naming to; only an admin copies") {
  EngineFixture f;
  for (const char* to : {"/tmp/elsewhere.db", ":memory:", ""}) {
    CAPTURE(to);
    try {
      f.engine.copy_store(f.admin, to);
      FAIL("copied to a non-PostgreSQL location");
    } catch (const Error& e) {
      CHECK(e.status() == Status::invalid_argument);
      CHECK(e.field() == "to");
    }
  }
  CHECK(rma_test::status_of([&] { f.engine.copy_store(f.op, "host=/nowhere dbname=rma"); }) ==
        Status::permission_denied);
  CHECK(rma_test::status_of([&] {
          JsonApi(f.engine).call("customer:C1", "store.copy", R"({"to": "host=/nowhere dbname=rma"})");
        }) == Status::permission_denied);
  CHECK(rma_test::status_of([&] { JsonApi(f.engine).call("admin:root", "store.copy", R"({"to": 5})"); }) ==
        Status::wrong_type);
  CHECK(rma_test::status_of([&] { JsonApi(f.engine).call("admin:root", "store.copy", R"({"too": "x"})"); }) ==
        Status::missing_field);
}

TEST_CASE("postgres: store.copy to a server that cannot be reached is storage naming to") {
  require_server();
  SqliteFile file;
  EngineFixture source(file.path);
  try {
    source.engine.copy_store(source.admin, "host=/nonexistent-socket-dir dbname=rma connect_timeout=2");
    FAIL("copied to nowhere");
  } catch (const Error& e) {
    CHECK(e.status() == Status::storage);
    CHECK(e.field() == "to");
  }
}

// The hash a copy compares: BLAKE2b-256 of the values as tagged, so an empty table hashes like
// empty input, and values that run into each other or change type hash apart.
TEST_CASE("store copy content hash: tagged values, BLAKE2b-256") {
  using store::copy::ContentHash;
  CHECK(ContentHash().hex() == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  const auto of = [](const std::function<void(ContentHash&)>& add) {
    ContentHash h;
    add(h);
    return h.hex();
  };
  const std::string ab_c = of([](ContentHash& h) { h.add_text("ab"); h.add_text("c"); });
  CHECK(ab_c != of([](ContentHash& h) { h.add_text("a"); h.add_text("bc"); }));
  CHECK(ab_c == of([](ContentHash& h) { h.add_text("ab"); h.add_text("c"); }));
  CHECK(of([](ContentHash& h) { h.add_text("5"); }) != of([](ContentHash& h) { h.add_integer(5); }));
  CHECK(of([](ContentHash& h) { h.add_text("x"); }) != of([](ContentHash& h) { h.add_bytes("x"); }));
  CHECK(of([](ContentHash& h) { h.add_null(); }) != of([](ContentHash& h) { h.add_text(""); }));
  CHECK(of([](ContentHash& h) { h.add_integer(1); }) != of([](ContentHash& h) { h.add_integer(256); }));
}
