// domain/report_groups.hpp — the groups of one report: a key made of the dimensions' dense codes
// (code₀ + n₀·(code₁ + n₁·code₂)) mapped to a slot 1, 2, … in order of first sight; slot 0 is
// the totals. A small key space is a direct table, a large one an open-addressing hash; either
// way a report past its group limit stops at the first group too many.
#pragma once

#include <cstdint>
#include <vector>

namespace rma::domain {

class ReportGroups {
 public:
  // `key_space`: the product of the dimensions' code counts (1 without dimensions).
  // `max_groups`: past it, slot() throws too_large naming "dimensions".
  ReportGroups(std::uint64_t key_space, std::int64_t max_groups);

  // The slot of `key`, a new one when first seen.
  std::uint32_t slot(std::uint64_t key) {
    if (!direct_.empty()) {
      std::uint32_t& s = direct_[key];
      if (s == 0) s = add(key);
      return s;
    }
    return hashed(key);
  }

  std::uint32_t groups() const { return static_cast<std::uint32_t>(keys_.size()) - 1; }
  std::uint64_t key_of(std::uint32_t slot) const { return keys_[slot]; }

 private:
  std::uint32_t add(std::uint64_t key);
  std::uint32_t hashed(std::uint64_t key);
  void grow();

  std::int64_t max_groups_;
  std::vector<std::uint32_t> direct_;   // by key: slot, 0 unseen
  std::vector<std::uint64_t> table_keys_;  // open addressing: key + 1, 0 empty
  std::vector<std::uint32_t> table_slots_;
  std::vector<std::uint64_t> keys_;     // by slot
};

}  // namespace rma::domain
