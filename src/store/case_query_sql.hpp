// store/case_query_sql.hpp — case.query as SQL, the same for every backend: the filters, the
// actor's scope, the order, the keyset cursor and the page as one SELECT on the case indexes,
// and how its total is found. A backend runs the statements and reads the rows; what differs
// between SQL dialects (JSON functions, hints to the planner) is its CaseQueryDialect.
//
// Every value is a bound parameter, written `?` in order (a backend that numbers its parameters
// renumbers them); the SQL text is put together only from fixed fragments chosen by which
// filters are set, so no request text is ever pasted into SQL. The scope (a customer's or a
// supplier's own cases) is a term of the same WHERE clause as the filters.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/query.hpp"
#include "store/case_cursor.hpp"
#include "store/store.hpp"

namespace rma::store {

using SqlValue = std::variant<std::int64_t, double, std::string>;

// SQL of fixed fragments, each `?` bound, in order, to a value of `values`.
struct SqlText {
  std::string sql;
  std::vector<SqlValue> values;

  template <class... Values>
  void term(const char* fragment, Values&&... bound) {
    sql += " AND ";
    sql += fragment;
    (values.emplace_back(std::forward<Values>(bound)), ...);
  }
};

// What one SQL dialect writes its own way.
class CaseQueryDialect {
 public:
  virtual ~CaseQueryDialect() = default;
  // `column = ?` without using the column's index (status, assignee: steered by the counters).
  virtual const char* equal_unindexed(const char* column) const = 0;
  // c.custom_fields (JSON object text) has member `name` of the same JSON type and value.
  virtual void custom_field(SqlText& where, const std::string& name, const nlohmann::json& value) const = 0;
  // c.status is one of the strings of the JSON array bound to the term's one `?`.
  virtual const char* status_in_json_array() const = 0;
  // Whether the planner needs the steering of the counters (SQLite has no statistics).
  virtual bool steer_by_counters() const = 0;
};

// The columns of a CaseRow, shared by the single-case look-up and case queries, in every backend.
#define RMA_CASE_ROW_SELECT                                                                             \
  "SELECT id, number, kind, category, channel, customer_id, supplier_id, status, priority, assignee, team," \
  " created_at, updated_at, version FROM cases WHERE deleted_at IS NULL"

// A case query as statements. The page's SELECT lists the CaseRow columns in the order of
// RMA_CASE_ROW_SELECT, then the sort key (column 14); it asks for one row past the page.
struct CaseQueryPlan {
  std::string fingerprint;
  bool integer_key = false;   // the sort key is read as an integer
  bool id_sort = false;       // the sort key is the id: the cursor holds none
  SqlText page;
  // The total: from the counters (dim, value), else by `count` (capped at count_cap + 1 rows).
  std::optional<std::pair<std::string, std::string>> counter;
  SqlText count;
};

// Totals. A query whose only terms are one equality on a counted column (status, kind, channel,
// category, priority, resolution, team, assignee), or a status and one other counted column, or
// that has no term at all, reads its total from case_counts: exact at any size. Any other query
// counts its matches, stopping after `count_cap` (Limits::max_counted_total). `counted(dim,
// value)` reads a counter (for steering the planner). A cursor that does not fit the query is
// invalid_argument "cursor". `now`: the engine's clock, for sla_due_within.
CaseQueryPlan plan_case_query(const CaseQuery& query, const CaseScope& scope,
                              const std::vector<std::string>& closed_statuses, Timestamp now,
                              const CaseQueryDialect& dialect, std::int64_t count_cap,
                              const std::function<std::int64_t(const std::string&, const std::string&)>& counted);

// The ids of the cases of `scope` that match `query`'s filters (its order and paging are not
// read), ascending, as one SELECT: the filters of a report that only the store can answer
// (serial, number_prefix, custom_fields, sla_due_within). Planned without the counters' steering.
SqlText plan_matching_ids(const CaseQuery& query, const CaseScope& scope,
                          const std::vector<std::string>& closed_statuses, Timestamp now,
                          const CaseQueryDialect& dialect);

// Fills a page from the page SELECT's rows, in order: add() takes each row with its sort key's
// text and returns false (the next cursor set) once the page was full already: that row only
// told that a next page exists.
class CasePageReader {
 public:
  CasePageReader(CasePage& page, const CaseQuery& query, const CaseQueryPlan& plan)
      : page_(page), query_(query), plan_(plan) {}
  bool add(CaseRow row, std::string key);

 private:
  CasePage& page_;
  const CaseQuery& query_;
  const CaseQueryPlan& plan_;
  CaseCursor last_;
};

// The counted total as the page reports it (count_cap: total_exact false past it).
void set_counted_total(CasePage& page, std::int64_t counted, std::int64_t count_cap);

}  // namespace rma::store
