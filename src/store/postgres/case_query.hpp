// store/postgres/case_query.hpp — case.query on PostgreSQL: runs the statements of the
// backend-neutral plan (store/case_query_sql.hpp) in one read snapshot, with PostgreSQL's dialect
// (jsonb operators; no steering, since its planner keeps statistics of its own).
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rma/query.hpp"
#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace rma::store::pg {

class PgCaseQueries {
 public:
  PgCaseQueries(Connection& db, std::int64_t count_cap) : db_(db), count_cap_(count_cap) {}

  CasePage run(const CaseQuery& query, const CaseScope& scope, const std::vector<std::string>& closed_statuses,
               Timestamp now);
  // The ids of the cases of `scope` matching the query's filters, ascending (Store::matching_case_ids).
  std::vector<std::int64_t> matching_ids(const CaseQuery& query, const CaseScope& scope,
                                         const std::vector<std::string>& closed_statuses, Timestamp now);
  std::int64_t count_all() { return counted("all", std::string()); }
  // Live cases whose column `dim` holds `value`, from the counters the triggers keep.
  std::int64_t counted(const std::string& dim, const std::string& value);

 private:
  Connection& db_;
  std::int64_t count_cap_;
};

}  // namespace rma::store::pg
