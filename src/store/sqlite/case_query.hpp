// store/sqlite/case_query.hpp — case.query in SQL: the filters, the actor's scope, the order and the
// page as one SELECT on the case indexes (schema version 8), and the total.
//
// Every value reaches SQLite as a bound parameter; the SQL text is put together only from fixed
// fragments chosen by which filters are set, so no request text is ever pasted into SQL. The scope
// (a customer's or a supplier's own cases) is a term of the same WHERE clause as the filters.
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "rma/query.hpp"
#include "store/store.hpp"

namespace rma::store {

class SqliteCaseQueries {
 public:
  explicit SqliteCaseQueries(SQLite::Database& db) : db_(db) {}

  CasePage run(const CaseQuery& query, const CaseScope& scope);
  // Live cases, from the counters the schema keeps in step with every write.
  std::int64_t count_all();

 private:
  // Prepared statements by SQL text: a list screen asks the same few shapes again and again.
  SQLite::Statement& prepared(const std::string& sql);

  SQLite::Database& db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace rma::store
