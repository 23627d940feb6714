#include "engine/fraud_memo.hpp"

#include <algorithm>
#include <utility>

namespace rma {

const FraudSignals* FraudMemo::find(const std::string& customer_id) {
  auto it = by_customer_.find(customer_id);
  if (it == by_customer_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return &it->second->signals;
}

void FraudMemo::put(const std::string& customer_id, FraudSignals signals, std::vector<std::int64_t> case_ids) {
  if (capacity_ == 0) return;
  forget_customer(customer_id);
  std::sort(case_ids.begin(), case_ids.end());
  for (std::int64_t id : case_ids) readers_.emplace(id, customer_id);
  order_.push_front(Entry{customer_id, std::move(signals), std::move(case_ids)});
  by_customer_.emplace(customer_id, order_.begin());
  if (order_.size() > capacity_) erase(std::prev(order_.end()));
}

void FraudMemo::erase(std::list<Entry>::iterator it) {
  for (std::int64_t id : it->case_ids) {
    auto range = readers_.equal_range(id);
    for (auto r = range.first; r != range.second; ++r) {
      if (r->second == it->customer_id) {
        readers_.erase(r);
        break;
      }
    }
  }
  by_customer_.erase(it->customer_id);
  order_.erase(it);
}

void FraudMemo::forget_customer(const std::string& customer_id) {
  auto it = by_customer_.find(customer_id);
  if (it != by_customer_.end()) erase(it->second);
}

void FraudMemo::forget_case(std::int64_t case_id) {
  std::vector<std::string> customers;
  auto range = readers_.equal_range(case_id);
  for (auto r = range.first; r != range.second; ++r) customers.push_back(r->second);
  for (const std::string& customer : customers) forget_customer(customer);
}

void FraudMemo::clear() {
  order_.clear();
  by_customer_.clear();
  readers_.clear();
}

}  // namespace rma
