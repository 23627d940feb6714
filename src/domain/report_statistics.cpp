#include "domain/report_statistics.hpp"

#include <algorithm>

namespace rma::domain {

std::int64_t mean_half_even(std::int64_t sum, std::int64_t count) noexcept {
  std::int64_t q = sum / count;
  std::int64_t r = sum % count;
  if (r < 0) {  // floor division, so that the remainder is in [0, count)
    q -= 1;
    r += count;
  }
  const std::int64_t twice = 2 * r;
  if (twice > count || (twice == count && (q % 2 != 0))) ++q;
  return q;
}

std::int64_t nearest_rank(std::int64_t n, int percent) noexcept {
  const std::int64_t rank = (n * percent + 99) / 100;
  return std::max<std::int64_t>(rank, 1);
}

std::int64_t percentile_of(std::vector<std::int64_t>& values, std::size_t first, std::size_t last, int percent) {
  const auto n = static_cast<std::int64_t>(last - first);
  const auto at = values.begin() + static_cast<std::ptrdiff_t>(first) + (nearest_rank(n, percent) - 1);
  std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(first), at,
                   values.begin() + static_cast<std::ptrdiff_t>(last));
  return *at;
}

std::int64_t median_of(std::vector<std::int64_t>& values, std::size_t first, std::size_t last) {
  const std::size_t n = last - first;
  const auto begin = values.begin() + static_cast<std::ptrdiff_t>(first);
  const auto end = values.begin() + static_cast<std::ptrdiff_t>(last);
  const auto upper = begin + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(begin, upper, end);
  if (n % 2 == 1) return *upper;
  // The lower middle is the largest value before the upper one.
  const std::int64_t lower = *std::max_element(begin, upper);
  // The mean of two int64 values without overflow: their sum as two halves.
  const std::int64_t sum_half = lower / 2 + *upper / 2;
  const std::int64_t rest = lower % 2 + *upper % 2;  // -2..2
  return mean_half_even(sum_half * 2 + rest, 2);
}

}  // namespace rma::domain
