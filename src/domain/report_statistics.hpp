// domain/report_statistics.hpp — the statistics of report durations, on whole seconds.
//
// Definitions (docs/reports.md): the mean is the sum over the count, rounded half to even to a
// whole second; the median is the middle value, or for an even count the mean of the two middle
// values rounded the same way; p90 is the nearest-rank percentile: the value at rank ⌈0.9·n⌉ of
// the values in ascending order (1 value: it; 10 values: the 9th; 11 values: the 10th). Pure.
#pragma once

#include <cstdint>
#include <vector>

namespace rma::domain {

// sum / count rounded half to even; count > 0.
std::int64_t mean_half_even(std::int64_t sum, std::int64_t count) noexcept;

// The median of values[first, last) (reordered); a non-empty range.
std::int64_t median_of(std::vector<std::int64_t>& values, std::size_t first, std::size_t last);

// The nearest-rank `percent` percentile (1..100) of values[first, last) (reordered); non-empty.
std::int64_t percentile_of(std::vector<std::int64_t>& values, std::size_t first, std::size_t last, int percent);

// The rank (1-based) the nearest-rank percentile takes of n values: ⌈percent·n / 100⌉, at least 1.
std::int64_t nearest_rank(std::int64_t n, int percent) noexcept;

}  // namespace rma::domain
