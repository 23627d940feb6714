// store/sqlite/sla_due.hpp — the stored due times of open SLA clocks (schema versions 11 and 12):
// one row per clock, keyed by (due_at, case_id, clock) for "due within" and "overdue"; the case
// row lists its rows' due times for the engine's rewrite of one case (Store::put_sla_due …;
// schema.cpp says why this shape).
//
// A database that had cases before version 11 is marked by the setting 'sla_due.incomplete';
// clear_sla_due() removes it in the transaction in which the engine writes every case's rows.
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "store/sqlite/statements.hpp"
#include "store/store.hpp"

namespace rma::store {

class SqliteSlaDue {
 public:
  explicit SqliteSlaDue(SQLite::Database& db) : statements_(db) {}

  void put(std::int64_t case_id, const std::vector<Store::SlaDueRow>& rows);
  void clear();
  bool incomplete();
  std::vector<Store::SlaDueRow> rows(Timestamp now, std::optional<std::int64_t> within_seconds, std::int32_t limit);

 private:
  Statements statements_;
};

}  // namespace rma::store
