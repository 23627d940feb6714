#include "domain/quality_scan.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "domain/calendar_date.hpp"
#include "domain/quality_statistics.hpp"
#include "rma/error.hpp"

namespace rma::domain {
namespace {

constexpr std::int64_t kMicrosPerDay = 86400LL * 1000000LL;
constexpr std::size_t kTopReasons = 5;
constexpr std::size_t kTopLots = 10;
constexpr std::size_t kListedCases = 100;

enum Span { kWindow = 0, kHistory = 1 };

struct ReasonTally {
  std::uint32_t reason = 0;
  std::int64_t lines[2] = {0, 0};
};

// What one subject (or one category, or everyone) returned and sold in each span.
struct Tally {
  std::int64_t returned[2] = {0, 0};
  std::int64_t sold[2] = {0, 0};
  std::int64_t lines[2] = {0, 0};  // returned lines with a reason
  std::vector<ReasonTally> reasons;  // few reasons per subject: a short list beats a map

  void add_line(int span, std::int64_t units, std::uint32_t reason) {
    returned[span] += units;
    if (reason == 0) return;
    lines[span] += 1;
    for (ReasonTally& r : reasons) {
      if (r.reason == reason) {
        r.lines[span] += 1;
        return;
      }
    }
    ReasonTally r;
    r.reason = reason;
    r.lines[span] = 1;
    reasons.push_back(r);
  }
  std::int64_t reason_lines(std::uint32_t reason, int span) const {
    for (const ReasonTally& r : reasons) {
      if (r.reason == reason) return r.lines[span];
    }
    return 0;
  }
};

// Subject keys: a SKU or supplier code, or a lot with its SKU.
std::uint64_t lot_key(std::uint32_t sku, std::uint32_t lot) { return (static_cast<std::uint64_t>(sku) << 32) | lot; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Tallies {
  std::unordered_map<std::uint64_t, Tally> subjects[3];  // by QualitySubject
  std::unordered_map<std::uint32_t, Tally> categories;
  Tally everyone;
};

std::uint32_t code_at(const std::vector<std::uint32_t>& column, std::uint32_t i) {
  return i < column.size() ? column[i] : 0;
}

class Scanner {
 public:
  Scanner(const ReportFacts& f, const QualityScanRequest& r, const QualityDays& d) : f_(f), r_(r), d_(d) {
    for (QualitySubject s : r.subjects) wanted_[static_cast<int>(s)] = true;
  }

  int span_of_day(std::int64_t day) const {
    if (day >= d_.window_first && day <= d_.window_last) return kWindow;
    if (day >= d_.history_first && day <= d_.history_last) return kHistory;
    return -1;
  }

  void count() {
    for (std::size_t row = 0; row < f_.cases(); ++row) {
      if (!f_.live[row]) continue;
      const int span = span_of_day(floor_div(f_.created_at[row], kMicrosPerDay));
      if (span < 0) continue;
      for (std::uint32_t l = f_.first_line[row]; l < f_.first_line[row] + f_.line_count[row]; ++l) {
        const std::uint32_t sku = f_.line_sku[l];
        const std::int64_t units = f_.line_requested[l];
        const std::uint32_t reason = f_.line_reason[l];
        each_subject(sku, f_.line_lot[l], [&](Tally& t) { t.add_line(span, units, reason); });
        peers_of(sku).add_line(span, units, reason);
        t_.everyone.add_line(span, units, reason);
      }
    }
    if (!f_.sold_loaded) return;
    for (std::size_t s = 0; s < f_.sold_sku.size(); ++s) {
      const int span = span_of_day(f_.sold_day[s]);
      if (span < 0) continue;
      const std::int64_t units = f_.sold_quantity[s];
      each_subject(f_.sold_sku[s], f_.sold_lot[s], [&](Tally& t) { t.sold[span] += units; });
      peers_of(f_.sold_sku[s]).sold[span] += units;
      t_.everyone.sold[span] += units;
    }
  }

  // Every test of every subject, in a fixed order (subject kind, then key order of the texts
  // does not matter: the q-values depend on the set of p-values only).
  void test(std::vector<QualityAlert>& candidates, std::vector<QualityTest>& tests) {
    for (int kind = 0; kind < 3; ++kind) {
      for (const auto& [key, tally] : t_.subjects[kind]) {
        const Tally* peers = peers_for(static_cast<QualitySubject>(kind), key);
        add(candidates, tests, static_cast<QualitySubject>(kind), key, QualitySignal::return_rate, 0,
            rate_test(tally.returned[kWindow], tally.sold[kWindow], tally.returned[kHistory], tally.sold[kHistory], r_),
            QualityBaseline::history);
        if (peers != nullptr) {
          add(candidates, tests, static_cast<QualitySubject>(kind), key, QualitySignal::return_rate, 0,
              rate_test(tally.returned[kWindow], tally.sold[kWindow], peers->returned[kWindow] - tally.returned[kWindow],
                        peers->sold[kWindow] - tally.sold[kWindow], r_),
              QualityBaseline::category);
        }
        for (const ReasonTally& reason : tally.reasons) {
          const std::int64_t k = reason.lines[kWindow];
          add(candidates, tests, static_cast<QualitySubject>(kind), key, QualitySignal::reason_share, reason.reason,
              share_test(k, tally.lines[kWindow], reason.lines[kHistory], tally.lines[kHistory], r_),
              QualityBaseline::history);
          if (peers != nullptr) {
            add(candidates, tests, static_cast<QualitySubject>(kind), key, QualitySignal::reason_share, reason.reason,
                share_test(k, tally.lines[kWindow], peers->reason_lines(reason.reason, kWindow) - k,
                           peers->lines[kWindow] - tally.lines[kWindow], r_),
                QualityBaseline::category);
          }
        }
      }
    }
  }

  // The window's cases, reasons and lots of each alert's subject.
  void gather(std::vector<QualityAlert>& alerts, const std::vector<std::pair<QualitySubject, std::uint64_t>>& keys) {
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_key[3];
    for (std::size_t i = 0; i < alerts.size(); ++i) by_key[static_cast<int>(keys[i].first)][keys[i].second].push_back(i);
    struct Evidence {
      std::unordered_map<std::uint32_t, std::int64_t> reasons, lots;
      std::int64_t last_row = -1;
    };
    std::vector<Evidence> evidence(alerts.size());
    for (std::size_t row = 0; row < f_.cases(); ++row) {
      if (!f_.live[row] || span_of_day(floor_div(f_.created_at[row], kMicrosPerDay)) != kWindow) continue;
      for (std::uint32_t l = f_.first_line[row]; l < f_.first_line[row] + f_.line_count[row]; ++l) {
        const std::uint32_t sku = f_.line_sku[l];
        const std::uint32_t lot = f_.line_lot[l];
        auto visit = [&](int kind, std::uint64_t key) {
          const auto it = by_key[kind].find(key);
          if (it == by_key[kind].end()) return;
          for (std::size_t i : it->second) {
            Evidence& e = evidence[i];
            if (f_.line_reason[l] != 0) e.reasons[f_.line_reason[l]] += 1;
            if (lot != 0) e.lots[lot] += f_.line_requested[l];
            if (e.last_row != static_cast<std::int64_t>(row)) {
              e.last_row = static_cast<std::int64_t>(row);
              alerts[i].case_count += 1;
              if (alerts[i].cases.size() < kListedCases) alerts[i].cases.push_back(f_.case_id[row]);
            }
          }
        };
        visit(static_cast<int>(QualitySubject::sku), sku);
        if (lot != 0) visit(static_cast<int>(QualitySubject::lot), lot_key(sku, lot));
        const std::uint32_t supplier = code_at(f_.sku_supplier, sku);
        if (supplier != 0) visit(static_cast<int>(QualitySubject::supplier), supplier);
      }
    }
    for (std::size_t i = 0; i < alerts.size(); ++i) {
      alerts[i].top_reasons = top(evidence[i].reasons, f_.reasons, kTopReasons);
      alerts[i].lots = top(evidence[i].lots, f_.lots, kTopLots);
      std::sort(alerts[i].cases.begin(), alerts[i].cases.end());
    }
  }

  std::vector<std::pair<QualitySubject, std::uint64_t>> keys;  // of each candidate

 private:
  template <class Visit>
  void each_subject(std::uint32_t sku, std::uint32_t lot, Visit&& visit) {
    if (wanted_[static_cast<int>(QualitySubject::sku)]) visit(t_.subjects[static_cast<int>(QualitySubject::sku)][sku]);
    if (lot != 0 && wanted_[static_cast<int>(QualitySubject::lot)]) {
      visit(t_.subjects[static_cast<int>(QualitySubject::lot)][lot_key(sku, lot)]);
    }
    const std::uint32_t supplier = code_at(f_.sku_supplier, sku);
    if (supplier != 0 && wanted_[static_cast<int>(QualitySubject::supplier)]) {
      visit(t_.subjects[static_cast<int>(QualitySubject::supplier)][supplier]);
    }
  }

  // A SKU's and a lot's peers are the SKU's category; a SKU outside the catalogue has none
  // (its tally goes to category 0, never used as a baseline).
  Tally& peers_of(std::uint32_t sku) { return t_.categories[code_at(f_.sku_category, sku)]; }
  const Tally* peers_for(QualitySubject kind, std::uint64_t key) const {
    if (kind == QualitySubject::supplier) return &t_.everyone;
    const std::uint32_t sku = static_cast<std::uint32_t>(kind == QualitySubject::lot ? key >> 32 : key);
    const std::uint32_t category = code_at(f_.sku_category, sku);
    if (category == 0) return nullptr;
    const auto it = t_.categories.find(category);
    return it == t_.categories.end() ? nullptr : &it->second;
  }

  void add(std::vector<QualityAlert>& candidates, std::vector<QualityTest>& tests, QualitySubject kind,
           std::uint64_t key, QualitySignal signal, std::uint32_t reason, std::optional<QualityTest> test,
           QualityBaseline baseline) {
    if (!test) return;
    test->signal = signal;
    test->baseline = baseline;
    tests.push_back(*test);
    QualityAlert a;
    a.signal = signal;
    a.subject = kind;
    a.baseline = baseline;
    if (kind == QualitySubject::supplier) {
      a.supplier_id = f_.suppliers.text(static_cast<std::uint32_t>(key));
    } else {
      const std::uint32_t sku = static_cast<std::uint32_t>(kind == QualitySubject::lot ? key >> 32 : key);
      a.sku = f_.skus.text(sku);
      if (kind == QualitySubject::lot) a.lot = f_.lots.text(static_cast<std::uint32_t>(key & 0xffffffffu));
      a.category = f_.categories.text(code_at(f_.sku_category, sku));
    }
    if (signal == QualitySignal::reason_share) a.reason_code = f_.reasons.text(reason);
    candidates.push_back(std::move(a));
    keys.emplace_back(kind, key);
  }

  static std::vector<QualityCount> top(const std::unordered_map<std::uint32_t, std::int64_t>& counts,
                                       const TextCodes& texts, std::size_t n) {
    std::vector<QualityCount> out;
    for (const auto& [code, count] : counts) out.push_back(QualityCount{texts.text(code), count});
    std::sort(out.begin(), out.end(), [](const QualityCount& a, const QualityCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (out.size() > n) out.resize(n);
    return out;
  }

  const ReportFacts& f_;
  const QualityScanRequest& r_;
  const QualityDays& d_;
  bool wanted_[3] = {false, false, false};
  Tallies t_;
};

std::string alert_id(const QualityAlert& a) {
  std::string id = std::string(quality_signal_name(a.signal)) + "/" + quality_subject_name(a.subject) + "/";
  if (a.subject == QualitySubject::supplier) {
    id += a.supplier_id;
  } else {
    id += a.sku;
    if (a.subject == QualitySubject::lot) id += "/" + a.lot;
  }
  if (a.signal == QualitySignal::reason_share) id += "/" + a.reason_code;
  return id + "/" + quality_baseline_name(a.baseline);
}

void check_range(double v, double min, double max, bool min_open, const char* field) {
  const bool low = min_open ? !(v > min) : !(v >= min);
  if (low || !(v <= max)) {
    throw Error(Status::out_of_range, field,
                std::string("must be ") + (min_open ? "above " : "at least ") + std::to_string(min) + " and at most " +
                    std::to_string(max) + ", got " + std::to_string(v));
  }
}

}  // namespace

void check_quality_request(const QualityScanRequest& r) {
  check_range(r.window_days, 1, 366, false, "window_days");
  check_range(r.history_days, 1, 3660, false, "history_days");
  check_range(r.fdr, 0, 0.5, true, "fdr");
  check_range(static_cast<double>(r.min_returns), 1, 1e9, false, "min_returns");
  check_range(static_cast<double>(r.min_sold), 1, 1e12, false, "min_sold");
  check_range(r.min_ratio, 1, 1000, false, "min_ratio");
  if (r.subjects.empty()) throw Error(Status::invalid_argument, "subjects", "name at least one of sku, lot, supplier");
  for (std::size_t i = 0; i < r.subjects.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (r.subjects[i] == r.subjects[j]) {
        throw Error(Status::invalid_argument, "subjects[" + std::to_string(i) + "]",
                    std::string(quality_subject_name(r.subjects[i])) + " is named twice");
      }
    }
  }
}

QualityDays quality_days(const QualityScanRequest& request, Timestamp now) {
  QualityDays d;
  d.window_last = floor_div(now.micros, kMicrosPerDay);
  d.window_first = d.window_last - request.window_days + 1;
  d.history_last = d.window_first - 1;
  d.history_first = d.history_last - request.history_days + 1;
  return d;
}

std::optional<QualityTest> rate_test(std::int64_t returned, std::int64_t sold, std::int64_t base_returned,
                                     std::int64_t base_sold, const QualityScanRequest& request) {
  if (returned < request.min_returns || sold < request.min_sold || base_sold < request.min_sold) return std::nullopt;
  QualityTest t;
  t.observed = returned;
  t.exposure = sold;
  t.baseline_observed = base_returned;
  t.baseline_exposure = base_sold;
  t.expected_rate = (static_cast<double>(base_returned) + 0.5) / static_cast<double>(base_sold);
  t.expected = t.expected_rate * static_cast<double>(sold);
  t.p_value = poisson_upper_tail(returned, t.expected);
  return t;
}

std::optional<QualityTest> share_test(std::int64_t with_reason, std::int64_t lines, std::int64_t base_with_reason,
                                      std::int64_t base_lines, const QualityScanRequest& request) {
  if (with_reason < request.min_returns || base_lines < request.min_returns) return std::nullopt;
  QualityTest t;
  t.observed = with_reason;
  t.exposure = lines;
  t.baseline_observed = base_with_reason;
  t.baseline_exposure = base_lines;
  t.expected_rate = (static_cast<double>(base_with_reason) + 0.5) / (static_cast<double>(base_lines) + 1);
  t.expected = t.expected_rate * static_cast<double>(lines);
  t.p_value = binomial_upper_tail(with_reason, lines, t.expected_rate);
  return t;
}

bool is_quality_alert(const QualityTest& test, double q_value, const QualityScanRequest& request) noexcept {
  return q_value <= request.fdr && static_cast<double>(test.observed) >= request.min_ratio * test.expected;
}

QualityScanResult scan_quality(const ReportFacts& facts, const QualityScanRequest& request, Timestamp now) {
  check_quality_request(request);
  const QualityDays days = quality_days(request, now);
  Scanner scanner(facts, request, days);
  scanner.count();
  std::vector<QualityAlert> candidates;
  std::vector<QualityTest> tests;
  scanner.test(candidates, tests);
  std::vector<double> p;
  p.reserve(tests.size());
  for (const QualityTest& t : tests) p.push_back(t.p_value);
  const std::vector<double> q = benjamini_hochberg(p);

  QualityScanResult result;
  result.window_from = date_from_days(days.window_first);
  result.window_to = date_from_days(days.window_last);
  result.history_from = date_from_days(days.history_first);
  result.history_to = date_from_days(days.history_last);
  result.tested = static_cast<std::int64_t>(tests.size());
  std::vector<std::pair<QualitySubject, std::uint64_t>> keys;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (!is_quality_alert(tests[i], q[i], request)) continue;
    QualityAlert a = std::move(candidates[i]);
    const QualityTest& t = tests[i];
    a.window_from = result.window_from;
    a.window_to = result.window_to;
    a.observed = t.observed;
    a.exposure = t.exposure;
    a.baseline_observed = t.baseline_observed;
    a.baseline_exposure = t.baseline_exposure;
    a.rate = t.exposure > 0 ? static_cast<double>(t.observed) / static_cast<double>(t.exposure) : 0;
    a.expected_rate = t.expected_rate;
    a.expected = t.expected;
    a.p_value = t.p_value;
    a.q_value = q[i];
    a.id = alert_id(a);
    result.alerts.push_back(std::move(a));
    keys.push_back(scanner.keys[i]);
  }
  scanner.gather(result.alerts, keys);
  // By q-value, then id: the order does not depend on the order of the columns.
  std::vector<std::size_t> order(result.alerts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const QualityAlert& a = result.alerts[x];
    const QualityAlert& b = result.alerts[y];
    return a.q_value != b.q_value ? a.q_value < b.q_value : a.id < b.id;
  });
  std::vector<QualityAlert> sorted;
  sorted.reserve(order.size());
  for (std::size_t i : order) sorted.push_back(std::move(result.alerts[i]));
  result.alerts = std::move(sorted);
  return result;
}

}  // namespace rma::domain
