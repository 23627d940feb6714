// benchmarks/postgres — librma on PostgreSQL against raw libpq, with 1, 4 and 8 engines.
//
// Workloads, one command per transaction, each in a schema of its own on the server given:
//   lifecycle    N cases, each created with two lines, then one note and one field update (3N
//                commands). The baseline writes the same rows (RMA number counter, case, lines,
//                note, version bump, one audit event per command with librma's own payloads)
//                with statements prepared once through libpq, one transaction per command.
//   transitions  M cases moved go → back → go → back on a two-state workflow (guards and effects
//                as in benchmarks/transitions); the baseline updates the case row and writes the
//                same events.
//   engines      the lifecycle in 1, 4 and 8 processes at once, each with its own engine (its own
//                connection) on one schema: commands per second over all of them. librma writes
//                one transaction at a time per schema (docs/postgresql.md), so this measures what
//                serialized writers cost, not the server's parallelism.
//   follow       two engines on one schema: one updates a case, the other reads it in a loop; the
//                delay from the end of the update to the first read that shows it (p50, p99).
//   migrate      the lifecycle's database on an SQLite file (cases, lines, notes, events, outbox,
//                counters), moved to a fresh schema with store.copy: rows per second of the copy
//                with its verification (each table read back and hashed).
//
// Where the time goes. On a local socket a command costs its round trips (each a wake-up of the
// server process and of this one), then the server's work per statement; the client's own work
// (validation, payloads, compression) is small beside them. Round trips per command, librma
// against the raw baseline (log_statement=all and a count in store/postgres/connection.cpp):
//                      create (2 lines)   note   update   transition
//   raw libpq                 7             5       4        4 or 5
//   librma before            13             5       4        8 or 9
//   librma now                3             2       2        2 (3 the first time a case moves)
// Before, creating a case also looked up its sales line, the line's document and the customer,
// read the case's history for its SLA clocks and its listed due times, and waited for every
// insert's RETURNING; a transition read the customer, the history and the due times. Now the
// store sends writes without waiting (libpq pipeline mode: they go with the COMMIT), reads the
// line's document once with every line, and answers ids, the RMA number counter, customers,
// histories and due times from what it knows while no other engine commits
// (store/postgres/known_rows.hpp). What remains beyond BEGIN and COMMIT: the sales document (a
// read the baseline does not do) and, on a case's first transition, its history.
// Figures (2 shared cores, load 2.4 to 4.8): pg_ratio_vs_raw_libpq 0.34-0.47 before, 0.77 now
// (full run; 0.68-0.78 in three quick runs); transitions 0.43 before, 0.61 now (0.60-0.68 quick). With the waits gone, what is left is work: the
// server's for the rows librma writes beyond the baseline (SLA due rows and the case row's list
// of them, the commit counter, valuation pointers) and this process's own (validation, payloads,
// compression; about 0.1 ms a command, as much as raw libpq's system calls), both competing for
// the same cores. docs/postgresql.md, Benchmark.
//
// The server: --server CONNINFO or RMA_BENCH_POSTGRES (a libpq connection string); without one
// the benchmark says so and ends. scripts/bench starts a throwaway cluster (scripts/pg-cluster)
// and passes it. Such a cluster runs with fsync=off, so figures are round trips and server CPU,
// not disk flushes; both sides pay the same.
//
// Usage: postgres [--quick] [--server CONNINFO]   (--quick: about a tenth of the work, < 30 s)
#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.hpp"
#include "workloads.hpp"
#include "rma/rma.hpp"

namespace {

using bench::Clock;
using bench::lifecycle_draft;
using bench::seconds_since;

const rma::Actor kOperator{rma::Role::operator_, "bench"};
const rma::Actor kHost{rma::Role::system, "bench"};
constexpr const char* kNow = "2026-03-10T09:00:00.000000Z";
// Case and event times as the schema keeps them (microseconds since the epoch, schema 12).
const std::string kNowMicros = std::to_string(rma::Timestamp::from_iso(kNow).micros);

std::string g_server;

// A location of its own on the server: the store creates the schema named by the search path.
std::string location(const std::string& name) {
  return g_server + " options='-csearch_path=bench_" + std::to_string(::getpid()) + "_" + name + "'";
}

// --- raw libpq -------------------------------------------------------------------------------

class RawPg {
 public:
  explicit RawPg(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), PQfinish) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_.get()));
  }
  void exec(const char* sql) { check(PQexec(conn_.get(), sql)); }
  void prepare(const char* name, const char* sql) { check(PQprepare(conn_.get(), name, sql, 0, nullptr)); }
  // Runs a prepared statement; every value text except those `binary` marks; returns the first
  // column of the first row, or "".
  std::string run(const char* name, const std::vector<std::string>& values, const std::vector<int>& binary = {}) {
    std::vector<const char*> pointers;
    std::vector<int> lengths;
    std::vector<int> formats(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
      pointers.push_back(values[i].c_str());
      lengths.push_back(static_cast<int>(values[i].size()));
      if (i < binary.size()) formats[i] = binary[i];
    }
    PGresult* r = PQexecPrepared(conn_.get(), name, static_cast<int>(values.size()), pointers.data(), lengths.data(),
                                 formats.data(), 0);
    check_status(r);
    std::string first = PQntuples(r) > 0 ? std::string(PQgetvalue(r, 0, 0)) : std::string();
    PQclear(r);
    return first;
  }

 private:
  void check(PGresult* r) {
    check_status(r);
    PQclear(r);
  }
  void check_status(PGresult* r) {
    const ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
      const std::string message = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("raw libpq: " + message);
    }
  }
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
};

// Bytes on disk of a schema's tables with their indexes and TOAST.
double schema_bytes(const std::string& name) {
  RawPg db(g_server);
  db.prepare("size", "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                     " JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relkind = 'r'");
  const std::string bytes = db.run("size", {"bench_" + std::to_string(::getpid()) + "_" + name});
  return std::strtod(bytes.c_str(), nullptr);
}

void drop_schema(const std::string& name) {
  RawPg db(g_server);
  db.exec("SET client_min_messages = warning");
  db.exec(("DROP SCHEMA IF EXISTS bench_" + std::to_string(::getpid()) + "_" + name + " CASCADE").c_str());
}

// --- lifecycle -------------------------------------------------------------------------------

const auto open_lifecycle = bench::open_lifecycle_engine;

// `n` cases: create, then a note and an update on each; `first` keeps serials apart per process.
void lifecycle(rma::Engine& e, int n, int first = 0) {
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) ids.push_back(e.create_case(kOperator, lifecycle_draft(first + i)).id);
  for (std::int64_t id : ids) {
    e.add_note(kOperator, id, rma::NoteDraft{rma::Visibility::internal, "unit inspected"});
    rma::CasePatch p;
    p.priority = rma::Priority::high;
    p.assignee = "marco";
    e.update_case(kOperator, id, p);
  }
}

struct Payloads {
  std::string created, noted, updated;
};

Payloads lifecycle_payloads() {
  rma::Engine e = open_lifecycle(":memory:");
  const rma::Case c = e.create_case(kOperator, lifecycle_draft(0));
  e.add_note(kOperator, c.id, rma::NoteDraft{rma::Visibility::internal, "unit inspected"});
  rma::CasePatch p;
  p.priority = rma::Priority::high;
  p.assignee = "marco";
  e.update_case(kOperator, c.id, p);
  const auto h = e.history(kOperator, c.id);
  return Payloads{h.at(0).data, h.at(1).data, h.at(2).data};
}

// The same rows as librma's lifecycle, in librma's schema, ids and sequence numbers assigned as
// the largest plus one (as librma does), one transaction per command.
double raw_lifecycle(const std::string& where, int n) {
  { open_lifecycle(where); }  // the schema and the customer row
  const Payloads payloads = lifecycle_payloads();
  RawPg db(where);
  db.prepare("number", "INSERT INTO number_sequences AS s (year, last) VALUES (2026, 1)"
                       " ON CONFLICT (year) DO UPDATE SET last = s.last + 1 RETURNING last");
  db.prepare("case",
             "INSERT INTO cases (id, number, kind, category, channel, customer_id, supplier_id, purchased_elsewhere,"
             " priority, assignee, team, status, expected_completion, resolution, root_cause, custom_fields,"
             " created_at, updated_at, status_since, version)"
             " VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM cases), $1, 'return', 'none', 'b2c', 'C1', '', 0,"
             " 'normal', '', '', 'new', NULL, 'none', '', '{}', $2, $2, $2, 1) RETURNING id");
  db.prepare("line",
             "INSERT INTO case_lines (case_id, line_no, sku, serial, lot, sales_document, sales_document_line,"
             " reason_code, defect_description, condition, qty_requested, qty_authorized, qty_received, qty_accepted,"
             " replacement_serial) VALUES ($1, $2, $3, $4, '', $5, $6, $7, '', '', $8, 0, 0, 0, '')");
  db.prepare("note", "INSERT INTO notes (id, case_id, channel, author, body, created_at)"
                     " VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM notes), $1, 'internal', 'operator:bench', $2, $3)");
  db.prepare("bump", "UPDATE cases SET version = version + 1, updated_at = $1 WHERE id = $2");
  db.prepare("update", "UPDATE cases SET priority = 'high', assignee = 'marco', version = version + 1,"
                       " updated_at = $1 WHERE id = $2");
  db.prepare("event", "INSERT INTO events (seq, case_id, case_number, at, actor, type, data)"
                      " VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM events), $1, $2, $3, 'operator:bench', $4, $5)");
  auto event = [&](const std::string& id, const std::string& number, const char* type, const std::string& data) {
    db.run("event", {id, number, kNowMicros, type, data}, {0, 0, 0, 0, 1});
  };
  std::vector<std::string> ids;
  auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    db.exec("BEGIN");
    const std::string number = "RMA-2026-" + db.run("number", {});
    const std::string id = db.run("case", {number, kNowMicros});
    db.run("line", {id, "1", "PHONE-1", "SN-" + std::to_string(i), "INV-" + std::to_string(i), "1", "defective", "1"});
    db.run("line", {id, "2", "CABLE-2", "", "", "0", "wrong_order", "2"});
    event(id, "", "case.created", payloads.created);  // a case's events leave its number to the case row
    db.exec("COMMIT");
    ids.push_back(id);
  }
  for (const std::string& id : ids) {
    db.exec("BEGIN");
    db.run("note", {id, "unit inspected", kNow});
    db.run("bump", {kNowMicros, id});
    event(id, "", "note.added", payloads.noted);
    db.exec("COMMIT");
    db.exec("BEGIN");
    db.run("update", {kNowMicros, id});
    event(id, "", "case.updated", payloads.updated);
    db.exec("COMMIT");
  }
  return seconds_since(start);
}

// --- transitions -----------------------------------------------------------------------------

constexpr int kTransitionsPerCase = 4;

rma::Engine open_transitions(const std::string& where) {
  rma::Engine e = open_lifecycle(where);
  e.configure_workflows(kHost, bench::transitions_workflow());
  return e;
}

std::vector<std::int64_t> transition_cases(rma::Engine& e, int n) {
  std::vector<std::int64_t> ids;
  e.batch(kOperator, [&](rma::Batch& b) {
    for (int i = 0; i < n; ++i) {
      rma::CaseDraft d;
      d.customer_id = "C1";
      d.assignee = "bench";
      rma::LineDraft a;
      a.sku = "PHONE-1";
      a.serial = "SN-" + std::to_string(i);
      a.reason_code = "defective";
      d.lines = {a};
      ids.push_back(b.create_case(d).id);
    }
  });
  return ids;
}

double librma_transitions(const std::string& where, int n) {
  rma::Engine e = open_transitions(where);
  const std::vector<std::int64_t> ids = transition_cases(e, n);
  auto start = Clock::now();
  for (std::int64_t id : ids) {
    for (int k = 0; k < kTransitionsPerCase; ++k) e.transition_case(kOperator, id, k % 2 == 0 ? "go" : "back");
  }
  return seconds_since(start);
}

double raw_transitions(const std::string& where, int n) {
  std::vector<std::int64_t> ids;
  std::vector<std::pair<std::string, std::string>> go, back;  // (type, data) as librma writes them
  {
    rma::Engine e = open_transitions(where);
    ids = transition_cases(e, n);
    const std::int64_t sample = transition_cases(e, 1).front();
    const std::size_t before = e.history(kOperator, sample).size();
    e.transition_case(kOperator, sample, "go");
    const std::size_t after_go = e.history(kOperator, sample).size();
    e.transition_case(kOperator, sample, "back");
    const auto h = e.history(kOperator, sample);
    for (std::size_t i = before; i < h.size(); ++i) (i < after_go ? go : back).emplace_back(h[i].type, h[i].data);
  }
  RawPg db(where);
  db.prepare("go", "UPDATE cases SET status = 'b', status_since = $1, custom_fields = '{\"step\":\"b\"}',"
                   " version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3");
  db.prepare("back", "UPDATE cases SET status = 'a', status_since = $1, priority = 'high', version = version + 1,"
                     " updated_at = $1 WHERE id = $2 AND version = $3");
  db.prepare("event", "INSERT INTO events (seq, case_id, case_number, at, actor, type, data)"
                      " VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM events), $1, '', $2,"
                      " 'operator:bench', $3, $4)");
  auto start = Clock::now();
  for (std::int64_t id : ids) {
    const std::string id_text = std::to_string(id);
    for (int k = 0; k < kTransitionsPerCase; ++k) {
      const bool forward = k % 2 == 0;
      db.exec("BEGIN");
      db.run(forward ? "go" : "back", {kNowMicros, id_text, std::to_string(1 + k)});
      for (const auto& [type, data] : forward ? go : back) {
        db.run("event", {id_text, kNowMicros, type, data}, {0, 0, 0, 1});
      }
      db.exec("COMMIT");
    }
  }
  return seconds_since(start);
}

// --- several engines in separate processes -----------------------------------------------------

// Commands per second of `engines` processes, each running the lifecycle on `n` cases of its own,
// all on one schema, timed from a common start to the last one's end.
double engines_rate(const std::string& where, int engines, int n) {
  { open_lifecycle(where); }
  int ready[2];
  int go[2];
  if (::pipe(ready) != 0 || ::pipe(go) != 0) throw std::runtime_error("pipe failed");
  std::vector<pid_t> children;
  for (int k = 0; k < engines; ++k) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      int code = 0;
      try {
        rma::Engine e = rma::Engine::open(where);
        char byte = 'r';
        if (::write(ready[1], &byte, 1) != 1 || ::read(go[0], &byte, 1) != 1) ::_exit(2);
        lifecycle(e, n, (k + 1) * 1000000);
      } catch (const std::exception& ex) {
        std::fprintf(stderr, "engine %d: %s\n", k, ex.what());
        code = 1;
      }
      ::_exit(code);  // no destructors of the parent's objects in the child
    }
    children.push_back(pid);
  }
  for (int k = 0; k < engines; ++k) {
    char byte;
    if (::read(ready[0], &byte, 1) != 1) throw std::runtime_error("an engine did not start");
  }
  auto start = Clock::now();
  const std::string bytes(static_cast<std::size_t>(engines), 'g');
  if (::write(go[1], bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) throw std::runtime_error("go");
  bool failed = false;
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    failed = failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  const double s = seconds_since(start);
  for (int fd : {ready[0], ready[1], go[0], go[1]}) ::close(fd);
  if (failed) throw std::runtime_error("an engine process failed");
  rma::Engine check = rma::Engine::open(where);
  if (check.stats().cases != static_cast<std::int64_t>(engines) * n) throw std::runtime_error("cases lost");
  return 3.0 * engines * n / s;
}

// --- follow delay ------------------------------------------------------------------------------

// Milliseconds from the end of an update on one engine to the first read on another engine (its
// own connection, reading in a loop) that shows it; sorted.
std::vector<double> follow_delays(const std::string& where, int samples) {
  rma::Engine writer = open_lifecycle(where);
  rma::Engine reader = rma::Engine::open(where);
  const std::int64_t id = writer.create_case(kOperator, lifecycle_draft(0)).id;
  std::atomic<std::int64_t> wanted{0};
  std::atomic<std::int64_t> seen{0};
  std::atomic<bool> stop{false};
  std::vector<Clock::time_point> seen_at(static_cast<std::size_t>(samples) + 2);
  std::thread follower([&] {
    while (!stop.load()) {
      const std::int64_t version = reader.get_case(kOperator, id).version;
      const std::int64_t want = wanted.load();
      if (want > 0 && version >= want && seen.load() < want) {
        seen_at[static_cast<std::size_t>(want - 1)] = Clock::now();
        seen.store(want);
      }
    }
  });
  std::vector<double> delays;
  std::int64_t version = writer.get_case(kOperator, id).version;
  for (int i = 0; i < samples; ++i) {
    rma::CasePatch p;
    p.priority = i % 2 == 0 ? rma::Priority::high : rma::Priority::low;
    wanted.store(version + 1);
    version = writer.update_case(kOperator, id, p).version;
    const auto done = Clock::now();
    while (seen.load() < version) std::this_thread::yield();
    const double ms = std::chrono::duration<double, std::milli>(seen_at[static_cast<std::size_t>(version - 1)] - done).count();
    delays.push_back(std::max(0.0, ms));
  }
  stop.store(true);
  follower.join();
  std::sort(delays.begin(), delays.end());
  return delays;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const std::size_t i = std::min(sorted.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted.size())));
  return sorted[i];
}

// Rows per second of store.copy moving the lifecycle of `cases` cases from an SQLite file to a
// fresh schema; `rows` gets how many it moved.
double migrate_rate(int cases, std::int64_t& rows) {
  const std::string file = "/tmp/rma-bench-migrate-" + std::to_string(::getpid()) + ".db";
  const auto remove_file = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((file + suffix).c_str());
  };
  remove_file();
  {
    rma::Engine e = open_lifecycle(file);
    lifecycle(e, cases);
  }
  rma::Engine e = rma::Engine::open(file);
  const auto start = Clock::now();
  const rma::StoreCopyReport report = e.copy_store(kHost, location("migrate"));
  const double seconds = seconds_since(start);
  rows = report.rows;
  remove_file();
  drop_schema("migrate");
  return static_cast<double>(report.rows) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else if (std::strcmp(argv[i], "--server") == 0 && i + 1 < argc) {
      g_server = argv[++i];
    }
  }
  if (g_server.empty()) {
    if (const char* env = std::getenv("RMA_BENCH_POSTGRES")) g_server = env;
  }
  if (g_server.empty()) {
    std::printf("postgres: skipped: no PostgreSQL server given (--server CONNINFO or RMA_BENCH_POSTGRES); "
                "scripts/bench starts a throwaway cluster\n");
    std::printf("{\"skipped\": \"no PostgreSQL server\"}\n");
    return 0;
  }
  const int n = quick ? 300 : 2000;       // lifecycle cases
  const int m = quick ? 150 : 1000;       // transition cases
  const int per_engine = quick ? 60 : 600;  // lifecycle cases per engine process
  const int samples = quick ? 200 : 2000;
  try {
    // librma and raw libpq alternate, each round on fresh schemas, and each side keeps its best
    // round: on a shared machine the load of the moment moves both, not their ratio.
    const int rounds = quick ? 1 : 3;
    double lib_s = 1e30, raw_s = 1e30, t_lib_s = 1e30, t_raw_s = 1e30, case_bytes = 0;
    for (int round = 0; round < rounds; ++round) {
      double empty_bytes = 0;
      {
        rma::Engine e = open_lifecycle(location("lifecycle"));
        empty_bytes = schema_bytes("lifecycle");  // each table and index has its first pages
        auto start = Clock::now();
        lifecycle(e, n);
        lib_s = std::min(lib_s, seconds_since(start));
      }
      case_bytes = (schema_bytes("lifecycle") - empty_bytes) / n;
      drop_schema("lifecycle");
      raw_s = std::min(raw_s, raw_lifecycle(location("raw_lifecycle"), n));
      drop_schema("raw_lifecycle");
      t_lib_s = std::min(t_lib_s, librma_transitions(location("transitions"), m));
      drop_schema("transitions");
      t_raw_s = std::min(t_raw_s, raw_transitions(location("raw_transitions"), m));
      drop_schema("raw_transitions");
    }
    const double lib_rate = 3.0 * n / lib_s;
    const double raw_rate = 3.0 * n / raw_s;
    std::printf("lifecycle: %d cases x (create with 2 lines + note + update), one transaction per command, best of %d\n",
                n, rounds);
    std::printf("  librma %8.0f commands/s, raw libpq %8.0f/s, ratio %.2f (goal >= 0.7)\n", lib_rate, raw_rate,
                lib_rate / raw_rate);
    std::printf("  disk: %.0f bytes per case (tables, indexes, TOAST, beyond the empty schema)\n", case_bytes);
    const double t_lib = kTransitionsPerCase * m / t_lib_s;
    const double t_raw = kTransitionsPerCase * m / t_raw_s;
    std::printf("transitions: %d cases x %d transitions (guards + effects), one transaction each, best of %d\n", m,
                kTransitionsPerCase, rounds);
    std::printf("  librma %8.0f transitions/s, raw libpq %8.0f/s, ratio %.2f\n", t_lib, t_raw, t_lib / t_raw);

    double rates[3] = {0, 0, 0};
    const int counts[3] = {1, 4, 8};
    std::printf("engines: the lifecycle on %d cases per process, all on one schema\n", per_engine);
    for (int k = 0; k < 3; ++k) {
      const std::string name = "engines" + std::to_string(counts[k]);
      rates[k] = engines_rate(location(name), counts[k], per_engine);
      drop_schema(name);
      std::printf("  %d engine%s: %8.0f commands/s\n", counts[k], counts[k] == 1 ? " " : "s", rates[k]);
    }

    const std::vector<double> delays = follow_delays(location("follow"), samples);
    drop_schema("follow");
    const double p50 = percentile(delays, 0.50);
    const double p99 = percentile(delays, 0.99);
    std::printf("follow: commit on one engine to visible on another (%d samples): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                samples, p50, p99, delays.empty() ? 0.0 : delays.back());
    std::int64_t migrated_rows = 0;
    const int migrate_cases = quick ? 2000 : 20000;
    const double migrate_rate_per_s = migrate_rate(migrate_cases, migrated_rows);
    std::printf("migrate: the lifecycle of %d cases from an SQLite file (%lld rows): %.0f rows/s, copied and verified\n",
                migrate_cases, static_cast<long long>(migrated_rows), migrate_rate_per_s);

    std::printf("{\"pg_commands_per_s\": %.0f, \"pg_raw_libpq_per_s\": %.0f, \"pg_ratio_vs_raw_libpq\": %.3f, "
                "\"pg_transitions_per_s\": %.0f, \"pg_transitions_ratio_vs_raw_libpq\": %.3f, "
                "\"pg_commands_per_s_1_engine\": %.0f, \"pg_commands_per_s_4_engines\": %.0f, "
                "\"pg_commands_per_s_8_engines\": %.0f, \"pg_scaling_8_vs_1\": %.3f, "
                "\"pg_follow_delay_ms\": %.3f, \"pg_follow_delay_p50_ms\": %.3f, \"pg_bytes_per_case\": %.0f, "
                "\"migrate_rows_per_s\": %.0f}\n",
                lib_rate, raw_rate, lib_rate / raw_rate, t_lib, t_lib / t_raw, rates[0], rates[1], rates[2],
                rates[2] / rates[0], p99, p50, case_bytes, migrate_rate_per_s);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "postgres: %s\n", e.what());
    return 1;
  }
}
