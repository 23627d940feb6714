// benchmarks/audit — the tamper-evident history (docs/audit.md): what verifying it costs, and what
// chaining costs the commands that write it.
//
// 1. verify_events_per_s: audit.verify over a log of N events (1,000,000; --quick 200,000) with
//    the lifecycle workload's mix — case.created (a two-line case, a compressed frame), note.added
//    and case.updated (plain text), one of each per case — and a signed checkpoint every 1,000.
//    The log is written through the store directly (the events a short engine run wrote, appended
//    again in transactions of 10,000), so building it takes seconds; verification reads it as it
//    reads any log. The baseline in the same run is a raw read of the same rows with SQLite's C
//    API that touches every column and decodes nothing: what the walk costs before any hashing.
// 2. chain_overhead_pct: benchmarks/case_lifecycle's commands (N cases created with two lines, a
//    note and a field update each, one transaction per command; N = 3,000, --quick 1,000) with
//    the chain and without it, alternating three times (twice with --quick) and keeping each
//    side's best run, on a machine shared with other work. "Without" is an internal switch of
//    the store (store/audit_chain.hpp, set_chain_for_benchmarks), not an option a host could set.
//
// Both figures move with whatever else the machine runs: verification is printed per wall-clock
// second (the goal) and per CPU second of every thread, the overhead from CPU time (wall clock
// beside it). The instruction counts, which do not move (callgrind, drivers linked against
// build/src/librma_core.a, December 2026):
//   chaining: the lifecycle's commands 528,200 instructions each without the chain, 532,100 with
//     it (+3,900, +0.75 %); benchmarks/transitions' commands 662,700 and 671,600 (+8,900, +1.35 %,
//     1.75 events a command). What it adds is one BLAKE2b over the event (about 3,200
//     instructions for the 300 to 500 bytes hashed) and storing the 32-byte column; the head is
//     read once, not per transaction (store/sqlite/chain.hpp).
//   verification: 9,500 instructions an event, of which BLAKE2b 2,900 (three 128-byte blocks of
//     the average event, 930 each), zstd 2,300 (6,900 for each case.created frame, a third of
//     the events), SQLite's step and columns 2,500, copying and the verifier's rules the rest. On
//     this 2.1 GHz EPYC that is 1.3 us of CPU an event on one thread (770,000 a second); a walk of
//     20,000 events or more reads on the calling thread and decodes and hashes batches on
//     whichever of two threads is free (engine/verify_pipeline.hpp), which nearly doubles that
//     where a second core is free (idle 2-core machine: 1,210,000 a second over 1,000,000 events,
//     1,030,000 to 1,060,000 with --quick) and gains nothing where none is (two cores shared with
//     other builds, load 4 to 7: 630,000 to 720,000 a second).
//
// Usage: audit [--quick]
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "rma/rma.hpp"
#include "store/audit_chain.hpp"
#include "store/open.hpp"
#include "workloads.hpp"

namespace {

using bench::Clock;
using bench::remove_db;
using bench::seconds_since;
using bench::temp_path;

const rma::Actor kSystem{rma::Role::system, "bench"};
const rma::Actor kOperator{rma::Role::operator_, "bench"};

const auto open_engine = bench::open_lifecycle_engine;

// One case of the lifecycle: created with two lines, a note, a field update.
void lifecycle_case(rma::Engine& e, int i) {
  const std::int64_t id = e.create_case(kOperator, bench::lifecycle_draft(i)).id;
  e.add_note(kOperator, id, rma::NoteDraft{rma::Visibility::internal, "unit inspected"});
  rma::CasePatch p;
  p.priority = rma::Priority::high;
  p.assignee = "marco";
  e.update_case(kOperator, id, p);
}

// This process's CPU time (user and system, every thread): on a machine shared with other work
// it moves far less than the wall clock does.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// --- 1. verification -----------------------------------------------------------------------------

// The events one lifecycle case writes, as the engine wrote them.
std::vector<rma::Event> sample_events() {
  const std::string path = temp_path("audit-sample");
  std::vector<rma::Event> out;
  {
    rma::Engine e = open_engine(path);
    lifecycle_case(e, 0);
    for (const rma::Event& ev : e.history(rma::Actor{rma::Role::system, "bench"}, 1)) out.push_back(ev);
  }
  remove_db(path);
  if (out.size() != 3) throw std::runtime_error("a lifecycle case wrote " + std::to_string(out.size()) + " events");
  return out;
}

// A log of `n` events (the sample, again and again) written through the store.
void build_log(const std::string& path, std::int64_t n) {
  const std::vector<rma::Event> sample = sample_events();
  rma::Options options;
  std::unique_ptr<rma::store::Store> store = rma::store::open(path, options);
  constexpr std::int64_t kPerTransaction = 10000;
  std::int64_t written = 0;
  while (written < n) {
    store->begin();
    for (std::int64_t i = 0; i < kPerTransaction && written < n; ++i, ++written) {
      rma::Event e = sample[static_cast<std::size_t>(written % 3)];
      e.case_id = 1 + written / 3;
      e.at.micros += written * 1000;
      store->append_event(e);
      // A checkpoint every 1,000 events, as Options::audit.checkpoint_every signs them.
      if ((written + 1) % 1000 == 0) store->audit_chain().checkpoint_now(e.at);
    }
    store->commit();
  }
}

// Every row and column read with SQLite's C API, nothing decoded or hashed.
double raw_read(const std::string& path, std::int64_t& rows) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT seq, case_id, at, case_number, actor, type, data, hash FROM events ORDER BY seq", -1,
                     &s, nullptr);
  const auto start = Clock::now();
  std::int64_t bytes = 0;
  rows = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    for (int c = 0; c < 8; ++c) bytes += sqlite3_column_bytes(s, c);
    ++rows;
  }
  const double seconds = seconds_since(start);
  sqlite3_finalize(s);
  sqlite3_close(db);
  if (bytes == 0) throw std::runtime_error("the raw read saw no bytes");
  return seconds;
}

// --- 2. chaining ---------------------------------------------------------------------------------

struct Timing {
  double wall = 0;
  double cpu = 0;
};

Timing lifecycle(bool chained, int n) {
  rma::store::set_chain_for_benchmarks(chained);
  const std::string path = temp_path(chained ? "audit-chained" : "audit-unchained");
  Timing t;
  {
    rma::Engine e = open_engine(path);
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (int i = 0; i < n; ++i) lifecycle_case(e, i);
    t.cpu = cpu_seconds() - cpu_start;
    t.wall = seconds_since(start);
    if (chained != (e.verify_audit(kSystem).broken_links == 0)) throw std::runtime_error("the switch did not hold");
  }
  remove_db(path);
  rma::store::set_chain_for_benchmarks(true);
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const std::int64_t events = quick ? 200000 : 1000000;
  const int cases = quick ? 1000 : 3000;
  const int rounds = quick ? 2 : 3;
  std::printf("audit: verify %lld events; lifecycle of %d cases (3 commands each) with and without the chain\n",
              static_cast<long long>(events), cases);

  const std::string path = temp_path("audit-log");
  auto start = Clock::now();
  build_log(path, events);
  const double build_s = seconds_since(start);
  std::int64_t raw_rows = 0;
  const double raw_s = raw_read(path, raw_rows);
  rma::AuditReport report;
  double verify_s = 0;
  double verify_cpu_s = 0;
  {
    rma::Engine e = rma::Engine::open(path);
    start = Clock::now();
    const double cpu_start = cpu_seconds();
    report = e.verify_audit(kSystem);
    verify_cpu_s = cpu_seconds() - cpu_start;
    verify_s = seconds_since(start);
  }
  remove_db(path);
  if (!report.ok || report.events_checked != events || raw_rows != events) {
    throw std::runtime_error("the log did not verify as written");
  }
  const double verify_rate = static_cast<double>(events) / verify_s;
  const double raw_rate = static_cast<double>(events) / raw_s;

  Timing with_chain{1e300, 1e300};
  Timing without_chain{1e300, 1e300};
  for (int r = 0; r < rounds; ++r) {
    const Timing a = lifecycle(true, cases);
    const Timing b = lifecycle(false, cases);
    with_chain = Timing{std::min(with_chain.wall, a.wall), std::min(with_chain.cpu, a.cpu)};
    without_chain = Timing{std::min(without_chain.wall, b.wall), std::min(without_chain.cpu, b.cpu)};
  }
  // CPU time decides: the wall clock of a command per transaction moves with every other process.
  const double overhead_pct = (with_chain.cpu / without_chain.cpu - 1.0) * 100.0;
  const double wall_overhead_pct = (with_chain.wall / without_chain.wall - 1.0) * 100.0;
  const double commands = 3.0 * cases;

  std::printf("  log of %lld events written through the store in %.2f s (%lld checkpoints)\n",
              static_cast<long long>(events), build_s, static_cast<long long>(report.checkpoints_checked));
  std::printf("  verify: %10.0f events/s (goal >= 1,000,000), %.0f per CPU second (every thread); raw read of the "
              "same rows %10.0f rows/s, ratio %.2f\n",
              verify_rate, static_cast<double>(events) / verify_cpu_s, raw_rate, verify_rate / raw_rate);
  std::printf("  lifecycle: %.1f us CPU a command with the chain, %.1f without: overhead %.1f %% (goal <= 5 %%); "
              "wall clock %.0f and %.0f commands/s (%.1f %%)\n",
              with_chain.cpu / commands * 1e6, without_chain.cpu / commands * 1e6, overhead_pct,
              commands / with_chain.wall, commands / without_chain.wall, wall_overhead_pct);
  std::printf(
      "{\"verify_events_per_s\": %.0f, \"verify_events_per_cpu_s\": %.0f, \"raw_read_rows_per_s\": %.0f, "
      "\"verify_ratio_vs_raw_read\": %.3f, \"chain_overhead_pct\": %.2f, \"chain_overhead_wall_pct\": %.2f, "
      "\"chained_commands_per_s\": %.0f, \"unchained_commands_per_s\": %.0f}\n",
      verify_rate, static_cast<double>(events) / verify_cpu_s, raw_rate, verify_rate / raw_rate, overhead_pct,
      wall_overhead_pct, commands / with_chain.wall, commands / without_chain.wall);
  return 0;
}
