// rma/quality.hpp — quality alerts: SKUs, lots and suppliers whose return rate, or whose share of
// one reason code, rose in a recent window against their own history and against their category,
// found by exact tests (Poisson for the rate, binomial for a reason's share) with the false
// discovery rate held across everything tested (Benjamini–Hochberg); docs/reports.md.
//
// An alert is recorded once (event quality.alert) and stays raised until acknowledged
// (quality.acknowledged); a scan whose window starts after the acknowledgment may raise it again.
// Staff only. Values only; thread-safe as values are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/time.hpp"

namespace rma {

// What is judged: a SKU, a lot of a SKU, or a supplier (the catalogue's supplier of the SKU).
enum class QualitySubject { sku, lot, supplier };
const char* quality_subject_name(QualitySubject v) noexcept;
std::optional<QualitySubject> quality_subject_from_name(std::string_view name) noexcept;

// return_rate: units returned over units sold in the window (Poisson test of the returned units).
// reason_share: of the subject's returned lines with a reason, those with one reason code
// (binomial test).
enum class QualitySignal { return_rate, reason_share };
const char* quality_signal_name(QualitySignal v) noexcept;
std::optional<QualitySignal> quality_signal_from_name(std::string_view name) noexcept;

// What the window is compared with: the subject's own history (the days before the window), or
// its category in the same window without the subject (for a supplier: every other supplier).
enum class QualityBaseline { history, category };
const char* quality_baseline_name(QualityBaseline v) noexcept;
std::optional<QualityBaseline> quality_baseline_from_name(std::string_view name) noexcept;

struct QualityScanRequest {
  std::optional<Timestamp> now;     // the window's end (its UTC day included); default: the engine's clock
  std::int32_t window_days = 30;    // the recent window, 1..366
  std::int32_t history_days = 180;  // the history before it, 1..3660
  double fdr = 0.05;                // the false discovery rate: an alert needs q <= fdr; (0, 0.5]
  std::int64_t min_returns = 5;     // the least returned units (rate) or lines with the reason (share) in the window
  std::int64_t min_sold = 50;       // the least units sold in the window, and in the baseline, for a rate test
  double min_ratio = 1.5;           // the least observed/expected for an alert; 1..1000
  std::vector<QualitySubject> subjects{QualitySubject::sku, QualitySubject::lot, QualitySubject::supplier};
  bool record = true;  // false: a dry run that records and changes nothing
};

struct QualityCount {
  std::string value;  // a reason code or a lot
  std::int64_t count = 0;
};

// Consecutive serials returned in the window, first to last (docs/reports.md "Serial ranges"):
// "SN1000" to "SN1042", count 43; a lone serial is a range of one.
struct QualitySerialRange {
  std::string first, last;
  std::int64_t count = 0;
};

struct QualityAlert {
  std::string id;  // stable: "<signal>/<subject>/<key>[/<reason>]/<baseline>"
  QualitySignal signal = QualitySignal::return_rate;
  QualitySubject subject = QualitySubject::sku;
  std::string sku, lot, supplier_id;  // the subject (lot: with its SKU)
  std::string category;               // the catalogue's category of the SKU ("" for a supplier)
  std::string reason_code;            // reason_share only
  QualityBaseline baseline = QualityBaseline::history;
  Date window_from, window_to;        // UTC days, both included

  // Evidence. Rate: observed = units returned, exposure = units sold. Share: observed = lines
  // with the reason, exposure = lines with any reason. The same for the baseline.
  std::int64_t observed = 0, exposure = 0;
  std::int64_t baseline_observed = 0, baseline_exposure = 0;
  double rate = 0;           // observed / exposure
  double expected_rate = 0;  // the baseline's, (baseline_observed + 0.5) / baseline_exposure (share: + 1)
  double expected = 0;       // expected_rate * exposure
  double p_value = 1, q_value = 1;
  std::vector<QualityCount> top_reasons;  // returned lines by reason in the window, most first (5)
  std::vector<QualityCount> lots;         // returned units by lot in the window, most first (10)
  std::vector<std::int64_t> cases;        // the window's cases, by id (at most 100)
  std::int64_t case_count = 0;            // all of them
  // The serials on the subject's lines of the listed cases, consecutive ones collapsed into
  // ranges: the 20 ranges with most serials, by prefix and number (domain/serial_ranges.hpp).
  std::vector<QualitySerialRange> serial_ranges;
  std::int64_t serial_count = 0;  // distinct serials on those lines
  std::int64_t serial_range_count = 0;  // the ranges they make, listed or not

  // Its record: raised (event quality.alert) at, by this scan or an earlier one; acknowledged.
  bool raised_now = false;
  std::optional<Timestamp> raised_at;
  std::optional<Timestamp> acknowledged_at;
  std::string acknowledged_by, acknowledgment_note;
};

struct QualityScanResult {
  Date window_from, window_to, history_from, history_to;
  std::int64_t tested = 0;  // tests that met the minimum counts (the FDR's m)
  std::int64_t raised = 0;  // alerts recorded by this scan
  std::vector<QualityAlert> alerts;  // q <= fdr and observed/expected >= min_ratio, by q then id
};

// What quality.acknowledge answers: the acknowledgment recorded (or, when the alert was already
// acknowledged and not raised again since, the earlier one: `recorded` false).
struct QualityAcknowledgment {
  std::string id;
  Timestamp acknowledged_at;
  std::string acknowledged_by;
  std::string note;
  bool recorded = false;
};

}  // namespace rma
