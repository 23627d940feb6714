#include "store/sla_due_keys.hpp"

#include <algorithm>
#include <charconv>

#include "rma/error.hpp"

namespace rma::store {

std::string sla_due_keys(std::vector<std::int64_t> times) {
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  std::string out;
  for (std::int64_t t : times) {
    if (!out.empty()) out += ' ';
    out += std::to_string(t);
  }
  return out;
}

std::vector<std::int64_t> sla_due_times(const std::string& keys) {
  std::vector<std::int64_t> out;
  const char* at = keys.data();
  const char* const end = keys.data() + keys.size();
  while (at < end) {
    std::int64_t t = 0;
    const auto [next, error] = std::from_chars(at, end, t);
    if (error != std::errc() || (next != end && *next != ' ')) {
      throw Error(Status::storage, "cases.sla_due", "stored due times do not parse: '" + keys + "'");
    }
    out.push_back(t);
    at = next == end ? end : next + 1;
  }
  return out;
}

}  // namespace rma::store
