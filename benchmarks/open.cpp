// benchmarks/open — what a fresh process pays to open librma on a large database: a PHP request,
// a cron script, a server's first call.
//
// Builds (once, then reuses from the cache folder) databases of 100,000 and 1,000,000 cases
// (tests/fixtures/large_database.hpp: two lines each, one sold unit per case line, so 1,000,000
// sold units in the large one, a fifth of the cases cancelled and the rest with open SLA clocks).
// Then measures, each in a fresh process (this executable run again), the median of five (three
// with --quick):
//   open_ms        open + the first case.get
//   open_rss_mb    the process's peak resident memory after that
//   query_ms       the first grid page in a fresh process: status filter, sort by creation,
//                  limit 50, with its total
//   warranty_first_check_ms  the first warranty check of a serial in a fresh process
// for the default index mode (lazy). For `eager` (a long-lived server: the whole unit registry
// and every SLA clock loaded at open, as every engine did before lazy opening), one process per
// run measures the open and then the first page and the first check it serves (median of three,
// one run with --quick, since an eager open costs seconds at these sizes). The baseline is
// the same open + get with raw SQLite (sqlite3_open and one row by primary key). bytes_per_case
// is the file's bytes in case tables, lines, events and their indexes per case;
// growth_100k_to_1m is the largest ratio of a cold figure at 1,000,000 to the same at 100,000
// (1.0 is flat, 10 is linear).
//
// Usage: open [--quick] [--data DIR]   (--quick: 10,000 and 100,000 cases; the figure names stay)
//        The cache folder defaults to RMA_BENCH_DATA or <build>/benchmarks/data.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "large_database.hpp"
#include "rma/rma.hpp"

namespace {

using bench::Clock;
using bench::seconds_since;
using rma::fixtures::serial_of;

// Bytes of every table and index that holds cases and their history, per case.
double bytes_per_case(const std::string& path, long cases) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  // Everything but the ERP's parties, catalogue and documents and the configuration.
  const char* sql =
      "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name NOT IN (SELECT name FROM sqlite_schema WHERE"
      " tbl_name IN ('customers', 'suppliers', 'operators', 'products', 'sales_documents', 'sales_lines',"
      " 'sold_serials', 'purchase_documents', 'purchase_lines', 'extended_warranties', 'unit_replacements',"
      " 'unit_registrations', 'settings', 'workflows', 'number_sequences', 'security_log'))";
  double bytes = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    bytes = static_cast<double>(sqlite3_column_int64(s, 0));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return bytes / static_cast<double>(cases);
}

// ---- the measurements, each in a fresh process ----------------------------------------------

double peak_rss_mb() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  double kb = -1;
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "VmHWM: %lf kB", &kb) == 1) break;
  }
  std::fclose(f);
  return kb / 1024.0;
}

rma::Options options_for(const std::string& mode) {
  rma::Options options;
  options.index_mode = mode == "eager" ? rma::IndexMode::eager : rma::IndexMode::lazy;
  return options;
}

// A list screen's first page: one status, newest first, 50 rows, with the total.
rma::CaseQuery grid_page() {
  rma::CaseQuery q;
  q.status = "requested";
  q.sort = rma::CaseSort::created_at;
  q.descending = true;
  q.limit = 50;
  return q;
}

// Runs one measurement and prints "ms rss_mb" (eager: more, below).
int child(const std::string& what, const std::string& mode, const std::string& path, long cases) {
  const rma::Actor op{rma::Role::operator_, "bench"};
  const long probe = cases / 2 + 1;
  double ms = 0;
  if (what == "raw") {
    const auto start = Clock::now();
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT * FROM cases WHERE id = ?", -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, probe);
    if (sqlite3_step(s) != SQLITE_ROW) return 2;
    ms = seconds_since(start) * 1000;
    sqlite3_finalize(s);
    sqlite3_close(db);
  } else if (what == "open") {
    const auto start = Clock::now();
    rma::Engine e = rma::Engine::open(path, options_for(mode));
    e.get_case(op, probe);
    ms = seconds_since(start) * 1000;
  } else if (what == "query") {
    rma::Engine e = rma::Engine::open(path, options_for(mode));
    const auto start = Clock::now();
    const rma::CasePage page = e.query_cases(op, grid_page());
    ms = seconds_since(start) * 1000;
    if (page.items.size() != 50) return 2;
  } else if (what == "warranty") {
    rma::Engine e = rma::Engine::open(path, options_for(mode));
    const auto start = Clock::now();
    e.check_warranty(op, serial_of(probe - 1));
    ms = seconds_since(start) * 1000;
  } else if (what == "eager") {
    // A long-lived server: it opens once, warming everything, and then serves. Opening costs
    // seconds at these sizes, so one process measures the open and then the first query and the
    // first warranty check it serves: "ms rss_mb query_ms warranty_ms".
    auto start = Clock::now();
    rma::Engine e = rma::Engine::open(path, options_for("eager"));
    e.get_case(op, probe);
    ms = seconds_since(start) * 1000;
    const double rss = peak_rss_mb();
    start = Clock::now();
    if (e.query_cases(op, grid_page()).items.size() != 50) return 2;
    const double query_ms = seconds_since(start) * 1000;
    start = Clock::now();
    e.check_warranty(op, serial_of(probe - 1));
    const double warranty_ms = seconds_since(start) * 1000;
    std::printf("%.4f %.2f %.4f %.4f\n", ms, rss, query_ms, warranty_ms);
    return 0;
  } else {
    return 2;
  }
  std::printf("%.4f %.2f\n", ms, peak_rss_mb());
  return 0;
}

struct Figure {
  double ms = -1;
  double rss_mb = -1;
};

// The median of each number the child prints, over `runs` fresh processes.
std::vector<double> measure_columns(const std::string& self, const std::string& what, const std::string& mode,
                                    const std::string& path, long cases, int runs) {
  std::vector<std::vector<double>> columns;
  for (int i = 0; i < runs; ++i) {
    const std::string cmd = self + " --child " + what + " " + mode + " " + path + " " + std::to_string(cases);
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run " + cmd);
    std::vector<double> row;
    double value = 0;
    while (std::fscanf(p, "%lf", &value) == 1) row.push_back(value);
    if (::pclose(p) != 0 || row.size() < 2) throw std::runtime_error("failed: " + cmd);
    columns.resize(row.size());
    for (std::size_t c = 0; c < row.size(); ++c) columns[c].push_back(row[c]);
  }
  std::vector<double> medians;
  for (std::vector<double>& column : columns) {
    std::sort(column.begin(), column.end());
    medians.push_back(column[column.size() / 2]);
  }
  return medians;
}

Figure measure(const std::string& self, const std::string& what, const std::string& mode, const std::string& path,
               long cases, int runs) {
  const std::vector<double> m = measure_columns(self, what, mode, path, cases, runs);
  return Figure{m[0], m[1]};
}

struct SizeFigures {
  Figure raw, open, query, warranty;
  Figure eager_open, eager_query, eager_warranty;
  double bytes = 0;
};

SizeFigures measure_size(const std::string& self, const std::string& path, long cases, int runs, int eager_runs) {
  SizeFigures f;
  f.raw = measure(self, "raw", "lazy", path, cases, runs);
  f.open = measure(self, "open", "lazy", path, cases, runs);
  f.query = measure(self, "query", "lazy", path, cases, runs);
  f.warranty = measure(self, "warranty", "lazy", path, cases, runs);
  const std::vector<double> eager = measure_columns(self, "eager", "eager", path, cases, eager_runs);
  f.eager_open = Figure{eager.at(0), eager.at(1)};
  f.eager_query = Figure{eager.at(2), -1};
  f.eager_warranty = Figure{eager.at(3), -1};
  f.bytes = bytes_per_case(path, cases);
  std::printf(
      "%8ld cases: open+get %.2f ms (eager %.2f, raw SQLite %.3f), peak RSS %.1f MB (eager %.1f), query %.2f ms"
      " (eager %.2f), first warranty check %.2f ms (eager %.2f), %.0f bytes/case\n",
      cases, f.open.ms, f.eager_open.ms, f.raw.ms, f.open.rss_mb, f.eager_open.rss_mb, f.query.ms, f.eager_query.ms,
      f.warranty.ms, f.eager_warranty.ms, f.bytes);
  std::fflush(stdout);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 6 && std::strcmp(argv[1], "--child") == 0) return child(argv[2], argv[3], argv[4], std::atol(argv[5]));
    bool quick = false;
    std::string folder = std::getenv("RMA_BENCH_DATA") ? std::getenv("RMA_BENCH_DATA") : RMA_BENCH_DATA_DIR;
    for (int i = 1; i < argc; ++i) {
      if (std::strcmp(argv[i], "--quick") == 0) quick = true;
      if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc) folder = argv[++i];
    }
    const long small = quick ? 10000 : 100000;
    const long large = quick ? 100000 : 1000000;
    const int runs = quick ? 3 : 5;
    const int eager_runs = quick ? 1 : 3;  // an eager open costs seconds: --quick stays within 30 s
    const std::string self = "/proc/" + std::to_string(::getpid()) + "/exe";
    std::printf("open: fresh processes on cached databases in %s (%s)\n", folder.c_str(), quick ? "quick" : "full");
    auto progress = [](const std::string& line) {
      std::printf("  %s\n", line.c_str());
      std::fflush(stdout);
    };
    const SizeFigures s = measure_size(self, rma::fixtures::cached_large_database(folder, small, progress), small, runs, eager_runs);
    const SizeFigures l = measure_size(self, rma::fixtures::cached_large_database(folder, large, progress), large, runs, eager_runs);
    const double growth = std::max({l.open.ms / s.open.ms, l.open.rss_mb / s.open.rss_mb, l.query.ms / s.query.ms,
                                    l.warranty.ms / s.warranty.ms});
    std::printf(
        "{\"open_ms_1m\": %.2f, \"open_rss_mb_1m\": %.1f, \"query_ms_1m\": %.2f, \"warranty_first_check_ms_1m\": %.2f,"
        " \"bytes_per_case\": %.0f, \"growth_100k_to_1m\": %.2f, \"open_ratio_vs_raw_sqlite\": %.1f,"
        " \"eager_open_ms_1m\": %.2f, \"eager_open_rss_mb_1m\": %.1f, \"eager_query_ms_1m\": %.2f,"
        " \"eager_warranty_first_check_ms_1m\": %.2f, \"raw_sqlite_open_ms_1m\": %.3f, \"cases_large\": %ld,"
        " \"quick\": %s}\n",
        l.open.ms, l.open.rss_mb, l.query.ms, l.warranty.ms, l.bytes, growth, l.open.ms / l.raw.ms, l.eager_open.ms,
        l.eager_open.rss_mb, l.eager_query.ms, l.eager_warranty.ms, l.raw.ms, large, quick ? "true" : "false");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "open: %s\n", e.what());
    return 1;
  }
}
