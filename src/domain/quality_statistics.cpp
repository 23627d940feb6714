#include "domain/quality_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rma::domain {
namespace {

constexpr int kMaxIterations = 10000;
constexpr double kEpsilon = 1e-15;
constexpr double kTiny = 1e-300;

// P(a, x), the regularized lower incomplete gamma function, by its series (x < a + 1) or by the
// continued fraction of Q = 1 - P (Lentz's method), as in Numerical Recipes §6.2.
double lower_gamma_regularized(double a, double x) noexcept {
  if (x <= 0) return 0;
  const double log_front = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1) {
    double term = 1 / a, sum = term;
    for (int n = 1; n < kMaxIterations; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * kEpsilon) break;
    }
    return std::min(1.0, sum * std::exp(log_front));
  }
  double b = x + 1 - a, c = 1 / kTiny, d = 1 / b, h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return std::max(0.0, 1 - std::exp(log_front) * h);
}

// The continued fraction of the incomplete beta function (Numerical Recipes §6.4).
double beta_fraction(double a, double b, double x) noexcept {
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m < kMaxIterations; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return h;
}

// I_x(a, b), the regularized incomplete beta function.
double beta_regularized(double a, double b, double x) noexcept {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  // The fraction converges fast on the side of the mean; the other side by symmetry.
  if (x < (a + 1) / (a + b + 2)) return std::exp(log_front) * beta_fraction(a, b, x) / a;
  return 1 - std::exp(log_front) * beta_fraction(b, a, 1 - x) / b;
}

}  // namespace

double poisson_upper_tail(std::int64_t k, double lambda) noexcept {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X >= k) = P(k, lambda): the chance the k-th event comes by time lambda.
  return lower_gamma_regularized(static_cast<double>(k), lambda);
}

double binomial_upper_tail(std::int64_t k, std::int64_t n, double p) noexcept {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // P(X >= k) = I_p(k, n - k + 1).
  return std::clamp(beta_regularized(static_cast<double>(k), static_cast<double>(n - k + 1), p), 0.0, 1.0);
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> q(m, 1.0);
  double running = 1.0;
  for (std::size_t i = m; i-- > 0;) {
    const double scaled = p[order[i]] * static_cast<double>(m) / static_cast<double>(i + 1);
    running = std::min(running, scaled);
    q[order[i]] = std::min(1.0, running);
  }
  return q;
}

}  // namespace rma::domain
