// The PostgreSQL store with several engines on one database: what a shared server adds to the
// engine suite (which runs on PostgreSQL as a whole, unit_postgres). These tests run only there:
// tests/unit/CMakeLists.txt leaves "postgres: *" out of the SQLite run, and each fails when
// RMA_TEST_POSTGRES is not set rather than passing without a server.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>
#include <vector>

#include "api/codec.hpp"
#include "engine_fixture.hpp"
#include "store/column_codec.hpp"
#include "store/valued_event.hpp"
#include "store/open.hpp"
#include "store/postgres/schema.hpp"
#include "valuation_fixture.hpp"

using namespace rma;
using rma_test::EngineFixture;
using rma_test::TempDb;

namespace {

// The status and reason `f` fails with (ok and "" when it does not).
std::pair<Status, std::string> outcome_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return {e.status(), e.reason()};
  }
  return {Status::ok, std::string()};
}

void require_server() { REQUIRE_MESSAGE(!rma_test::test_postgres().empty(), "RMA_TEST_POSTGRES is not set"); }

const auto one_line_draft = EngineFixture::one_line_draft;

}  // namespace

TEST_CASE("postgres: two engines on one database see each other's commits at their next command") {
  require_server();
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  const Case created = a.engine.create_case(a.op, one_line_draft());
  const Case seen = b.engine.get_case(b.op, created.id);
  CHECK(seen.number == created.number);
  CasePatch patch;
  patch.priority = Priority::high;
  b.engine.update_case(b.op, created.id, patch);
  CHECK(a.engine.get_case(a.op, created.id).priority == Priority::high);
  CaseQuery q;
  q.priority = Priority::high;
  CHECK(a.engine.query_cases(a.op, q).total == 1);
  CHECK(a.engine.stats().last_event_seq == b.engine.stats().last_event_seq);
}

TEST_CASE("postgres: an expected version another engine moved past is a conflict, and nothing is written") {
  require_server();
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  const Case c = a.engine.create_case(a.op, one_line_draft());
  CasePatch high;
  high.priority = Priority::high;
  CasePatch low;
  low.priority = Priority::low;
  a.engine.update_case(a.op, c.id, high, c.version);
  const std::int64_t events = b.event_count();
  CHECK(rma_test::status_of([&] { b.engine.update_case(b.op, c.id, low, c.version); }) == Status::conflict);
  CHECK(b.event_count() == events);
  CHECK(b.engine.get_case(b.op, c.id).priority == Priority::high);
  CHECK(b.engine.update_case(b.op, c.id, low, c.version + 1).priority == Priority::low);
}

TEST_CASE("postgres: RMA numbers from two engines are unique and consecutive") {
  require_server();
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  std::set<std::string> numbers;
  for (int i = 0; i < 20; ++i) {
    EngineFixture& f = i % 2 ? a : b;
    numbers.insert(f.engine.create_case(f.op, one_line_draft()).number);
  }
  CHECK(numbers.size() == 20);
  CHECK(a.engine.stats().cases == 20);
}

// The classic pitfall: a sequence hands out 5 before 4 commits; a follower that read 5 asks for
// "after 5" and never sees 4. With one writer at a time, seq is taken under the writer lock, so a
// follower reading while writers in other processes commit sees every seq, in order, gap-free.
TEST_CASE("postgres: writers in separate processes and a follower that never skips an event") {
  require_server();
  TempDb db;
  { EngineFixture setup(db.path); }  // schema, customers and product
  constexpr int kWriters = 3;
  constexpr int kCasesEach = 25;
  // The follower starts before the writers: every event they write comes after `first`.
  auto follower = store::open(db.path, Options{});
  std::int64_t last = follower->last_event_seq();
  const std::int64_t first = last;
  std::vector<pid_t> writers;
  for (int w = 0; w < kWriters; ++w) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 0;
      try {
        Engine engine = Engine::open(db.path);
        const Actor op{Role::operator_, "anna"};
        for (int i = 0; i < kCasesEach; ++i) {
          Case c = engine.create_case(op, one_line_draft());
          NoteDraft note;
          note.body = "writer " + std::to_string(w);
          engine.add_note(op, c.id, note);
        }
      } catch (...) {
        code = 1;
      }
      ::_exit(code);  // no destructors: the parent's connections are not the child's to close
    }
    writers.push_back(pid);
  }
  std::int64_t skipped = 0;
  auto follow = [&] {
    for (const store::Store::EventRef& e : follower->events_after(last)) {
      if (e.seq != last + 1) ++skipped;
      last = e.seq;
    }
  };
  int running = kWriters;
  while (running > 0) {
    follow();
    int status = 0;
    for (pid_t& pid : writers) {
      if (pid != 0 && ::waitpid(pid, &status, WNOHANG) == pid) {
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        pid = 0;
        --running;
      }
    }
  }
  follow();
  CHECK(skipped == 0);
  // Each case: case.created, case.valued (maybe) and note.added; at least two events per case.
  CHECK(last - first >= 2 * kWriters * kCasesEach);
  CHECK(last == follower->last_event_seq());
  EngineFixture check(db.path);
  CHECK(check.engine.stats().cases == kWriters * kCasesEach);
}

// A connection lost while idle (a server restart, an idle timeout): the next command finds out at
// its first statement, before it did anything, and runs on a new connection.
TEST_CASE("postgres: a connection lost between commands is opened again by the next command, which succeeds") {
  require_server();
  TempDb db;
  EngineFixture f(db.path + " application_name=rma_idle_lost");
  const Case c = f.engine.create_case(f.op, one_line_draft());
  const char* terminate =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rma_idle_lost'";
  REQUIRE(TempDb::run_on_server(terminate));
  CasePatch patch;
  patch.priority = Priority::high;
  CHECK(f.engine.update_case(f.op, c.id, patch).priority == Priority::high);
  REQUIRE(TempDb::run_on_server(terminate));
  CHECK(f.engine.get_case(f.op, c.id).priority == Priority::high);  // a read too
  CHECK(f.engine.history(f.op, c.id).size() == 2);
}

#ifdef RMA_WITH_POSTGRESQL
namespace {

// A connection of the test's own to a store's schema, for reading and damaging stored bytes.
class RawSchema {
 public:
  explicit RawSchema(const std::string& location) : conn_(PQconnectdb(location.c_str()), PQfinish) {
    REQUIRE(PQstatus(conn_.get()) == CONNECTION_OK);
  }
  // (key, stored bytes) of `sql`, which selects a key and a bytea column.
  std::vector<std::pair<std::int64_t, std::string>> rows(const char* sql) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn_.get(), sql), PQclear);
    REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      std::size_t length = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r.get(), i, 1)), &length);
      out.emplace_back(std::strtoll(PQgetvalue(r.get(), i, 0), nullptr, 10),
                       std::string(reinterpret_cast<const char*>(bytes), length));
      PQfreemem(bytes);
    }
    return out;
  }
  // Runs statements that return no rows.
  void exec(const char* sql) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn_.get(), sql), PQclear);
    REQUIRE_MESSAGE(PQresultStatus(r.get()) == PGRES_COMMAND_OK, PQerrorMessage(conn_.get()));
  }
  // Runs `sql` with $1 the bytes (binary) and $2 the key.
  void set(const char* sql, std::int64_t key, const std::string& bytes) {
    const std::string key_text = std::to_string(key);
    const char* values[] = {bytes.data(), key_text.c_str()};
    const int lengths[] = {static_cast<int>(bytes.size()), 0};
    const int formats[] = {1, 0};
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(
        PQexecParams(conn_.get(), sql, 2, nullptr, values, lengths, formats, 0), PQclear);
    REQUIRE(PQresultStatus(r.get()) == PGRES_COMMAND_OK);
    REQUIRE(std::string(PQcmdTuples(r.get())) == "1");
  }

 private:
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
};

// Every case as a fresh engine reads it: the case, its history and its replay.
std::vector<std::string> read_all(const std::string& location, const std::vector<std::int64_t>& ids) {
  Engine engine = Engine::open(location);
  const Actor admin{Role::admin, "root"};
  std::vector<std::string> out;
  for (std::int64_t id : ids) {
    out.push_back(api::to_json_value(engine.get_case(admin, id)).dump());
    out.push_back(api::to_json_value(engine.replay_case(admin, id)).dump());
    for (const Event& e : engine.history(admin, id)) out.push_back(e.type + " " + e.data);
  }
  return out;
}

}  // namespace

// store/column_codec in PostgreSQL: events.data and cases.valuation are bytea, a zstd frame from
// kCompressFromBytes up and the plain text below (as SQLite keeps BLOB or TEXT); a valued case's
// row points at its case.valued event (store/valued_event.hpp); plain and compressed rows read
// alike, and a damaged frame is storage naming table.column.
TEST_CASE("postgres: large JSON columns are bytea zstd frames from the threshold, plain below, and either reads") {
  require_server();
  TempDb db;
  std::vector<std::int64_t> ids;
  {
    rma_test::ValuationFixture f(db.path);
    const Case phone = f.open_case();
    CasePatch patch;
    patch.priority = Priority::high;  // a short event
    f.engine.update_case(f.op, phone.id, patch);
    f.engine.add_note(f.op, phone.id, NoteDraft{Visibility::internal, std::string(300, 'n')});
    ids.push_back(phone.id);
  }
  RawSchema raw(db.path);
  int compressed = 0;
  int plain = 0;
  for (const char* sql : {"SELECT seq, data FROM events ORDER BY seq", "SELECT id, valuation FROM cases ORDER BY id"}) {
    for (const auto& [key_, bytes] : raw.rows(sql)) {
      const std::int64_t key = key_;  // CAPTURE cannot name a structured binding (clang)
      CAPTURE(key);
      const std::string text = store::decode_column(bytes, {"t", "c"});
      if (text.size() >= store::kCompressFromBytes) {
        CHECK(store::is_compressed(bytes));
        CHECK(bytes.size() < text.size());
        ++compressed;
      } else {
        CHECK(bytes == text);
        ++plain;
      }
    }
  }
  CHECK(compressed >= 3);  // case.created, case.valued and the long note
  CHECK(plain >= 2);       // the priority patch and the valued case's empty valuation column

  const std::vector<std::string> before = read_all(db.path, ids);
  // Compressed values written back as plain text read the same.
  for (const auto& [seq, bytes] : raw.rows("SELECT seq, data FROM events ORDER BY seq")) {
    if (store::is_compressed(bytes)) raw.set("UPDATE events SET data = $1 WHERE seq = $2", seq, store::decode_column(bytes, {"e", "d"}));
  }
  CHECK(read_all(db.path, ids) == before);

  // A valuation frame that lost its last bytes: the case does not load, and the error says where.
  const auto valued = raw.rows("SELECT c.id, e.data FROM cases c JOIN events e ON e.seq = c.valuation_seq").front();
  const std::string frame =
      store::encode_column(store::valuation_from_valued_event(store::decode_column(valued.second, {"e", "d"}), 0));
  REQUIRE(store::is_compressed(frame));
  raw.set("UPDATE cases SET valuation = $1, valuation_seq = NULL WHERE id = $2", valued.first,
          frame.substr(0, frame.size() - 6));
  Engine engine = Engine::open(db.path);
  try {
    engine.get_case(Actor{Role::admin, "root"}, ids.front());
    FAIL("a damaged valuation read");
  } catch (const Error& e) {
    CHECK(e.status() == Status::storage);
    CHECK(std::string(e.what()).find("cases.valuation") != std::string::npos);
  }
}

namespace {

// A host's own transaction that deadlocks with the engine's `rounds` times: it locks the
// `commits` row (which every engine commit updates), waits until the engine's transaction waits
// for that row, then asks for the writer lock the engine holds. The engine's session, which
// waited first, sees the deadlock after its deadlock_timeout and is undone (40P01); the host then
// holds the writer lock, lets it go at once, and waits for the next attempt. Then it commits.
// Returns how many rounds ended with the host holding the writer lock (each means an undone
// engine transaction), or -1 when something else went wrong.
int deadlock_rounds(const std::string& location, const std::string& application, int rounds,
                    std::promise<void>& row_locked) {
  std::unique_ptr<PGconn, void (*)(PGconn*)> host(PQconnectdb(location.c_str()), PQfinish);
  std::unique_ptr<PGconn, void (*)(PGconn*)> watch(PQconnectdb(location.c_str()), PQfinish);
  auto run = [](PGconn* c, const std::string& sql) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c, sql.c_str()), PQclear);
    const ExecStatusType st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return std::string("!");
    return PQntuples(r.get()) > 0 ? std::string(PQgetvalue(r.get(), 0, 0)) : std::string();
  };
  const std::string key = std::to_string(store::pg::kLockClass) + ", hashtext(current_schema())";
  bool ok = PQstatus(host.get()) == CONNECTION_OK && PQstatus(watch.get()) == CONNECTION_OK &&
            run(host.get(), "BEGIN") != "!" && run(host.get(), "SELECT n FROM commits WHERE id = 1 FOR UPDATE") != "!";
  row_locked.set_value();
  int done = 0;
  for (int round = 0; ok && round < rounds; ++round) {
    // The engine's session waiting for a row lock (not for the writer lock: "advisory").
    const std::string waiting = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + application +
                                "' AND wait_event_type = 'Lock' AND wait_event IN ('transactionid', 'tuple')";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (run(watch.get(), waiting) != "1" && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ok = run(host.get(), "SELECT pg_advisory_lock(" + key + ")") != "!" &&
         run(host.get(), "SELECT pg_advisory_unlock(" + key + ")") == "t";
    if (ok) ++done;
  }
  ok = run(host.get(), "COMMIT") != "!" && ok;
  return ok ? done : -1;
}

}  // namespace

// Writers are serialized, so 40001/40P01 come only from a host's own transactions on librma's
// rows. Both sides of the bound: undone twice, the third attempt commits once; undone three
// times, the command is `conflict` with reason `serialization` and nothing is written.
TEST_CASE("postgres: a command undone by a deadlock runs again, up to three attempts, then is conflict") {
  require_server();
  for (const int rounds : {2, 3}) {
    CAPTURE(rounds);
    TempDb db;
    const std::string application = "rma_deadlock_" + std::to_string(rounds);
    // A short deadlock_timeout for the engine's session, so it is the one that sees the deadlock.
    const std::string location = rma_test::test_postgres() + " options='-csearch_path=" + db.schema +
                                 " -cdeadlock_timeout=100' application_name=" + application;
    EngineFixture f(location);
    const Case c = f.engine.create_case(f.op, one_line_draft());
    const std::size_t events = f.engine.history(f.admin, c.id).size();
    std::promise<void> row_locked;
    std::future<int> host = std::async(std::launch::async, [&] {
      return deadlock_rounds(db.path, application, rounds, row_locked);
    });
    row_locked.get_future().wait();
    CasePatch patch;
    patch.priority = Priority::high;
    const auto [status, reason] = outcome_of([&] { f.engine.update_case(f.op, c.id, patch); });
    CHECK(host.get() == rounds);
    const Case after = f.engine.get_case(f.admin, c.id);
    if (rounds < 3) {
      CHECK(status == Status::ok);
      CHECK(after.priority == Priority::high);
      CHECK(after.version == c.version + 1);
      CHECK(f.engine.history(f.admin, c.id).size() == events + 1);
    } else {
      CHECK(status == Status::conflict);
      CHECK(reason == "serialization");
      CHECK(after.priority == Priority::normal);
      CHECK(after.version == c.version);
      CHECK(f.engine.history(f.admin, c.id).size() == events);
    }
  }
}
#endif

#ifdef RMA_WITH_POSTGRESQL
namespace {

// Schema 12 back to 11 in PostgreSQL: times as text again, event case numbers back in the events,
// sla_due keyed by case.
#define RMA_TEXT(m) "to_char((to_timestamp(" m " / 1000000) + (" m " % 1000000) * interval '1 microsecond')" \
  " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
const char* const kUndoPgSchema12 =
    // Version 16's customer event keys, version 15's chain, version 14's keys and version 13's
    // pointer go too (this test reads no customer history, hash, valuation or personal value).
    "DROP TABLE customer_events; DROP TABLE checkpoints; DROP TABLE audit_keys; ALTER TABLE events DROP COLUMN hash;"
    " ALTER TABLE cases DROP COLUMN privacy_key, DROP COLUMN erased_at;"
    " ALTER TABLE customers DROP COLUMN privacy_key, DROP COLUMN erased_at;"
    " ALTER TABLE cases DROP COLUMN valuation_seq; UPDATE schema_version SET version = 12;"
    " ALTER TABLE cases ALTER COLUMN created_at TYPE TEXT USING " RMA_TEXT("created_at") ","
    " ALTER COLUMN updated_at TYPE TEXT USING " RMA_TEXT("updated_at") ","
    " ALTER COLUMN status_since TYPE TEXT USING " RMA_TEXT("status_since") ","
    " ALTER COLUMN status_since SET DEFAULT '', DROP COLUMN sla_due;"
    " ALTER TABLE events ALTER COLUMN at TYPE TEXT USING " RMA_TEXT("at") ";"
    " UPDATE events e SET case_number = c.number FROM cases c WHERE c.id = e.case_id;"
    " CREATE TABLE sla_due_before (case_id BIGINT NOT NULL, clock TEXT NOT NULL, due_at TEXT NOT NULL,"
    "   PRIMARY KEY (case_id, clock));"
    " INSERT INTO sla_due_before SELECT case_id, clock, " RMA_TEXT("due_at") " FROM sla_due;"
    " DROP TABLE sla_due; ALTER TABLE sla_due_before RENAME TO sla_due;"
    " CREATE INDEX sla_due_by_time ON sla_due(due_at, case_id);"
    " UPDATE schema_version SET version = 11;";
#undef RMA_TEXT

}  // namespace

TEST_CASE("postgres: a schema of version 11 keeps its times, numbers and due times when opened") {
  TempDb db;
  Case before;
  std::vector<Event> history_before;
  std::vector<SlaDueItem> due_before;
  {
    EngineFixture f(db.path);
    f.now = rma_test::at("2026-03-09T09:00:00.123456Z");
    before = f.engine.create_case(f.op, EngineFixture::two_line_draft());
    f.now = rma_test::at("2026-03-09T10:00:00Z");
    f.engine.add_note(f.op, before.id, NoteDraft{Visibility::external, "we are on it"});
    before = f.engine.get_case(f.op, before.id);
    history_before = f.engine.history(f.op, before.id);
    due_before = f.engine.sla_due(f.op, 30 * 86400);
  }
  REQUIRE_FALSE(due_before.empty());
  RawSchema(db.path).exec(kUndoPgSchema12);
  EngineFixture reopened(db.path);
  reopened.now = rma_test::at("2026-03-09T10:00:00Z");
  const Case after = reopened.engine.get_case(reopened.op, before.id);
  CHECK(after.created_at == rma_test::at("2026-03-09T09:00:00.123456Z"));
  CHECK(after.updated_at == before.updated_at);
  CHECK(after.status_since == before.status_since);
  const std::vector<Event> history_after = reopened.engine.history(reopened.op, before.id);
  REQUIRE(history_after.size() == history_before.size());
  for (std::size_t i = 0; i < history_after.size(); ++i) {
    CHECK(history_after[i].at == history_before[i].at);
    CHECK(history_after[i].case_number == before.number);
  }
  const std::vector<SlaDueItem> due_after = reopened.engine.sla_due(reopened.op, 30 * 86400);
  REQUIRE(due_after.size() == due_before.size());
  for (std::size_t i = 0; i < due_after.size(); ++i) {
    CHECK(due_after[i].clock == due_before[i].clock);
    CHECK(due_after[i].due_at == due_before[i].due_at);
  }
  // The case row lists the converted rows' due times: deleting the case removes them.
  reopened.engine.delete_case(reopened.admin, before.id, "entered twice");
  CHECK(reopened.engine.sla_due(reopened.op, 30 * 86400).empty());
}

// Schema 15's twin of the SQLite test in test_audit_chain.cpp: the chain's backfill hashes the
// events of an older schema exactly as librma hashes them when it writes them.
TEST_CASE("postgres: a version 14 schema gets every event chained when opened, with the hashes librma writes") {
  require_server();
  TempDb db;
  {
    EngineFixture f(db.path);
    const Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
    f.engine.add_note(f.op, c.id, NoteDraft{Visibility::external, "we are on it"});
    f.engine.transition_case(f.op, c.id, "authorize");
  }
  const auto written = RawSchema(db.path).rows("SELECT seq, hash FROM events ORDER BY seq");
  REQUIRE(written.size() >= 5);
  RawSchema(db.path).exec(
      "DROP TABLE customer_events; DROP TABLE checkpoints; DROP TABLE audit_keys; ALTER TABLE events DROP COLUMN hash;"
      " UPDATE schema_version SET version = 14;");
  EngineFixture reopened(db.path);
  const auto chained = RawSchema(db.path).rows("SELECT seq, hash FROM events ORDER BY seq");
  REQUIRE(chained.size() >= written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    CAPTURE(i);
    CHECK(chained[i] == written[i]);
  }
  const AuditReport r = reopened.engine.verify_audit(reopened.admin);
  CHECK(r.ok);
  CHECK(r.events_checked == reopened.event_count());
}

// Schema 16's twin of the SQLite test in test_privacy.cpp: the customer.upserted events stored
// before are keyed by their customer when the schema is opened.
TEST_CASE("postgres: a version 15 schema gets its customer events keyed when opened") {
  require_server();
  TempDb db;
  {
    EngineFixture f(db.path);
    Customer c = f.engine.get_customer(f.op, "C1");
    c.email = "rossi@example.it";
    f.engine.upsert_customer(f.op, c);
  }
  RawSchema(db.path).exec("DROP TABLE customer_events; UPDATE schema_version SET version = 15;");
  const std::unique_ptr<store::Store> reopened = store::open(db.path, Options());
  const std::vector<Event> c1 = reopened->customer_events("C1");
  REQUIRE(c1.size() == 2);
  CHECK(c1[0].seq < c1[1].seq);
  CHECK(c1[1].type == "customer.upserted");
  CHECK(reopened->customer_events("C2").size() == 1);
  CHECK(reopened->customer_events("C3").empty());
  const auto version = RawSchema(db.path).rows("SELECT version, ''::bytea FROM schema_version");
  REQUIRE(version.size() == 1);
  CHECK(version[0].first == 16);
}

// A connection lost in the middle of a command (here while its commit waits for a row a host's
// transaction holds): the command is storage with reason connection, nothing of it is kept, and
// the next command connects again.
TEST_CASE("postgres: a connection lost mid-command is storage with reason connection and keeps nothing") {
  require_server();
  TempDb db;
  const std::string application = "rma_lost_mid_command";
  EngineFixture f(db.path + " application_name=" + application);
  const Case c = f.engine.create_case(f.op, one_line_draft());
  const std::size_t events = f.engine.history(f.admin, c.id).size();
  std::promise<void> row_locked;
  std::future<bool> host = std::async(std::launch::async, [&] {
    std::unique_ptr<PGconn, void (*)(PGconn*)> holder(PQconnectdb(db.path.c_str()), PQfinish);
    auto ok = [](PGresult* r) {
      const bool good = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
      PQclear(r);
      return good;
    };
    bool good = PQstatus(holder.get()) == CONNECTION_OK && ok(PQexec(holder.get(), "BEGIN")) &&
                ok(PQexec(holder.get(), "SELECT n FROM commits WHERE id = 1 FOR UPDATE"));
    row_locked.set_value();
    // The engine's session waiting for the row, then ended by the server.
    const std::string waiting = "SELECT 1 FROM pg_stat_activity WHERE application_name = '" + application +
                                "' AND wait_event_type = 'Lock' AND wait_event IN ('transactionid', 'tuple')";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    bool seen = false;
    while (good && !seen && std::chrono::steady_clock::now() < deadline) {
      std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(holder.get(), waiting.c_str()), PQclear);
      seen = PQntuples(r.get()) == 1;
      if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    good = good && seen &&
           TempDb::run_on_server("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
                                 application + "'");
    return ok(PQexec(holder.get(), "ROLLBACK")) && good;
  });
  row_locked.get_future().wait();
  CasePatch patch;
  patch.priority = Priority::high;
  const auto [status, reason] = outcome_of([&] { f.engine.update_case(f.op, c.id, patch); });
  CHECK(host.get());
  CHECK(status == Status::storage);
  CHECK(reason == "connection");
  const Case after = f.engine.get_case(f.admin, c.id);
  CHECK(after.priority == Priority::normal);
  CHECK(after.version == c.version);
  CHECK(f.engine.history(f.admin, c.id).size() == events);
  CHECK(f.engine.update_case(f.op, c.id, patch).priority == Priority::high);
}
#endif
