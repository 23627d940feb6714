// benchmarks/dictionary_samples — the sample values scripts/train-dictionary trains the column
// dictionary (store/column_dictionaries) on: the large JSON text columns librma writes, produced by
// librma itself on a deterministic history.
//
// Builds a scratch database: customers, products and sales documents with a spread of prices,
// VAT rates, discounts, channels and line counts (1 to 4), then cases of every kind opened on
// them, some moved along their workflow, patched, noted or repaired, so the history holds every
// common event type. Writes each stored value of events.data, cases.valuation,
// case_lines.warranty and case_lines.eligibility that the codec would compress (at least
// kCompressFromBytes) as one file of DIR, read back through the codec whatever form it has.
// The same arguments give the same files.
//
// Usage: dictionary_samples DIR [CASES]   (CASES defaults to 3000)
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>

#include "bench_util.hpp"
#include "rma/rma.hpp"
#include "store/column_codec.hpp"

namespace {

constexpr int kCustomers = 500;
constexpr int kProducts = 300;
const char* const kReasons[] = {"defective", "changed_mind", "wrong_order", "damaged_in_transit", "not_as_described"};
const char* const kCurrencies[] = {"EUR", "EUR", "EUR", "USD", "GBP"};
const int kVat[] = {2200, 2100, 1900, 2000, 0, 1000};

// A small deterministic generator, so the samples do not depend on the standard library's.
struct Lcg {
  unsigned long long state;
  long next(long bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<long>((state >> 33) % static_cast<unsigned long long>(bound));
  }
};

std::string customer_of(long c) { return "CU-" + std::to_string(7000 + c % kCustomers); }
std::string sku_of(long p) { return "P" + std::to_string(40000 + p); }
std::string document_of(long c) { return "SO-2024-" + std::to_string(100000 + c); }
std::string serial_of(long c, int line) { return "S" + std::to_string(880000000L + c * 8 + line); }

int lines_of(long c) { return 1 + static_cast<int>(c % 4); }
std::string currency_of(long c) { return kCurrencies[c % 5]; }

void import_reference_data(rma::Engine& e, const rma::Actor& sys, long cases, Lcg& rng) {
  std::string customers = "id,name\n";
  for (int c = 0; c < kCustomers; ++c) customers += customer_of(c) + ",Client " + std::to_string(c) + "\n";
  e.import_run(sys, rma::ImportKind::customers, rma::ImportFormat::csv, customers);
  std::string products = "sku,name,brand,category,serialized\n";
  for (int p = 0; p < kProducts; ++p) {
    products += sku_of(p) + ",Item " + std::to_string(p) + ",Make" + std::to_string(p % 9) + ",group" +
                std::to_string(p % 11) + (p % 3 != 2 ? ",true\n" : ",false\n");
  }
  e.import_run(sys, rma::ImportKind::products, rma::ImportFormat::csv, products);
  std::string csv = "id,date,delivery_date,customer_id,channel,currency,line_no,sku,quantity,unit_price,"
                    "vat_rate_bp,serials\n";
  for (long c = 0; c < cases; ++c) {
    const std::string month = std::to_string(10 + c % 3);
    const std::string head = document_of(c) + ",2024-" + month + "-0" + std::to_string(1 + c % 8) + ",2024-" +
                             month + "-1" + std::to_string(c % 9) + "," + customer_of(c) + "," +
                             (c % 4 == 0 ? "b2b," : "b2c,") + currency_of(c) + ",";
    for (int line = 1; line <= lines_of(c); ++line) {
      const long p = rng.next(kProducts);
      const bool serialized = p % 3 != 2;
      const long quantity = serialized ? 1 : 1 + rng.next(5);
      csv += head + std::to_string(line) + "," + sku_of(p) + "," + std::to_string(quantity) + "," +
             std::to_string(100 + rng.next(250000)) + "," + std::to_string(kVat[rng.next(6)]) + "," +
             (serialized ? serial_of(c, line) : std::string()) + "\n";
    }
  }
  e.import_run(sys, rma::ImportKind::sales_documents, rma::ImportFormat::csv, csv);
}

rma::CaseDraft draft_of(rma::Engine& e, const rma::Actor& sys, long c, Lcg& rng) {
  const rma::SalesDocument sale = e.get_sales_document(sys, document_of(c));
  rma::CaseDraft d;
  const rma::CaseKind kinds[] = {rma::CaseKind::return_, rma::CaseKind::return_, rma::CaseKind::repair,
                                 rma::CaseKind::complaint};
  d.kind = kinds[c % 4];
  if (d.kind == rma::CaseKind::complaint) d.category = rma::ComplaintCategory::quality;
  d.channel = sale.channel;
  d.customer_id = sale.customer_id;
  d.priority = static_cast<rma::Priority>(rng.next(4));
  if (c % 3 == 0) d.team = c % 2 ? "returns" : "service";
  for (const rma::SalesLine& s : sale.lines) {
    if (rng.next(5) == 0 && !d.lines.empty()) continue;  // not every line comes back
    rma::LineDraft l;
    l.sku = s.sku;
    if (!s.serials.empty()) l.serial = s.serials.front();
    l.quantity = s.serials.empty() ? 1 + rng.next(s.quantity) : 1;
    l.reason_code = kReasons[rng.next(5)];
    if (rng.next(3) == 0) l.defect_description = "stops working after " + std::to_string(1 + rng.next(40)) + " days";
    l.sales_document = {sale.id, s.line_no};
    d.lines.push_back(l);
  }
  return d;
}

// Moves the case along its workflow: the first available transition, `steps` times at most.
void advance(rma::Engine& e, const rma::Actor& op, std::int64_t id, long steps) {
  for (long i = 0; i < steps; ++i) {
    bool moved = false;
    for (const rma::TransitionOption& t : e.case_transitions(op, id)) {
      if (!t.available) continue;
      try {
        e.transition_case(op, id, t.name);
        moved = true;
      } catch (const rma::Error&) {
        continue;
      }
      break;
    }
    if (!moved) return;
  }
}

void write_sample(const std::string& dir, long n, const std::string& value) {
  std::ofstream(dir + "/" + std::to_string(100000 + n) + ".json", std::ios::binary) << value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dictionary_samples DIR [CASES]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const long cases = argc > 2 ? std::atol(argv[2]) : 3000;
  ::mkdir(dir.c_str(), 0755);
  const std::string path = bench::temp_path("dictionary-samples");
  {
    rma::Timestamp now = rma::Timestamp::from_iso("2024-12-02T09:00:00Z");
    rma::Options options;
    options.clock = [&now] { return now; };
    rma::Engine e = rma::Engine::open(path, options);
    const rma::Actor sys{rma::Role::system, "erp"};
    const rma::Actor op{rma::Role::operator_, "desk"};
    Lcg rng{42};
    import_reference_data(e, sys, cases, rng);
    for (long c = 0; c < cases; ++c) {
      now.micros += 1000000LL * (60 + rng.next(3600));
      const rma::Case created = e.create_case(op, draft_of(e, sys, c, rng));
      if (c % 3 == 0) e.add_note(op, created.id, rma::NoteDraft{rma::Visibility::internal, "called the customer"});
      if (c % 5 == 1) {
        rma::CasePatch p;
        p.assignee = "agent" + std::to_string(c % 7);
        p.priority = rma::Priority::high;
        e.update_case(op, created.id, p);
      }
      advance(e, op, created.id, rng.next(5));
    }
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  const struct {
    const char* sql;
    rma::store::ColumnName column;
  } columns[] = {
      {"SELECT data FROM events ORDER BY seq", {"events", "data"}},
      {"SELECT valuation FROM cases ORDER BY id", {"cases", "valuation"}},
      {"SELECT warranty FROM case_lines ORDER BY case_id, line_no", {"case_lines", "warranty"}},
      {"SELECT eligibility FROM case_lines ORDER BY case_id, line_no", {"case_lines", "eligibility"}},
  };
  long written = 0;
  for (const auto& column : columns) {
    SQLite::Statement s(db, column.sql);
    while (s.executeStep()) {
      const SQLite::Column value = s.getColumn(0);
      const std::string text = rma::store::decode_column(
          std::string_view(static_cast<const char*>(value.getBlob()), static_cast<std::size_t>(value.getBytes())),
          column.column);
      if (text.size() >= rma::store::kCompressFromBytes) write_sample(dir, written++, text);
    }
  }
  bench::remove_db(path);
  std::printf("%ld samples in %s\n", written, dir.c_str());
  return 0;
}
