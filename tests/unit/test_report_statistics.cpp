// Report statistics on whole seconds: the mean rounded half to even, the median, and the
// nearest-rank p90 with few values (domain/report_statistics.hpp).
#include <doctest/doctest.h>

#include <vector>

#include "domain/report_statistics.hpp"

using namespace rma::domain;

namespace {

std::int64_t p90(std::vector<std::int64_t> v) { return percentile_of(v, 0, v.size(), 90); }
std::int64_t median(std::vector<std::int64_t> v) { return median_of(v, 0, v.size()); }

std::vector<std::int64_t> one_to(std::int64_t n) {
  std::vector<std::int64_t> v;
  for (std::int64_t i = n; i >= 1; --i) v.push_back(i);  // descending: the functions order them
  return v;
}

}  // namespace

TEST_CASE("report statistics: the mean rounds half to even, to a whole second") {
  CHECK(mean_half_even(10, 4) == 2);   // 2.5 -> 2
  CHECK(mean_half_even(14, 4) == 4);   // 3.5 -> 4
  CHECK(mean_half_even(9, 4) == 2);    // 2.25
  CHECK(mean_half_even(11, 4) == 3);   // 2.75
  CHECK(mean_half_even(-10, 4) == -2); // -2.5 -> -2
  CHECK(mean_half_even(-14, 4) == -4);
  CHECK(mean_half_even(7, 1) == 7);
}

TEST_CASE("report statistics: p90 takes the value at rank ceil(0.9 n), whatever the few values") {
  CHECK(nearest_rank(1, 90) == 1);
  CHECK(nearest_rank(2, 90) == 2);
  CHECK(nearest_rank(9, 90) == 9);    // 8.1 -> 9
  CHECK(nearest_rank(10, 90) == 9);   // exactly 9
  CHECK(nearest_rank(11, 90) == 10);  // 9.9 -> 10
  CHECK(nearest_rank(20, 90) == 18);
  CHECK(nearest_rank(21, 90) == 19);  // 18.9 -> 19
  CHECK(p90({42}) == 42);
  CHECK(p90({10, 20}) == 20);
  CHECK(p90(one_to(9)) == 9);
  CHECK(p90(one_to(10)) == 9);
  CHECK(p90(one_to(11)) == 10);
  CHECK(p90({5, 5, 5, 100}) == 100);
}

TEST_CASE("report statistics: the median is the middle value, or the mean of the two middle ones") {
  CHECK(median({42}) == 42);
  CHECK(median({3, 1, 2}) == 2);
  CHECK(median({4, 1, 3, 2}) == 2);   // (2 + 3) / 2 = 2.5 -> 2 (half to even)
  CHECK(median({1, 5, 3, 7}) == 4);   // (3 + 5) / 2
  CHECK(median({10, 20}) == 15);
  CHECK(median({1, 2}) == 2);         // 1.5 -> 2
  CHECK(median({7, 7, 7, 7}) == 7);
  // A range inside a larger vector, as groups are laid out.
  std::vector<std::int64_t> v = {100, 9, 1, 5, 200};
  CHECK(median_of(v, 1, 4) == 5);
  CHECK(percentile_of(v, 1, 4, 90) == 9);
}
