// benchmarks/reports — reports (docs/reports.md) on a database of 1,000,000 cases and 1,000,000
// sold units, against the same report as one plain SQLite GROUP BY on the same file, in the same
// run.
//
// Figures (the JSON line at the end):
//   report_ms_1m            the slowest of five one-dimension reports, warm (median of runs)
//   report_3d_ms_1m         a three-dimension report (product category × status × month), warm
//   report_3d_sku_ms_1m     the same by SKU (some 400,000 groups: building the rows dominates)
//   report_ratio_vs_sqlite  units and cases by SKU: SQLite's GROUP BY time over the report's
//   report_cold_ms_1m       opening the engine and running that report in a fresh process
//   report_money_ms_1m      claimed and refunded values by customer, warm; money_load_ms the
//                           first such report's extra cost (reading every valuation)
//   return_rate_ms_1m       the return rate by SKU and sale month, warm (sold lines loaded)
//   xlsx_rows_per_s         exporting a 100,000-row report (customer × day) as XLSX, the report
//                           included
//   csv_rows_per_s          the same as CSV
//   quality_scan_ms_1m      quality.scan over SKUs, lots and suppliers (December 2025 against the
//                           six months before), warm, as a dry run
//   index_mb                the process's resident memory growth for the columns
//
// The database is written once with SQLite itself into librma's schema (librma's own write path
// would take an hour for a million cases) and kept in the build tree (RMA_BENCH_DATA or --data
// chooses another folder): 10,000 customers, 2,000 products in 7 categories, 5 brands and 20
// suppliers; one sold unit per sales line, four lines per document, dated over 2025; one case a
// sales line, a quarter of them with a second line, created over 2025 and 2026.
//
// Usage: reports [--quick] [--data DIR]   (--quick: 100,000 cases, fewer runs; within 30 s)
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "rma/rma.hpp"

namespace {

using bench::Clock;
using bench::seconds_since;

constexpr int kCustomers = 10000;
constexpr int kProducts = 2000;
constexpr int kSuppliers = 20;
const rma::Actor kOperator{rma::Role::operator_, "bench"};

const char* const kStatuses[] = {"requested", "authorized", "received", "inspected", "refunded",
                                 "exchanged", "rejected",   "closed",   "cancelled"};
const char* const kReasons[] = {"defective", "changed_mind", "wrong_order", "damaged", "not_as_described"};

void check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db));
}

void text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

void run(sqlite3* db, sqlite3_stmt* s) {
  check(db, sqlite3_step(s));
  sqlite3_reset(s);
}

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Parties and catalogue through librma's import, so they are exactly what librma writes.
void import_parties(const std::string& path) {
  rma::Engine e = rma::Engine::open(path);
  const rma::Actor sys{rma::Role::system, "bench"};
  std::string suppliers = "id,name\n";
  for (int s = 0; s < kSuppliers; ++s) suppliers += "S" + std::to_string(s) + ",Supplier " + std::to_string(s) + "\n";
  e.import_run(sys, rma::ImportKind::suppliers, rma::ImportFormat::csv, suppliers);
  std::string customers = "id,name\n";
  for (int c = 0; c < kCustomers; ++c) customers += "C" + std::to_string(c) + ",Customer " + std::to_string(c) + "\n";
  e.import_run(sys, rma::ImportKind::customers, rma::ImportFormat::csv, customers);
  std::string products = "sku,name,brand,category,supplier_id,serialized\n";
  for (int p = 0; p < kProducts; ++p) {
    products += "SKU-" + std::to_string(p) + ",Product " + std::to_string(p) + ",Brand" + std::to_string(p % 5) +
                ",cat" + std::to_string(p % 7) + ",S" + std::to_string(p % kSuppliers) + ",false\n";
  }
  e.import_run(sys, rma::ImportKind::products, rma::ImportFormat::csv, products);
}

std::string two(long v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Sales lines, cases and their lines with SQLite's C API in one transaction.
void write_rows(const std::string& path, long cases) {
  sqlite3* db = nullptr;
  check(db, sqlite3_open(path.c_str(), &db));
  check(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;"
                             " BEGIN", nullptr, nullptr, nullptr));
  auto prepare = [db](const char* sql) {
    sqlite3_stmt* s = nullptr;
    check(db, sqlite3_prepare_v2(db, sql, -1, &s, nullptr));
    return s;
  };
  sqlite3_stmt* doc = prepare(
      "INSERT INTO sales_documents (id, date, customer_id, channel, distance_sale, currency, jurisdiction, updated_at)"
      " VALUES (?, ?, ?, 'b2c', 1, 'EUR', 'IT', '2025-01-01T00:00:00.000000Z')");
  sqlite3_stmt* sold = prepare(
      "INSERT INTO sales_lines (document_id, line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot,"
      " dispatch_document, packers) VALUES (?, ?, ?, 1, 1990, 2200, '', ?, '', '')");
  sqlite3_stmt* kase = prepare(
      "INSERT INTO cases (id, number, kind, category, channel, customer_id, supplier_id, purchased_elsewhere, priority,"
      " assignee, team, status, resolution, root_cause, custom_fields, version, workflow, workflow_version,"
      " decision_locked, valuation, valuation_seq, created_at, updated_at, status_since)"
      " VALUES (?, ?, 'return', 'none', 'b2c', ?, '', 0, 'normal', ?, 'returns', ?, ?, ?, '{}', 1, '', 0, 0, '', ?, ?, ?,"
      " ?)");
  // Each case's valuation is kept once, in the case.valued event that set it (store/valued_event.hpp).
  sqlite3_stmt* valued = prepare(
      "INSERT INTO events (case_id, case_number, at, actor, type, data)"
      " VALUES (?, '', ?, 'system:bench', 'case.valued', ?)");
  sqlite3_stmt* line = prepare(
      "INSERT INTO case_lines (case_id, line_no, sku, serial, lot, sales_document, sales_document_line, reason_code,"
      " defect_description, condition, qty_requested, qty_authorized, qty_received, qty_accepted, replacement_serial)"
      " VALUES (?, ?, ?, '', ?, ?, ?, ?, '', '', ?, ?, ?, ?, '')");
  const std::string valuation =
      "{\"changes\":{\"valuation\":{\"after\":{\"breakdown\":[],\"totals\":[{\"claimed_value\":\"19.90 EUR\",\"currency\":\"EUR\",\"exchange_difference\":"
      "\"0.00 EUR\",\"net_cost\":\"19.90 EUR\",\"recovery_value\":\"0.00 EUR\",\"refund\":\"24.28 EUR\",\"refund_net\":"
      "\"19.90 EUR\",\"repair_cost\":\"0.00 EUR\",\"repair_quote\":\"0.00 EUR\",\"supplier_recovery\":\"0.00 EUR\"}]},\"before\":null}},\"version\":2}";
  const std::int64_t start_2025 = rma::Timestamp::from_iso("2025-01-01T00:00:00Z").micros;
  const std::int64_t two_years = 2LL * 365 * 86400 * 1000000;
  for (long c = 0; c < cases; ++c) {
    // The sale: document c / 4, line c % 4 + 1, dated over 2025.
    const std::string document = "INV-" + std::to_string(c / 4);
    const std::string customer = "C" + std::to_string((c / 4) % kCustomers);
    const long day = (c * 365) / std::max<long>(cases, 1);
    const rma::Date sale_date{2025, static_cast<std::int32_t>(1 + (day * 12) / 365), 1 + static_cast<std::int32_t>(day % 28)};
    if (c % 4 == 0) {
      text(doc, 1, document);
      text(doc, 2, sale_date.to_iso());
      text(doc, 3, customer);
      run(db, doc);
    }
    const long product = (c * 7919) % kProducts;
    const std::string sku = "SKU-" + std::to_string(product);
    const std::string lot = "L" + std::to_string(product) + "-" + two(sale_date.month);
    text(sold, 1, document);
    sqlite3_bind_int(sold, 2, static_cast<int>(c % 4 + 1));
    text(sold, 3, sku);
    text(sold, 4, lot);
    run(db, sold);
    // The case returning it.
    const std::int64_t created = start_2025 + (two_years / std::max<long>(cases, 1)) * c;
    const char* status = kStatuses[(c * 31) % 9];
    sqlite3_bind_int64(kase, 1, c + 1);
    text(kase, 2, "RMA-" + std::to_string(c + 1));
    text(kase, 3, customer);
    text(kase, 4, "op" + std::to_string(c % 25));
    text(kase, 5, status);
    text(kase, 6, std::strcmp(status, "rejected") == 0 ? "reject" : std::strcmp(status, "refunded") == 0 ? "refund" : "none");
    text(kase, 7, c % 3 == 0 ? "supplier_defect" : "");
    sqlite3_bind_int64(valued, 1, c + 1);
    sqlite3_bind_int64(valued, 2, created);
    text(valued, 3, valuation);
    run(db, valued);
    sqlite3_bind_int64(kase, 8, sqlite3_last_insert_rowid(db));
    sqlite3_bind_int64(kase, 9, created);
    sqlite3_bind_int64(kase, 10, created + 3600LL * 1000000);
    sqlite3_bind_int64(kase, 11, created + ((c % 240) + 1) * 3600LL * 1000000);
    run(db, kase);
    const int lines = c % 4 == 3 ? 2 : 1;
    for (int l = 1; l <= lines; ++l) {
      sqlite3_bind_int64(line, 1, c + 1);
      sqlite3_bind_int(line, 2, l);
      text(line, 3, l == 1 ? sku : "SKU-" + std::to_string((product + 1) % kProducts));
      text(line, 4, l == 1 ? lot : "");
      text(line, 5, l == 1 ? document : "");
      sqlite3_bind_int(line, 6, l == 1 ? static_cast<int>(c % 4 + 1) : 0);
      // The reason is drawn from a hash of the line, not from c: c of one SKU are kProducts
      // apart, a multiple of 5, so (c + l) % 5 gave every SKU a single reason and every SKU and
      // lot a share of 100 % against its category's 20 %: an alert each. A cycle by case number
      // would make each window's reasons differ from its history's instead.
      const std::uint64_t mixed = (static_cast<std::uint64_t>(c) * 2 + static_cast<std::uint64_t>(l)) * 0x9E3779B97F4A7C15ULL;
      text(line, 7, kReasons[(mixed >> 32) % 5]);
      for (int q = 8; q <= 11; ++q) sqlite3_bind_int(line, q, l);
      run(db, line);
    }
  }
  for (sqlite3_stmt* s : {doc, sold, kase, valued, line}) sqlite3_finalize(s);
  check(db, sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE", nullptr, nullptr, nullptr));
  sqlite3_close(db);
}

std::string cached_database(const std::string& folder, long cases) {
  // v2: reasons no longer follow the SKU (write_rows); a database of the first generator is not reused.
  const std::string path = folder + "/reports-v2-" + std::to_string(cases) + ".db";
  if (file_exists(path)) return path;
  ::mkdir(folder.c_str(), 0755);
  const std::string building = path + ".building";
  bench::remove_db(building);
  std::printf("  building %s (%ld cases; once, then cached)\n", path.c_str(), cases);
  std::fflush(stdout);
  const auto start = Clock::now();
  import_parties(building);
  write_rows(building, cases);
  if (std::rename(building.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename " + building);
  bench::remove_db(building);
  std::printf("  built in %.1f s\n", seconds_since(start));
  return path;
}

rma::Options options() {
  rma::Options o;
  o.time_zone = "Europe/Rome";
  return o;
}

rma::ReportRequest report(std::vector<rma::ReportDimension> dims, std::vector<const char*> measures) {
  rma::ReportRequest r;
  r.dimensions = std::move(dims);
  for (const char* m : measures) r.measures.push_back(rma::ReportMeasure::parse(m, "measures"));
  return r;
}

// The report the ratio and the cold figure are about: cases and units by SKU.
rma::ReportRequest by_sku() {
  return report({rma::ReportDimension::sku}, {"cases", "units_requested"});
}

double median_ms(int runs, const std::function<void()>& body) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    body();
    ms.push_back(seconds_since(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

double rss_mb() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "VmRSS: %lf kB", &kb) == 1) break;
  }
  std::fclose(f);
  return kb / 1024;
}

// The same report as by_sku() through SQLite alone: one GROUP BY over the lines of live cases.
double sqlite_ms(const std::string& path, int runs, std::int64_t& groups) {
  sqlite3* db = nullptr;
  check(db, sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr));
  sqlite3_exec(db, "PRAGMA cache_size = -262144", nullptr, nullptr, nullptr);
  sqlite3_stmt* s = nullptr;
  check(db, sqlite3_prepare_v2(db,
                               "SELECT l.sku, COUNT(DISTINCT l.case_id), SUM(l.qty_requested) FROM case_lines l"
                               " JOIN cases c ON c.id = l.case_id WHERE c.deleted_at IS NULL GROUP BY l.sku",
                               -1, &s, nullptr));
  const double ms = median_ms(runs, [&] {
    groups = 0;
    while (sqlite3_step(s) == SQLITE_ROW) ++groups;
    sqlite3_reset(s);
  });
  sqlite3_finalize(s);
  sqlite3_close(db);
  return ms;
}

// A fresh process: opening the engine and the first report, in ms.
int child_cold(const std::string& path) {
  const auto start = Clock::now();
  rma::Engine e = rma::Engine::open(path, options());
  const rma::Report r = e.run_report(kOperator, by_sku());
  std::printf("%.3f %zu\n", seconds_since(start) * 1000, r.rows.size());
  return 0;
}

// The median over `runs` fresh processes; without the columns a former process kept beside the
// database (`fresh_build`: the first report of all reads every case from SQLite) or with them.
double cold_ms(const std::string& path, int runs, bool fresh_build) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    if (fresh_build) std::remove((path + "-reports").c_str());
    const std::string cmd = "/proc/" + std::to_string(::getpid()) + "/exe --cold " + path;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run " + cmd);
    double value = -1;
    long rows = 0;
    const int read = std::fscanf(p, "%lf %ld", &value, &rows);
    if (::pclose(p) != 0 || read != 2 || rows == 0) throw std::runtime_error("failed: " + cmd);
    ms.push_back(value);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

const char* verdict(bool met) { return met ? "met" : "NOT met"; }

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::strcmp(argv[1], "--cold") == 0) return child_cold(argv[2]);
    bool quick = false;
    std::string folder = std::getenv("RMA_BENCH_DATA") ? std::getenv("RMA_BENCH_DATA") : RMA_BENCH_DATA_DIR;
    for (int i = 1; i < argc; ++i) {
      if (std::strcmp(argv[i], "--quick") == 0) quick = true;
      if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc) folder = argv[++i];
    }
    const long cases = quick ? 100000 : 1000000;
    const int runs = quick ? 3 : 7;
    const long export_rows = quick ? 20000 : 100000;
    std::printf("reports: %ld cases, %ld sold units (%s)\n", cases, cases, quick ? "quick" : "full");
    const std::string path = cached_database(folder, cases);

    const double cold_build = cold_ms(path, quick ? 1 : 3, true);
    const double cold = cold_ms(path, quick ? 1 : 3, false);
    std::remove((path + "-reports").c_str());  // this process builds its own, below
    const double rss_before = rss_mb();
    rma::Engine e = rma::Engine::open(path, options());
    auto start = Clock::now();
    e.run_report(kOperator, by_sku());
    const double first_ms = seconds_since(start) * 1000;
    const double index_mb = rss_mb() - rss_before;

    using D = rma::ReportDimension;
    struct Named {
      const char* name;
      rma::ReportRequest request;
    };
    rma::ReportRequest by_month = report({D::period}, {"cases", "handling_time.closing.median"});
    const std::vector<Named> one_dimension = {
        {"cases, units by SKU", by_sku()},
        {"cases by status", report({D::status}, {"cases"})},
        {"cases by customer", report({D::customer}, {"cases", "units_received"})},
        {"cases, median time to closing by month", by_month},
        {"units by reason", report({D::reason_code}, {"units_requested", "lines"})},
    };
    double one_dim_ms = 0;
    double sku_ms = 0;
    for (const Named& n : one_dimension) {
      const double ms = median_ms(runs, [&] { e.run_report(kOperator, n.request); });
      if (&n == &one_dimension.front()) sku_ms = ms;
      std::printf("  %-42s %8.2f ms\n", n.name, ms);
      one_dim_ms = std::max(one_dim_ms, ms);
    }
    const rma::ReportRequest three =
        report({D::product_category, D::status, D::period}, {"cases", "units_requested"});
    std::size_t three_groups = 0;
    const double three_ms = median_ms(runs, [&] { three_groups = e.run_report(kOperator, three).rows.size(); });
    std::printf("  %-42s %8.2f ms (%zu groups)\n", "cases, units by category × status × month", three_ms,
                three_groups);
    const rma::ReportRequest three_sku = report({D::sku, D::status, D::period}, {"cases", "units_requested"});
    std::size_t sku_groups = 0;
    const double three_sku_ms =
        median_ms(quick ? runs : 3, [&] { sku_groups = e.run_report(kOperator, three_sku).rows.size(); });
    std::printf("  %-42s %8.2f ms (%zu groups)\n", "cases, units by SKU × status × month", three_sku_ms, sku_groups);

    std::int64_t sqlite_groups = 0;
    const double sqlite = sqlite_ms(path, runs, sqlite_groups);
    std::printf("  %-42s %8.2f ms (%lld groups)\n", "the same by SKU as one SQLite GROUP BY", sqlite,
                static_cast<long long>(sqlite_groups));

    const rma::ReportRequest money = report({D::customer}, {"claimed", "refunded"});
    start = Clock::now();
    e.run_report(kOperator, money);
    const double money_first_ms = seconds_since(start) * 1000;
    const double money_ms = median_ms(runs, [&] { e.run_report(kOperator, money); });
    std::printf("  %-42s %8.2f ms (first, reading every valuation: %.0f ms)\n", "claimed, refunded by customer",
                money_ms, money_first_ms);
    rma::ReportRequest rate = report({D::sku, D::period}, {"sold_units", "returned_units", "return_rate"});
    rate.subject = rma::ReportSubject::return_rate;
    start = Clock::now();
    e.run_report(kOperator, rate);
    const double rate_first_ms = seconds_since(start) * 1000;
    const double rate_ms = median_ms(runs, [&] { e.run_report(kOperator, rate); });
    std::printf("  %-42s %8.2f ms (first, reading every sold line: %.0f ms)\n", "return rate by SKU × sale month",
                rate_ms, rate_first_ms);

    // Quality alerts over December 2025 against June to November (sold lines already loaded), as a
    // dry run: the database stays as written for the next run.
    rma::QualityScanRequest scan;
    scan.now = rma::Timestamp::from_iso("2025-12-31T12:00:00Z");
    scan.record = false;
    rma::QualityScanResult scanned;
    const double quality_ms = median_ms(runs, [&] { scanned = e.quality_scan(kOperator, scan); });
    std::printf("  %-42s %8.2f ms (%lld tests, %zu alerts)\n", "quality scan (SKU, lot, supplier)", quality_ms,
                static_cast<long long>(scanned.tested), scanned.alerts.size());

    // Exports of a report with `export_rows` rows.
    rma::ReportRequest big = report({D::customer, D::period}, {"cases", "units_requested"});
    big.period = rma::ReportPeriod::day;
    big.limit = export_rows;
    rma::ReportExportOptions xlsx;
    xlsx.format = rma::ReportFormat::xlsx;
    xlsx.path = "/tmp/rma-bench-" + std::to_string(::getpid()) + "-report.xlsx";
    start = Clock::now();
    const rma::ReportExportResult x = e.export_report(kOperator, big, xlsx);
    const double xlsx_s = seconds_since(start);
    rma::ReportExportOptions csv = xlsx;
    csv.format = rma::ReportFormat::csv;
    csv.path = "/tmp/rma-bench-" + std::to_string(::getpid()) + "-report.csv";
    start = Clock::now();
    const rma::ReportExportResult c = e.export_report(kOperator, big, csv);
    const double csv_s = seconds_since(start);
    std::printf("  export of %lld rows: XLSX %.2f s (%.1f MB), CSV %.2f s (%.1f MB)\n", static_cast<long long>(x.rows),
                xlsx_s, x.bytes / 1e6, csv_s, c.bytes / 1e6);
    std::remove(xlsx.path.c_str());
    std::remove(csv.path.c_str());

    const double ratio = sqlite / sku_ms;
    const double xlsx_rate = static_cast<double>(x.rows) / xlsx_s;
    std::printf("  first report in this process (building the columns): %.0f ms; columns ~%.0f MB\n", first_ms, index_mb);
    std::printf("  a fresh process's first report: %.0f ms with the columns kept beside the database, %.0f ms building "
                "them\n", cold, cold_build);
    std::printf("  goals: one-dimension warm %.2f ms < 50 ms %s; three-dimension %.2f ms < 200 ms %s;"
                " ratio vs SQLite %.1f >= 4 %s; cold %.0f ms < 2000 ms %s; XLSX %.0f rows/s (%lld-row export)\n",
                one_dim_ms, verdict(one_dim_ms < 50), three_ms, verdict(three_ms < 200), ratio, verdict(ratio >= 4),
                cold, verdict(cold < 2000), xlsx_rate, static_cast<long long>(x.rows));
    std::printf("  quality scan %.0f ms < 1000 ms %s\n", quality_ms, verdict(quality_ms < 1000));
    std::printf(
        "{\"report_ms_1m\": %.2f, \"report_3d_ms_1m\": %.2f, \"report_3d_sku_ms_1m\": %.2f, \"report_ratio_vs_sqlite\": %.1f, \"report_cold_ms_1m\": %.0f,"
        " \"report_cold_build_ms_1m\": %.0f, \"report_first_ms_1m\": %.0f, \"report_money_ms_1m\": %.2f, \"money_load_ms\": %.0f, \"return_rate_ms_1m\": %.2f,"
        " \"sold_load_ms\": %.0f, \"xlsx_rows_per_s\": %.0f, \"csv_rows_per_s\": %.0f, \"export_rows\": %lld,"
        " \"quality_scan_ms_1m\": %.2f, \"quality_tests\": %lld, \"quality_alerts\": %zu,"
        " \"index_mb\": %.0f, \"sqlite_group_by_ms\": %.2f, \"cases\": %ld, \"quick\": %s}\n",
        one_dim_ms, three_ms, three_sku_ms, ratio, cold, cold_build, first_ms, money_ms, money_first_ms - money_ms, rate_ms,
        rate_first_ms - rate_ms, xlsx_rate, static_cast<double>(c.rows) / csv_s, static_cast<long long>(x.rows),
        quality_ms, static_cast<long long>(scanned.tested), scanned.alerts.size(), index_mb, sqlite, cases,
        quick ? "true" : "false");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "reports: %s\n", e.what());
    return 1;
  }
}
