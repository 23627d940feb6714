// The exact tests and the FDR control of quality alerts (domain/quality_statistics.hpp), and the
// gates a test must pass (domain/quality_scan.hpp), each on both sides of its threshold.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "domain/quality_scan.hpp"
#include "domain/quality_statistics.hpp"
#include "rma/error.hpp"

using namespace rma;
using domain::binomial_upper_tail;
using domain::poisson_upper_tail;

namespace {

// P(X >= k) by summing the binomial terms in log space: the slow definition.
double binomial_sum(std::int64_t k, std::int64_t n, double p) {
  double sum = 0;
  for (std::int64_t i = k; i <= n; ++i) {
    const double log_term = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) + i * std::log(p) +
                            (n - i) * std::log1p(-p);
    sum += std::exp(log_term);
  }
  return sum;
}

// P(X >= k) by summing the Poisson terms from k up (no cancellation in 1 - P(X < k)), until they
// no longer count.
double poisson_sum(std::int64_t k, double lambda) {
  double sum = 0;
  for (std::int64_t i = k; i < k + 100000; ++i) {
    const double term = std::exp(i * std::log(lambda) - lambda - std::lgamma(i + 1.0));
    sum += term;
    if (i > lambda && term < sum * 1e-18) break;
  }
  return sum;
}

// Equal to a relative 1e-9: tails reach far below any absolute tolerance.
bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

TEST_CASE("quality statistics: the Poisson upper tail") {
  // λ = 2: P(X >= 5) = 1 - e^-2 (1 + 2 + 2 + 4/3 + 2/3) = 1 - 7 e^-2.
  CHECK(poisson_upper_tail(5, 2.0) == doctest::Approx(1 - 7 * std::exp(-2.0)).epsilon(1e-12));
  CHECK(poisson_upper_tail(1, 0.5) == doctest::Approx(1 - std::exp(-0.5)).epsilon(1e-12));
  CHECK(poisson_upper_tail(0, 3.0) == 1.0);
  CHECK(poisson_upper_tail(-1, 3.0) == 1.0);
  CHECK(poisson_upper_tail(1, 0.0) == 0.0);
  // Both methods (series below a + 1, continued fraction above) against the sum.
  for (const double lambda : {0.3, 4.1, 25.0, 180.0}) {
    for (const std::int64_t k : {1, 3, 10, 20, 40, 200}) {
      CAPTURE(lambda);
      CAPTURE(k);
      CHECK(close(poisson_upper_tail(k, lambda), poisson_sum(k, lambda)));
    }
  }
}

TEST_CASE("quality statistics: the binomial upper tail") {
  // n = 10, p = 1/2: P(X >= 8) = (45 + 10 + 1) / 1024.
  CHECK(binomial_upper_tail(8, 10, 0.5) == doctest::Approx(56.0 / 1024).epsilon(1e-12));
  CHECK(binomial_upper_tail(10, 10, 0.5) == doctest::Approx(1.0 / 1024).epsilon(1e-12));
  CHECK(binomial_upper_tail(1, 10, 0.5) == doctest::Approx(1 - 1.0 / 1024).epsilon(1e-12));
  CHECK(binomial_upper_tail(0, 10, 0.5) == 1.0);
  CHECK(binomial_upper_tail(11, 10, 0.5) == 0.0);
  CHECK(binomial_upper_tail(3, 10, 0.0) == 0.0);
  CHECK(binomial_upper_tail(3, 10, 1.0) == 1.0);
  for (const double p : {0.01, 0.2, 0.7}) {
    for (const std::int64_t k : {1, 5, 20, 150}) {
      CAPTURE(p);
      CAPTURE(k);
      CHECK(close(binomial_upper_tail(k, 1000, p), binomial_sum(k, 1000, p)));
    }
  }
}

TEST_CASE("quality statistics: Benjamini-Hochberg q-values") {
  // Sorted: 0.005 (x4/1 = 0.02), 0.01 (x4/2 = 0.02), 0.03 (x4/3 = 0.04), 0.04 (x4/4 = 0.04).
  const std::vector<double> q = domain::benjamini_hochberg({0.01, 0.04, 0.03, 0.005});
  REQUIRE(q.size() == 4);
  CHECK(q[0] == doctest::Approx(0.02));
  CHECK(q[1] == doctest::Approx(0.04));
  CHECK(q[2] == doctest::Approx(0.04));
  CHECK(q[3] == doctest::Approx(0.02));
  // The running minimum from the top: a larger p-value never gets a smaller q.
  const std::vector<double> monotone = domain::benjamini_hochberg({0.02, 0.021, 0.9});
  CHECK(monotone[0] == doctest::Approx(0.0315));
  CHECK(monotone[1] == doctest::Approx(0.0315));
  CHECK(monotone[2] == doctest::Approx(0.9));
  CHECK(domain::benjamini_hochberg({0.6, 0.7})[0] == doctest::Approx(0.7));  // capped by the running minimum
  CHECK(domain::benjamini_hochberg({}).empty());
}

TEST_CASE("quality gates: minimum counts of the rate test") {
  QualityScanRequest r;
  r.min_returns = 5;
  r.min_sold = 50;
  CHECK_FALSE(domain::rate_test(4, 50, 10, 500, r).has_value());
  CHECK(domain::rate_test(5, 50, 10, 500, r).has_value());
  CHECK_FALSE(domain::rate_test(5, 49, 10, 500, r).has_value());
  CHECK_FALSE(domain::rate_test(5, 50, 10, 49, r).has_value());
  CHECK(domain::rate_test(5, 50, 0, 50, r).has_value());
  const domain::QualityTest t = *domain::rate_test(20, 200, 20, 1000, r);
  CHECK(t.expected_rate == doctest::Approx(20.5 / 1000));
  CHECK(t.expected == doctest::Approx(4.1));
  CHECK(close(t.p_value, poisson_sum(20, 4.1)));
}

TEST_CASE("quality gates: minimum counts of the share test") {
  QualityScanRequest r;
  r.min_returns = 5;
  CHECK_FALSE(domain::share_test(4, 10, 1, 20, r).has_value());
  CHECK(domain::share_test(5, 10, 1, 20, r).has_value());
  CHECK_FALSE(domain::share_test(5, 10, 1, 4, r).has_value());
  CHECK(domain::share_test(5, 10, 0, 5, r).has_value());
  const domain::QualityTest t = *domain::share_test(8, 10, 4, 39, r);
  CHECK(t.expected_rate == doctest::Approx(4.5 / 40));
  CHECK(t.expected == doctest::Approx(1.125));
  CHECK(close(t.p_value, binomial_sum(8, 10, 4.5 / 40)));
}

TEST_CASE("quality gates: an alert needs q <= fdr and observed >= min_ratio x expected") {
  QualityScanRequest r;
  r.fdr = 0.05;
  r.min_ratio = 1.5;
  domain::QualityTest t;
  t.observed = 15;
  t.expected = 10;
  CHECK(domain::is_quality_alert(t, 0.05, r));
  CHECK_FALSE(domain::is_quality_alert(t, std::nextafter(0.05, 1.0), r));
  t.expected = 15.0 / 1.5;
  CHECK(domain::is_quality_alert(t, 0.01, r));
  t.expected = std::nextafter(10.0, 11.0);
  CHECK_FALSE(domain::is_quality_alert(t, 0.01, r));
}

TEST_CASE("quality scan request: bounds name the member") {
  auto refused = [](void (*change)(QualityScanRequest&)) -> std::string {
    QualityScanRequest r;
    change(r);
    try {
      domain::check_quality_request(r);
    } catch (const Error& e) {
      return e.field();
    }
    return "";
  };
  CHECK(refused([](QualityScanRequest& r) { r.window_days = 0; }) == "window_days");
  CHECK(refused([](QualityScanRequest& r) { r.window_days = 1; }).empty());
  CHECK(refused([](QualityScanRequest& r) { r.window_days = 366; }).empty());
  CHECK(refused([](QualityScanRequest& r) { r.window_days = 367; }) == "window_days");
  CHECK(refused([](QualityScanRequest& r) { r.history_days = 0; }) == "history_days");
  CHECK(refused([](QualityScanRequest& r) { r.history_days = 3660; }).empty());
  CHECK(refused([](QualityScanRequest& r) { r.history_days = 3661; }) == "history_days");
  CHECK(refused([](QualityScanRequest& r) { r.fdr = 0; }) == "fdr");
  CHECK(refused([](QualityScanRequest& r) { r.fdr = 0.5; }).empty());
  CHECK(refused([](QualityScanRequest& r) { r.fdr = 0.5001; }) == "fdr");
  CHECK(refused([](QualityScanRequest& r) { r.min_returns = 0; }) == "min_returns");
  CHECK(refused([](QualityScanRequest& r) { r.min_returns = 1; }).empty());
  CHECK(refused([](QualityScanRequest& r) { r.min_sold = 0; }) == "min_sold");
  CHECK(refused([](QualityScanRequest& r) { r.min_ratio = 0.999; }) == "min_ratio");
  CHECK(refused([](QualityScanRequest& r) { r.min_ratio = 1; }).empty());
  CHECK(refused([](QualityScanRequest& r) { r.subjects.clear(); }) == "subjects");
  CHECK(refused([](QualityScanRequest& r) { r.subjects = {QualitySubject::lot, QualitySubject::lot}; }) ==
        "subjects[1]");
}

TEST_CASE("quality scan: the window ends with the UTC day of now") {
  QualityScanRequest r;
  r.window_days = 30;
  r.history_days = 180;
  const domain::QualityDays a = domain::quality_days(r, Timestamp::from_iso("2026-06-30T23:59:59.999999Z"));
  const domain::QualityDays b = domain::quality_days(r, Timestamp::from_iso("2026-07-01T00:00:00Z"));
  CHECK(a.window_last + 1 == b.window_last);
  CHECK(a.window_last - a.window_first + 1 == 30);
  CHECK(a.history_last + 1 == a.window_first);
  CHECK(a.history_last - a.history_first + 1 == 180);
}
