// benchmarks/case_lifecycle — the case foundation's write path against raw SQLite.
//
// Workload: N cases, each created with two lines, then one note and one field update: 3N
// commands, one transaction each (WAL, synchronous=NORMAL). The baseline writes the same rows
// (case, lines, note, version bump, one audit event per command, the two stored SLA due times of
// a new case) into the same schema with prepared statements through the SQLite C API, in the
// form librma stores them: times as integer microseconds, event payloads as the very bytes
// librma wrote for the same commands (zstd frames from the codec's threshold up). Until schema 12
// the baseline wrote the payloads as plain JSON text (about 1 KB for case.created where librma
// writes a 120-byte frame) and no due times, so ratios measured before then are not comparable.
// Then the same work in one transaction each way (librma's batch API). Also: index memory per
// case and the time to reopen the database.
//
// Where librma's time goes in the one-transaction half (perf, cpu-clock with DWARF call graphs,
// quick run), issue 24:
//   before  the commit's SLA due times 34%: for each of the batch's cases they scanned every
//           event of the transaction to find the case's own (quadratic in the batch) and read
//           each new case's history back; creating cases 40% (insert 19%, the case.created
//           document 6.5%); updates 14%; notes 7%.
//   after   the SLA due times 12% (each case's events looked up by case, no history read for a
//           case the transaction created); creating cases 50% (insert 24%, case.created
//           document 10%, RMA number sequence 7%); updates 21%; notes 11%. What is left is the
//           statements the raw side runs too, plus building each event's JSON, which it does
//           not (it writes librma's bytes captured beforehand). batch_ratio_vs_raw_sqlite 0.28
//           to 0.52 -> 0.46 to 0.51 on the loaded machine.
//   then    (callgrind, 1,000 cases in one batch: 1.28 million instructions a case) the commit
//           parsed every note and patch event again to learn whether it moved its case's
//           clocks: now the facts taken when each event was written say so (SlaEventFacts).
//           Where the rest goes: creating the case 54%, of which the case.created event's JSON
//           document 20% (the whole case with its lines: the audit trail's first entry) and the
//           INSERTs 19%; the UPDATEs of the case row by the note and the patch 27%, as on the raw
//           side; appending events 6.6%; the due times 6.5% (computed from the policies, the
//           stored rows read back and written). Beyond the statements both sides run, librma
//           builds every event's JSON and computes the due times: work the raw side does not do.
//
// Usage: case_lifecycle [--quick]   (--quick: 10,000 cases instead of 100,000)
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "bench_util.hpp"
#include "raw_sqlite.hpp"
#include "workloads.hpp"
#include "rma/rma.hpp"

namespace {

using bench::Clock;
using bench::remove_db;
using bench::seconds_since;
using bench::temp_path;
const auto draft = bench::lifecycle_draft;

const auto open_engine = bench::open_lifecycle_engine;

// --- librma ------------------------------------------------------------------------------------

double librma_commands(const std::string& path, int n, rma::EngineStats& stats) {
  rma::Engine e = open_engine(path);
  rma::Actor op{rma::Role::operator_, "bench"};
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(n));
  auto start = Clock::now();
  for (int i = 0; i < n; ++i) ids.push_back(e.create_case(op, draft(i)).id);
  for (int i = 0; i < n; ++i) {
    e.add_note(op, ids[static_cast<std::size_t>(i)], rma::NoteDraft{rma::Visibility::internal, "unit inspected"});
    rma::CasePatch p;
    p.priority = rma::Priority::high;
    p.assignee = "marco";
    e.update_case(op, ids[static_cast<std::size_t>(i)], p);
  }
  double s = seconds_since(start);
  stats = e.stats();
  return s;
}

double librma_batch(const std::string& path, int n) {
  rma::Engine e = open_engine(path);
  rma::Actor op{rma::Role::operator_, "bench"};
  auto start = Clock::now();
  e.batch(op, [&](rma::Batch& b) {
    for (int i = 0; i < n; ++i) {
      rma::Case c = b.create_case(draft(i));
      b.add_note(c.id, rma::NoteDraft{rma::Visibility::internal, "unit inspected"});
      rma::CasePatch p;
      p.priority = rma::Priority::high;
      p.assignee = "marco";
      b.update_case(c.id, p);
    }
  });
  return seconds_since(start);
}

// --- raw SQLite ----------------------------------------------------------------------------------

// The audit payloads librma writes for the three commands as it stores them (a zstd frame from
// the codec's threshold up, plain text below), taken from a real run, so the baseline writes as
// many event bytes as librma does.
struct StoredPayload {
  std::string bytes;
  bool blob = false;
};
struct EventPayloads {
  StoredPayload created, noted, updated;
};

EventPayloads sample_payloads() {
  const std::string path = temp_path("lifecycle_sample");
  std::int64_t id = 0;
  {
    rma::Engine e = open_engine(path);
    rma::Actor op{rma::Role::operator_, "bench"};
    rma::Case c = e.create_case(op, draft(0));
    id = c.id;
    e.add_note(op, c.id, rma::NoteDraft{rma::Visibility::internal, "unit inspected"});
    rma::CasePatch p;
    p.priority = rma::Priority::high;
    p.assignee = "marco";
    e.update_case(op, c.id, p);
  }
  std::vector<StoredPayload> stored;
  {
    bench::RawDb db(path);
    sqlite3_stmt* s = db.prepare("SELECT data, typeof(data) = 'blob' FROM events WHERE case_id = ? ORDER BY seq");
    sqlite3_bind_int64(s, 1, id);
    while (sqlite3_step(s) == SQLITE_ROW) {
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(s, 0));
      stored.push_back(StoredPayload{std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(s, 0))),
                                     sqlite3_column_int(s, 1) != 0});
    }
  }
  remove_db(path);
  if (stored.size() != 3) throw std::runtime_error("the sample run wrote an unexpected number of events");
  return EventPayloads{stored[0], stored[1], stored[2]};
}

struct Raw {
  static constexpr const char* kNow = "2026-03-10T09:00:00.000000Z";
  // The same instant as librma stores the case's and the events' times (schema 12).
  static constexpr std::int64_t kNowMicros = 1773133200000000;
  bench::RawDb db;
  sqlite3_stmt* seq = nullptr;
  sqlite3_stmt* insert_case = nullptr;
  sqlite3_stmt* insert_line = nullptr;
  sqlite3_stmt* insert_note = nullptr;
  sqlite3_stmt* bump = nullptr;
  sqlite3_stmt* update = nullptr;
  sqlite3_stmt* event = nullptr;
  sqlite3_stmt* due = nullptr;

  EventPayloads payloads = sample_payloads();

  // The schema comes from librma itself, so both sides write the same tables and indexes.
  static const std::string& with_schema(const std::string& path) {
    rma::Engine schema = open_engine(path);
    return path;
  }

  explicit Raw(const std::string& path) : db(with_schema(path)) {
    seq = db.prepare("INSERT INTO number_sequences (year, last) VALUES (2026, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last");
    // Every value is bound, as an application writing real data would.
    insert_case = db.prepare(
        "INSERT INTO cases (number, kind, category, channel, customer_id, supplier_id, purchased_elsewhere, priority,"
        " assignee, team, status, expected_completion, resolution, root_cause, custom_fields, split_from,"
        " idempotency_key, request_fingerprint, created_at, updated_at, version, sla_due)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    // The due times of the default SLA policy's two clocks, as librma stores them (schema 12).
    due = db.prepare("INSERT INTO sla_due (due_at, case_id, clock) VALUES (?,?,?)");
    insert_line = db.prepare(
        "INSERT INTO case_lines (case_id, line_no, sku, serial, lot, sales_document, sales_document_line, reason_code,"
        " defect_description, condition, qty_requested, qty_authorized, qty_received, qty_accepted, replacement_serial)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    insert_note = db.prepare("INSERT INTO notes (case_id, channel, author, body, created_at) VALUES (?,?,?,?,?)");
    bump = db.prepare("UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?");
    update = db.prepare("UPDATE cases SET priority = ?, assignee = ?, version = version + 1, updated_at = ? WHERE id = ?");
    event = db.prepare("INSERT INTO events (case_id, case_number, at, actor, type, data) VALUES (?,?,?,?,?,?)");
  }
  // An event of a case leaves the case number to the case row, as librma's do.
  void add_event(std::int64_t case_id, const char* type, const StoredPayload& data) {
    sqlite3_bind_int64(event, 1, case_id);
    bench::RawDb::text(event, 2, "");
    sqlite3_bind_int64(event, 3, kNowMicros);
    bench::RawDb::text(event, 4, "operator:bench");
    bench::RawDb::text(event, 5, type);
    if (data.blob) {
      sqlite3_bind_blob(event, 6, data.bytes.data(), static_cast<int>(data.bytes.size()), SQLITE_TRANSIENT);
    } else {
      bench::RawDb::text(event, 6, data.bytes);
    }
    db.step(event);
  }

  std::int64_t create(int i) {
    sqlite3_step(seq);
    std::int64_t n = sqlite3_column_int64(seq, 0);
    sqlite3_reset(seq);
    std::string number = "RMA-2026-" + std::to_string(n);
    const char* values[] = {"return", "none", "b2c", "C1", ""};
    bench::RawDb::text(insert_case, 1, number);
    for (int k = 0; k < 5; ++k) bench::RawDb::text(insert_case, 2 + k, values[k]);
    sqlite3_bind_int(insert_case, 7, 0);
    bench::RawDb::text(insert_case, 8, "normal");
    bench::RawDb::text(insert_case, 9, "");
    bench::RawDb::text(insert_case, 10, "");
    bench::RawDb::text(insert_case, 11, "new");
    sqlite3_bind_null(insert_case, 12);
    bench::RawDb::text(insert_case, 13, "none");
    bench::RawDb::text(insert_case, 14, "");
    bench::RawDb::text(insert_case, 15, "{}");
    sqlite3_bind_null(insert_case, 16);
    sqlite3_bind_null(insert_case, 17);
    sqlite3_bind_null(insert_case, 18);
    sqlite3_bind_int64(insert_case, 19, kNowMicros);
    sqlite3_bind_int64(insert_case, 20, kNowMicros);
    sqlite3_bind_int(insert_case, 21, 1);
    const std::int64_t first_response = kNowMicros + 8 * 3600 * 1000000LL;
    const std::int64_t resolution = kNowMicros + 5 * 86400 * 1000000LL;
    bench::RawDb::text(insert_case, 22, std::to_string(first_response) + " " + std::to_string(resolution));
    db.step(insert_case);
    std::int64_t id = sqlite3_last_insert_rowid(db.db());
    for (const auto& [at, clock] : {std::pair<std::int64_t, const char*>{first_response, "first_response"},
                                    std::pair<std::int64_t, const char*>{resolution, "resolution"}}) {
      sqlite3_bind_int64(due, 1, at);
      sqlite3_bind_int64(due, 2, id);
      bench::RawDb::text(due, 3, clock);
      db.step(due);
    }
    for (int line = 1; line <= 2; ++line) {
      sqlite3_bind_int64(insert_line, 1, id);
      sqlite3_bind_int(insert_line, 2, line);
      bench::RawDb::text(insert_line, 3, line == 1 ? "PHONE-1" : "CABLE-2");
      bench::RawDb::text(insert_line, 4, line == 1 ? "SN-" + std::to_string(i) : "");
      bench::RawDb::text(insert_line, 5, "");
      bench::RawDb::text(insert_line, 6, line == 1 ? "INV-" + std::to_string(i) : "");
      sqlite3_bind_int(insert_line, 7, line == 1 ? 1 : 0);
      bench::RawDb::text(insert_line, 8, line == 1 ? "defective" : "wrong_order");
      for (int k = 9; k <= 10; ++k) bench::RawDb::text(insert_line, k, "");
      sqlite3_bind_int(insert_line, 11, line);
      for (int k = 12; k <= 14; ++k) sqlite3_bind_int(insert_line, k, 0);
      bench::RawDb::text(insert_line, 15, "");
      db.step(insert_line);
    }
    add_event(id, "case.created", payloads.created);
    return id;
  }
  void note(std::int64_t id) {
    sqlite3_bind_int64(insert_note, 1, id);
    bench::RawDb::text(insert_note, 2, "internal");
    bench::RawDb::text(insert_note, 3, "operator:bench");
    bench::RawDb::text(insert_note, 4, "unit inspected");
    bench::RawDb::text(insert_note, 5, kNow);
    db.step(insert_note);
    sqlite3_bind_int64(bump, 1, kNowMicros);
    sqlite3_bind_int64(bump, 2, id);
    db.step(bump);
    add_event(id, "note.added", payloads.noted);
  }
  void change(std::int64_t id) {
    bench::RawDb::text(update, 1, "high");
    bench::RawDb::text(update, 2, "marco");
    sqlite3_bind_int64(update, 3, kNowMicros);
    sqlite3_bind_int64(update, 4, id);
    db.step(update);
    add_event(id, "case.updated", payloads.updated);
  }
  void begin_tx() { db.begin(); }
  void commit_tx() { db.commit(); }
};

double raw_commands(const std::string& path, int n) {
  Raw raw(path);
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(n));
  auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    raw.begin_tx();
    ids.push_back(raw.create(i));
    raw.commit_tx();
  }
  for (int i = 0; i < n; ++i) {
    raw.begin_tx();
    raw.note(ids[static_cast<std::size_t>(i)]);
    raw.commit_tx();
    raw.begin_tx();
    raw.change(ids[static_cast<std::size_t>(i)]);
    raw.commit_tx();
  }
  return seconds_since(start);
}

double raw_batch(const std::string& path, int n) {
  Raw raw(path);
  auto start = Clock::now();
  raw.begin_tx();
  for (int i = 0; i < n; ++i) {
    std::int64_t id = raw.create(i);
    raw.note(id);
    raw.change(id);
  }
  raw.commit_tx();
  return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int n = quick ? 10000 : 100000;
  const double commands = 3.0 * n;
  std::printf("case_lifecycle: %d cases x (create with 2 lines + note + update), WAL, synchronous=NORMAL\n", n);

  const std::string raw_path = temp_path("raw");
  const double raw_s = raw_commands(raw_path, n);
  remove_db(raw_path);
  const std::string lib_path = temp_path("librma");
  rma::EngineStats stats;
  const double lib_s = librma_commands(lib_path, n, stats);

  auto start = Clock::now();
  {
    rma::Engine reopened = rma::Engine::open(lib_path);
    if (reopened.stats().cases != n) throw std::runtime_error("reopen lost cases");
  }
  const double reopen_s = seconds_since(start);
  remove_db(lib_path);

  const std::string raw_batch_path = temp_path("raw-batch");
  const double raw_batch_s = raw_batch(raw_batch_path, n);
  remove_db(raw_batch_path);
  const std::string lib_batch_path = temp_path("librma-batch");
  const double lib_batch_s = librma_batch(lib_batch_path, n);
  remove_db(lib_batch_path);

  const double lib_rate = commands / lib_s;
  const double raw_rate = commands / raw_s;
  const double lib_batch_rate = commands / lib_batch_s;
  const double raw_batch_rate = commands / raw_batch_s;
  const double bytes_per_case = static_cast<double>(stats.index_bytes) / static_cast<double>(stats.cases);
  std::printf("  one command per transaction: librma %10.0f commands/s, raw SQLite %10.0f/s, ratio %.2f (target >= 0.9)\n",
              lib_rate, raw_rate, lib_rate / raw_rate);
  std::printf("  one batch transaction:       librma %10.0f commands/s, raw SQLite %10.0f/s, ratio %.2f (target >= 0.8)\n",
              lib_batch_rate, raw_batch_rate, lib_batch_rate / raw_batch_rate);
  std::printf("  index memory: %.0f bytes per case; reopen of %d cases: %.3f s\n", bytes_per_case, n, reopen_s);
  std::printf(
      "{\"commands_per_s\": %.0f, \"raw_sqlite_per_s\": %.0f, \"ratio_vs_raw_sqlite\": %.3f, "
      "\"batch_ratio_vs_raw_sqlite\": %.3f, \"index_bytes_per_case\": %.0f, \"reopen_s\": %.3f}\n",
      lib_rate, raw_rate, lib_rate / raw_rate, lib_batch_rate / raw_batch_rate, bytes_per_case, reopen_s);
  return 0;
}
