#include "engine/case_cache.hpp"

namespace rma {

const Case* CaseCache::find(std::int64_t id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return &*it->second;
}

void CaseCache::put(const Case& c) {
  if (capacity_ == 0) return;
  auto it = by_id_.find(c.id);
  if (it != by_id_.end()) {
    *it->second = c;
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.push_front(c);
  by_id_.emplace(c.id, order_.begin());
  if (order_.size() > capacity_) {
    by_id_.erase(order_.back().id);
    order_.pop_back();
  }
}

void CaseCache::erase(std::int64_t id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  order_.erase(it->second);
  by_id_.erase(it);
}

void CaseCache::clear() {
  order_.clear();
  by_id_.clear();
}

}  // namespace rma
