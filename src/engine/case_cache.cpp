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

namespace {

std::int64_t heap_bytes(const std::string& s) {
  // libstdc++ keeps up to 15 characters inside the string object itself.
  return s.size() > 15 ? static_cast<std::int64_t>(s.capacity() + 1) : 0;
}

std::int64_t case_bytes(const Case& c) {
  std::int64_t bytes = static_cast<std::int64_t>(sizeof(Case)) + heap_bytes(c.custom_fields) + heap_bytes(c.valuation);
  bytes += static_cast<std::int64_t>(c.lines.capacity() * sizeof(CaseLine) + c.notes.capacity() * sizeof(Note) +
                                     c.attachments.capacity() * sizeof(Attachment) +
                                     c.actions.capacity() * sizeof(Action) +
                                     c.repairs.capacity() * sizeof(RepairOperation));
  for (const CaseLine& l : c.lines) bytes += heap_bytes(l.warranty) + heap_bytes(l.eligibility);
  for (const Note& n : c.notes) bytes += heap_bytes(n.body);
  return bytes;
}

}  // namespace

std::int64_t CaseCache::memory_bytes() const {
  // A list node holds two pointers besides its case; the hash map about three per entry.
  std::int64_t bytes = 0;
  for (const Case& c : order_) bytes += case_bytes(c) + 5 * static_cast<std::int64_t>(sizeof(void*));
  return bytes;
}

store::CaseRow row_of(const Case& c) {
  store::CaseRow r;
  r.id = c.id;
  r.number = c.number;
  r.kind = c.kind;
  r.category = c.category;
  r.channel = c.channel;
  r.customer_id = c.customer_id;
  r.supplier_id = c.supplier_id;
  r.status = c.status;
  r.priority = c.priority;
  r.assignee = c.assignee;
  r.team = c.team;
  r.created_at = c.created_at;
  r.updated_at = c.updated_at;
  r.version = c.version;
  return r;
}

}  // namespace rma
