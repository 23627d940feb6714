// benchmarks/valuation — rma::value() on cases of 1 to 50 lines.
//
// Each case is valued with a realistic rule set (restocking fee with a minimum and a maximum,
// linear depreciation with a floor, two inspection deductions, a recovery grade, supplier
// recovery). The baseline, measured in the same run, is the same arithmetic in double with no
// checks, no rounding rules and no breakdown: the ratio is what the exact, explained valuation
// costs over the bare sums.
//
// The Python half (valuation_python.py) values a 10-line case through the engine from `import
// rma`: engine.case_valuation builds the input from the case and its sales lines, values it and
// returns the breakdown as a dict; its ratio is to rma::value() on a 10-line input here.
//
// Where the time goes (issue 24; the 50-line case under callgrind, which counts instructions and
// is not moved by the machine's load, and perf for what instructions do not show):
// - Before: 2.01 million instructions a valuation, about 40,000 a line. Money's multiply,
//   percent_of and gross_from_net wrote their overflow message (three std::to_string and a
//   concatenation) on every call, overflow or not: 32 %. Labels: percentages through snprintf
//   13 %, format_money through std::to_string and inserts 4 %, concatenations growing each label
//   piece by piece 16 %. Every step of a line copied Money values (a currency string each) and
//   built its error field as a std::string. The cost that grew faster than the lines was memory:
//   the breakdown was reserved for 8 entries a line and a line emits 9, so it grew once more, at
//   50 lines to 832 entries (140 KB), past glibc's 128 KB mmap threshold: about 4 page faults and
//   an unmap a valuation (perf: brk/munmap TLB shootdowns); CPU time per valuation was 80 µs at 25
//   lines and 337 µs at 50 (4.2x for twice the lines).
// - After: 0.53 million instructions a valuation, about 10,500 a line, linear (0.27 million at 25
//   lines, 17,400 for one). A line computes in int64 minor units of its currency
//   (domain/money_minor.hpp: the Money operations' own error only when one fails); messages and
//   error fields are built only when thrown; labels are assembled on the stack and copied into their string once
//   (domain/money_text.hpp); the breakdown is reserved for the most entries the input can emit,
//   so it never moves; line numbers are checked for duplicates by sorting past 16 lines. What
//   remains is mostly what the result holds (shares overlap): writing the entries, each with four
//   strings (code, label, two currency codes), 25 %; malloc and free, mostly of labels longer than
//   15 characters, 23 %; labels 15 %; freeing the result in this loop 12 %; the arithmetic about
//   10 %; totals 6 %.
// - Figures (valuations/s, best of three quick runs on 2 shared cores at load about 3, before ->
//   after): 1 line 246,035 -> 685,107; 10 lines 26,857 -> 104,908; 50 lines 3,109 -> 25,943; full
//   runs at 50 lines 1,687 -> 21,728 and 14,938 (the machine's load moves them). Python (through
//   the engine, value() a small part) 1,973 -> 1,795, within the runs' spread. All of them in
//   docs/performance.md ("What a valuation costs").
//
// The C++ figure of the Python half's own work is engine_valuations_per_s: Engine::valuation on the
// same 10-line case, set up the same way (valuation_python.py's steps, through the JSON API), in
// an engine of this process. python_ratio_vs_engine is the Python figure over it: what the binding
// adds to the same call (the valuation is built as a dict straight from the C++ value).
//
// Usage: valuation [--quick]   (--quick: shorter timing windows; ends well under 30 s)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "python_half.hpp"
#include "rma/json_api.hpp"
#include "rma/rma.hpp"
#include "rma/valuation.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

const char* const kRules = R"({
  "restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1500, "minimum": "5.00 EUR", "maximum": "50.00 EUR"}],
  "depreciation": [{"method": "linear", "monthly_rate_bp": 200, "floor_percent_bp": 3000}],
  "deductions": [{"code": "missing_accessories", "percent_bp": 1000}, {"code": "packaging", "fixed": "3.00 EUR"}],
  "recovery": {"refurbish": {"percent_bp": 4000}},
  "shipping": [{"inbound": "6.90 EUR"}]
})";

rma::ValuationInput case_of(int lines) {
  rma::ValuationInput in;
  in.currency = "EUR";
  in.resolution = rma::Resolution::refund;
  for (int i = 0; i < lines; ++i) {
    rma::ValuationLineInput l;
    l.line_no = i + 1;
    l.sku = "SKU-" + std::to_string(i);
    l.category = "phones";
    l.reason_code = "changed_mind";
    l.condition = "opened";
    l.unit_price = 1990 + 1375 * i;
    l.vat_rate_bp = 2200;
    l.qty_sold_on_sales_line = 3;
    l.qty_returned = 1 + i % 2;
    l.age_months = i % 40;
    if (i % 3 == 0) l.deductions = {"missing_accessories", "packaging"};
    l.grade = rma::Grade::refurbish;
    l.supplier_covered = i % 4 == 0;
    in.lines.push_back(l);
  }
  return in;
}

// The same valuation in double: goods, VAT, fee with its bounds, depreciation with its floor,
// deductions, refund, recovery; summed, nothing explained.
double naive_value(const rma::ValuationInput& in) {
  double refund = 0, recovered = 0, net_cost = 6.90;
  for (const rma::ValuationLineInput& l : in.lines) {
    const double goods = static_cast<double>(l.unit_price) / 100.0 * static_cast<double>(l.qty_returned);
    const double gross = goods * (1.0 + l.vat_rate_bp / 10000.0);
    double fee = goods * 0.15;
    if (fee < 5.0) fee = 5.0;
    if (fee > 50.0) fee = 50.0;
    double depreciation = goods * std::min(1.0, 0.02 * l.age_months);
    if (depreciation > goods * 0.7) depreciation = goods * 0.7;
    double deductions = 0;
    for (const std::string& code : l.deductions) deductions += code == "packaging" ? 3.0 : goods * 0.10;
    double net = goods - fee - depreciation - deductions;
    if (net < 0) net = 0;
    refund += net == goods ? gross : gross - (goods - net) * (1.0 + l.vat_rate_bp / 10000.0);
    if (l.supplier_covered) recovered += goods;
    recovered += goods * 0.4;
    net_cost += net;
  }
  return refund + net_cost - recovered;
}

struct Rate {
  double per_second = 0;
  std::size_t breakdown_lines = 0;
};

Rate time_librma(const rma::ValuationRules& rules, const rma::ValuationInput& in, double window) {
  Rate rate;
  long count = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    for (int i = 0; i < 64; ++i) {
      const rma::Valuation v = rma::value(rules, in);
      rate.breakdown_lines = v.breakdown.size();
      ++count;
    }
    elapsed = seconds_since(start);
  } while (elapsed < window);
  rate.per_second = static_cast<double>(count) / elapsed;
  return rate;
}

volatile double g_sink = 0;

double time_naive(const rma::ValuationInput& in, double window) {
  long count = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    for (int i = 0; i < 1024; ++i) {
      g_sink = g_sink + naive_value(in);
      ++count;
    }
    elapsed = seconds_since(start);
  } while (elapsed < window);
  return static_cast<double>(count) / elapsed;
}

// The case of valuation_python.py: ten lines of INV-1 (3 units each), two of each returned,
// received as "refurbish", every other one a change of mind, accessories missing on every third.
double time_engine(double window) {
  rma::Engine engine = rma::Engine::open(":memory:");
  // Read once: the engine reads its clock in every valuation, and the Python half's clock returns
  // one datetime it made once too.
  const rma::Timestamp now = rma::Timestamp::from_iso("2026-06-01T09:00:00Z");
  engine.set_clock([now] { return now; });
  rma::JsonApi api(engine);
  const std::string op = "operator:bench";
  api.call(op, "customer.upsert", R"({"id": "C1", "name": "Bench"})");
  std::string sale = R"({"id": "INV-1", "date": "2025-11-10", "customer_id": "C1", "channel": "b2c", "currency": "EUR", "lines": [)";
  std::string lines, received;
  for (int i = 0; i < 10; ++i) {
    const std::string n = std::to_string(i);
    sale += std::string(i ? "," : "") + R"({"sku": "SKU-)" + n + R"(", "quantity": 3, "unit_price": )" +
            std::to_string(1990 + 1000 * i) + R"(, "vat_rate_bp": 2200})";
    lines += std::string(i ? "," : "") + R"({"quantity": 2, "reason_code": ")" + (i % 2 ? "changed_mind" : "defective") +
             R"(", "sales_document": {"document": "INV-1", "line": )" + std::to_string(i + 1) + "}}";
    received += std::string(i ? "," : "") + R"({"line_no": )" + std::to_string(i + 1) +
                R"(, "qty_received": 2, "condition": "refurbish", "accessories_complete": )" + (i % 3 != 0 ? "true" : "false") + "}";
  }
  sale += "]}";
  const rma::Actor by = rma::Actor::parse(op);
  engine.import_run(by, rma::ImportKind::sales_documents, rma::ImportFormat::jsonl, sale + "\n");
  api.call("system:bench", "valuation.configure", kRules);
  const std::string created = api.call(op, "case.create", R"({"kind": "return", "channel": "b2c", "customer_id": "C1", "lines": [)" + lines + "]}");
  const std::int64_t id = nlohmann::json::parse(created).at("id").get<std::int64_t>();
  api.call(op, "case.update", R"({"case_id": )" + std::to_string(id) + R"(, "changes": {"lines": [)" + received + "]}}");
  long count = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    for (int i = 0; i < 64; ++i, ++count) engine.valuation(by, id);
    elapsed = seconds_since(start);
  } while (elapsed < window);
  return static_cast<double>(count) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const double window = quick ? 0.4 : 2.0;
  const rma::ValuationRules rules = rma::valuation_rules_from_json(kRules);

  std::printf("valuation: rma::value() against the same arithmetic in double without a breakdown (%s)\n",
              quick ? "quick" : "full");
  std::printf("%6s %12s %16s %18s %8s %12s\n", "lines", "entries", "valuations/s", "baseline/s", "ratio", "lines/s");
  std::string figures;
  double ten_lines = 0;
  for (int lines : {1, 5, 10, 25, 50}) {
    const rma::ValuationInput in = case_of(lines);
    const Rate rate = time_librma(rules, in, window);
    const double naive = time_naive(in, window / 2);
    if (lines == 10) ten_lines = rate.per_second;
    std::printf("%6d %12zu %16.0f %18.0f %7.1fx %12.0f\n", lines, rate.breakdown_lines, rate.per_second, naive,
                naive / rate.per_second, rate.per_second * lines);
    const std::string suffix = std::to_string(lines) + (lines == 1 ? "_line" : "_lines");
    figures += "\"valuations_per_s_" + suffix + "\": " + std::to_string(static_cast<long>(rate.per_second)) + ", ";
    figures += "\"baseline_valuations_per_s_" + suffix + "\": " + std::to_string(static_cast<long>(naive)) + ", ";
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.2f", naive / rate.per_second);
    figures += "\"baseline_ratio_" + suffix + "\": " + ratio + ", ";
  }
  std::printf("ratio: how many bare double valuations run in the time of one exact, explained valuation\n");
  const double python_rate = bench::python_figure(
      bench::run_python_half("valuation_python.py " + std::to_string(quick ? 1.0 : 4.0)), "python_valuations_per_s");
  const double engine_rate = time_engine(window);
  // The Python figure goes through the engine (the case read, the sales lines, the answer as a
  // dict): python_ratio_vs_engine compares it with the same call in C++; python_ratio_vs_cpp with
  // the bare valuation, which reads nothing.
  const double python_ratio = python_rate > 0 ? python_rate / ten_lines : 0.0;
  const double engine_ratio = python_rate > 0 ? python_rate / engine_rate : 0.0;
  std::printf("engine (Engine::valuation, the same 10-line case in C++): %.0f valuations/s\n", engine_rate);
  std::printf("python (engine.case_valuation, 10 lines): %.0f valuations/s, ratio to Engine::valuation %.3f "
              "(goal >= 0.66), to rma::value() on 10 lines %.3f\n",
              python_rate, engine_ratio, python_ratio);
  figures += "\"engine_valuations_per_s\": " + std::to_string(static_cast<long>(engine_rate)) + ", ";
  figures += "\"python_valuations_per_s\": " + std::to_string(static_cast<long>(python_rate)) + ", ";
  char python_ratio_text[64];
  std::snprintf(python_ratio_text, sizeof python_ratio_text, "%.3f, \"python_ratio_vs_engine\": %.3f", python_ratio,
                engine_ratio);
  figures += std::string("\"python_ratio_vs_cpp\": ") + python_ratio_text + ", ";
  std::printf("{%s\"quick\": %s}\n", figures.c_str(), quick ? "true" : "false");
  if (python_rate <= 0) {
    std::fprintf(stderr, "valuation: the Python half did not run (build with RMA_BUILD_PYTHON=ON)\n");
    return 1;
  }
  return 0;
}
