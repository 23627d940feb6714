#include "domain/report_groups.hpp"

#include <string>

#include "rma/error.hpp"

namespace rma::domain {
namespace {

// Direct tables up to 4 MiB of slots: cleared in well under a millisecond.
constexpr std::uint64_t kDirectKeys = std::uint64_t{1} << 20;

std::uint64_t mix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

}  // namespace

ReportGroups::ReportGroups(std::uint64_t key_space, std::int64_t max_groups) : max_groups_(max_groups) {
  keys_.push_back(0);  // slot 0: the totals
  if (key_space <= kDirectKeys) {
    direct_.assign(static_cast<std::size_t>(key_space == 0 ? 1 : key_space), 0);
  } else {
    table_keys_.assign(1024, 0);
    table_slots_.assign(1024, 0);
  }
}

std::uint32_t ReportGroups::add(std::uint64_t key) {
  if (static_cast<std::int64_t>(keys_.size()) > max_groups_) {
    throw Error(Status::too_large, "dimensions",
                "the report has more than " + std::to_string(max_groups_) +
                    " groups (limits.max_report_groups): filter it or group by fewer dimensions",
                "report_too_large");
  }
  keys_.push_back(key);
  return static_cast<std::uint32_t>(keys_.size() - 1);
}

std::uint32_t ReportGroups::hashed(std::uint64_t key) {
  const std::size_t mask = table_keys_.size() - 1;
  for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
    if (table_keys_[i] == key + 1) return table_slots_[i];
    if (table_keys_[i] == 0) {
      const std::uint32_t s = add(key);
      table_keys_[i] = key + 1;
      table_slots_[i] = s;
      if (keys_.size() * 2 > table_keys_.size()) grow();
      return s;
    }
  }
}

void ReportGroups::grow() {
  std::vector<std::uint64_t> keys(table_keys_.size() * 2, 0);
  std::vector<std::uint32_t> slots(keys.size(), 0);
  const std::size_t mask = keys.size() - 1;
  for (std::size_t j = 0; j < table_keys_.size(); ++j) {
    if (table_keys_[j] == 0) continue;
    std::size_t i = mix(table_keys_[j] - 1) & mask;
    while (keys[i] != 0) i = (i + 1) & mask;
    keys[i] = table_keys_[j];
    slots[i] = table_slots_[j];
  }
  table_keys_.swap(keys);
  table_slots_.swap(slots);
}

}  // namespace rma::domain
