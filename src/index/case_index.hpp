// index/case_index.hpp — in-memory views of all cases for look-ups that never scan a table.
//
// Holds one CaseRow per case in a Boost.MultiIndex container (by id, number, customer, status,
// assignee, creation time) plus a serial → case map. The engine keeps it in step with the event
// log: its own commits update it directly, other processes' commits are replayed from `events`.
// Not thread-safe: the engine serializes access.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "rma/query.hpp"
#include "store/store.hpp"

namespace rma::index {

class CaseIndex {
 public:
  CaseIndex();
  ~CaseIndex();
  CaseIndex(const CaseIndex&) = delete;
  CaseIndex& operator=(const CaseIndex&) = delete;

  void clear();
  void upsert(store::CaseRow row);  // replaces the row with the same id
  void erase(std::int64_t case_id);

  const store::CaseRow* find(std::int64_t case_id) const;
  const store::CaseRow* find_by_number(const std::string& number) const;

  // Filters, sorts and pages. `query.limit` and `offset` must already be validated. A non-empty
  // `supplier_id` keeps only the cases sent to that supplier (what a supplier actor may see).
  CasePage query(const CaseQuery& query, const std::string& supplier_id = std::string()) const;

  std::int64_t size() const;
  std::vector<std::int64_t> ids() const;  // every case, in no particular order
  std::int64_t memory_bytes() const;  // an estimate: nodes plus string heap blocks

 private:
  struct Containers;
  std::unique_ptr<Containers> c_;
};

CaseSummary summary_of(const store::CaseRow& row);
store::CaseRow row_of(const Case& c);

}  // namespace rma::index
