// engine/fraud_memo.hpp — the fraud signals last computed for the most recently read customers,
// so that staff reading an undecided case again pay no store reads for them.
//
// The engine keeps it exact as it keeps the case cache: its own committed events forget the
// customers whose cases they changed (or everything, for an event about no case: a sales import,
// a configuration, a party, an erasure of a customer); another process's commit, a rolled-back
// command and anything computed inside a transaction are never served. Not thread-safe: the
// engine serializes access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "rma/fraud.hpp"

namespace rma {

class FraudMemo {
 public:
  explicit FraudMemo(std::size_t capacity) : capacity_(capacity) {}

  // The signals remembered for the customer, or null.
  const FraudSignals* find(const std::string& customer_id);
  // Remembers the customer's signals and the cases they were computed from.
  void put(const std::string& customer_id, FraudSignals signals, std::vector<std::int64_t> case_ids);
  void forget_customer(const std::string& customer_id);
  // Forgets every customer whose signals read the case.
  void forget_case(std::int64_t case_id);
  void clear();
  std::size_t size() const { return by_customer_.size(); }

 private:
  struct Entry {
    std::string customer_id;
    FraudSignals signals;
    std::vector<std::int64_t> case_ids;  // ascending
  };
  void erase(std::list<Entry>::iterator it);

  std::size_t capacity_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_customer_;
  // Which remembered customers read each case (a case counts for one customer, so one mostly).
  std::unordered_multimap<std::int64_t, std::string> readers_;
};

}  // namespace rma
