// domain/quality_statistics.hpp — the exact tests and the false-discovery-rate control of quality
// alerts (docs/reports.md, "Quality alerts"). Pure; no allocation but the q-values.
//
// Both tails are upper tails ("at least this many"), computed through the regularized incomplete
// gamma and beta functions (the closed forms of the Poisson and binomial sums) to double precision,
// so a test on a million units costs the same as one on ten.
#pragma once

#include <cstdint>
#include <vector>

namespace rma::domain {

// P(X >= k) for X ~ Poisson(lambda): the chance of seeing at least k returns when lambda were
// expected. 1 for k <= 0; 0 for k > 0 and lambda <= 0.
double poisson_upper_tail(std::int64_t k, double lambda) noexcept;

// P(X >= k) for X ~ Binomial(n, p): the chance that at least k of n lines carry a reason whose
// share is p. 1 for k <= 0; 0 for k > n, or k > 0 with p <= 0; 1 for p >= 1 and k <= n.
double binomial_upper_tail(std::int64_t k, std::int64_t n, double p) noexcept;

// Benjamini–Hochberg adjusted p-values (q-values), in the order of `p`: with the p-values sorted
// ascending, q(i) = min over j >= i of m·p(j)/j, at most 1. Rejecting every test with q <= α holds
// the expected share of false alerts among the alerts at α or below.
std::vector<double> benjamini_hochberg(const std::vector<double>& p);

}  // namespace rma::domain
