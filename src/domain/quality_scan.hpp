// domain/quality_scan.hpp — which SKUs, lots and suppliers returned more than they should
// (rma/quality.hpp, docs/reports.md "Quality alerts"): a pure function over the report columns
// (domain/report_facts.hpp, with the sold lines loaded).
//
// For each subject it counts, in the window and in the history before it, the units returned
// (case lines of live cases created on those UTC days), the units sold (sold lines dated on those
// days) and the returned lines by reason code. Each subject then gets up to four kinds of test,
// each only when the minimum counts hold (the gates below): its return rate and the share of each
// of its reasons, against its own history and against its category in the window. The q-values
// of every test taken together decide the alerts.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/report_facts.hpp"
#include "rma/quality.hpp"

namespace rma::domain {

// The request within bounds; out_of_range (or invalid_argument) naming the member otherwise.
void check_quality_request(const QualityScanRequest& request);

// Days since 1970-01-01, both ends included: the window ends on the day of `now`.
struct QualityDays {
  std::int64_t window_first = 0, window_last = 0, history_first = 0, history_last = 0;
};
QualityDays quality_days(const QualityScanRequest& request, Timestamp now);

// One test: what was counted and its p-value.
struct QualityTest {
  QualitySignal signal = QualitySignal::return_rate;
  QualityBaseline baseline = QualityBaseline::history;
  std::int64_t observed = 0, exposure = 0, baseline_observed = 0, baseline_exposure = 0;
  double expected_rate = 0, expected = 0, p_value = 1;
};

// The Poisson test of `returned` units against `sold` units, the baseline having returned
// `base_returned` of `base_sold`: taken when returned >= min_returns, sold >= min_sold and
// base_sold >= min_sold. The expected rate is (base_returned + 0.5) / base_sold, so a baseline
// without returns still expects some.
std::optional<QualityTest> rate_test(std::int64_t returned, std::int64_t sold, std::int64_t base_returned,
                                     std::int64_t base_sold, const QualityScanRequest& request);

// The binomial test of `with_reason` of `lines` returned lines carrying one reason, the baseline
// having `base_with_reason` of `base_lines`: taken when with_reason >= min_returns and
// base_lines >= min_returns. The expected share is (base_with_reason + 0.5) / (base_lines + 1).
std::optional<QualityTest> share_test(std::int64_t with_reason, std::int64_t lines, std::int64_t base_with_reason,
                                      std::int64_t base_lines, const QualityScanRequest& request);

// A test is an alert when its q-value is at most fdr and it saw at least min_ratio times what
// was expected.
bool is_quality_alert(const QualityTest& test, double q_value, const QualityScanRequest& request) noexcept;

// The scan: every test, the q-values over them all, the alerts with their evidence (raised_* and
// acknowledged_* are the engine's).
QualityScanResult scan_quality(const ReportFacts& facts, const QualityScanRequest& request, Timestamp now);

}  // namespace rma::domain
