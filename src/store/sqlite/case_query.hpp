// store/sqlite/case_query.hpp — case.query on SQLite: runs the statements of the backend-neutral
// plan (store/case_query_sql.hpp) in one read snapshot, with SQLite's dialect (JSON1, a unary +
// to keep its planner off an index).
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "rma/query.hpp"
#include "store/store.hpp"

namespace rma::store {

// Totals. A query whose only terms are one equality on a counted column (status, kind, channel,
// category, priority, resolution, team, assignee), or a status and one other counted column, or
// that has no term at all, reads its total from case_counts: exact at any size. Any other query counts its matches, stopping after
// `count_cap` (Limits::max_counted_total): up to there the total is exact; past it the total is
// `count_cap` and total_exact is false. A claimant's query is confined to its own cases, so it
// is counted, normally well below the cap.
class SqliteCaseQueries {
 public:
  SqliteCaseQueries(SQLite::Database& db, std::int64_t count_cap) : db_(db), count_cap_(count_cap) {}

  // `closed_statuses`: the states of category closed, for closed_from / closed_to; `now`: the
  // engine's clock, for sla_due_within.
  CasePage run(const CaseQuery& query, const CaseScope& scope, const std::vector<std::string>& closed_statuses,
               Timestamp now);
  // The ids of the cases of `scope` matching the query's filters, ascending (Store::matching_case_ids).
  std::vector<std::int64_t> matching_ids(const CaseQuery& query, const CaseScope& scope,
                                         const std::vector<std::string>& closed_statuses, Timestamp now);
  // Live cases, from the counters the schema keeps in step with every write.
  std::int64_t count_all();
  // Live cases whose column `dim` holds `value`, from the same counters.
  std::int64_t counted(const std::string& dim, const std::string& value);

 private:
  // Prepared statements by SQL text: a list screen asks the same few shapes again and again.
  SQLite::Statement& prepared(const std::string& sql);

  SQLite::Database& db_;
  std::int64_t count_cap_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace rma::store
