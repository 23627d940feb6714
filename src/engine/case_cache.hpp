// engine/case_cache.hpp — the most recently used cases, whole, so that a command on a case that
// was just written needs no reload from the store.
//
// The engine keeps it exact: its own writes replace entries, other processes' events and
// rolled-back transactions erase them. Not thread-safe: the engine serializes access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <unordered_map>

#include "rma/case.hpp"
#include "store/store.hpp"

namespace rma {

class CaseCache {
 public:
  explicit CaseCache(std::size_t capacity) : capacity_(capacity) {}

  const Case* find(std::int64_t id);
  void put(const Case& c);
  void erase(std::int64_t id);
  void clear();
  // An estimate of the memory the cached cases hold: their values plus the larger text blocks.
  std::int64_t memory_bytes() const;

 private:
  std::size_t capacity_;
  std::list<Case> order_;  // most recently used first
  std::unordered_map<std::int64_t, std::list<Case>::iterator> by_id_;
};

// What a case's row in the store holds, taken from the whole case.
store::CaseRow row_of(const Case& c);

}  // namespace rma
