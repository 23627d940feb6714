#include "store/sqlite/case_query.hpp"
#include "store/sqlite/read_snapshot.hpp"

#include <sqlite3.h>

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "store/case_query_sql.hpp"
#include "store/sqlite/rows.hpp"

namespace rma::store {
namespace {

// SQLite's JSON1 functions; a unary + keeps its planner from using a column's index.
class SqliteDialect final : public CaseQueryDialect {
 public:
  const char* equal_unindexed(const char* column) const override {
    return std::string_view(column) == "c.status" ? "+c.status = ?" : "+c.assignee = ?";
  }

  // The same JSON type and value (a number equals a number of the same value, 3 and 3.0 alike).
  void custom_field(SqlText& w, const std::string& name, const nlohmann::json& value) const override {
    const std::string path = "$.\"" + name + "\"";  // checked free of quotes (domain/case_query_rules)
    if (value.is_string()) {
      w.term("json_type(c.custom_fields, ?) = 'text' AND json_extract(c.custom_fields, ?) = ?", path, path,
             value.get<std::string>());
    } else if (value.is_number_integer() && !value.is_number_unsigned()) {
      w.term("json_type(c.custom_fields, ?) IN ('integer', 'real') AND json_extract(c.custom_fields, ?) = ?", path,
             path, value.get<std::int64_t>());
    } else if (value.is_number()) {
      w.term("json_type(c.custom_fields, ?) IN ('integer', 'real') AND json_extract(c.custom_fields, ?) = ?", path,
             path, value.get<double>());
    } else if (value.is_boolean()) {
      w.term(value.get<bool>() ? "json_type(c.custom_fields, ?) = 'true'"
                               : "json_type(c.custom_fields, ?) = 'false'",
             path);
    } else {
      w.term("json_type(c.custom_fields, ?) = 'null'", path);
    }
  }

  const char* status_in_json_array() const override { return "c.status IN (SELECT value FROM json_each(?))"; }
  bool steer_by_counters() const override { return true; }
};

void bind_all(SQLite::Statement& s, const std::vector<SqlValue>& values) {
  int index = 1;
  for (const SqlValue& v : values) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      s.bind(index++, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      s.bind(index++, *d);
    } else {
      s.bind(index++, std::get<std::string>(v));
    }
  }
}

// Resets a cached statement when its use ends, so it holds no read lock afterwards.
struct ResetOnExit {
  SQLite::Statement& s;
  ~ResetOnExit() { s.tryReset(); }
};

}  // namespace

SQLite::Statement& SqliteCaseQueries::prepared(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    it->second->clearBindings();
    return *it->second;
  }
  // Shapes are few in practice; a host that builds many distinct ones does not grow this forever.
  if (statements_.size() >= 64) statements_.clear();
  return *statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first->second;
}

std::int64_t SqliteCaseQueries::counted(const std::string& dim, const std::string& value) {
  SQLite::Statement& s = prepared("SELECT COALESCE((SELECT n FROM case_counts WHERE dim = ? AND value = ?), 0)");
  ResetOnExit reset{s};
  s.bind(1, dim);
  s.bind(2, value);
  s.executeStep();
  return s.getColumn(0).getInt64();
}

std::int64_t SqliteCaseQueries::count_all() { return counted("all", std::string()); }

std::vector<std::int64_t> SqliteCaseQueries::matching_ids(const CaseQuery& q, const CaseScope& scope,
                                                          const std::vector<std::string>& closed_statuses,
                                                          Timestamp now) {
  static const SqliteDialect dialect;
  const SqlText plan = plan_matching_ids(q, scope, closed_statuses, now, dialect);
  SQLite::Statement& s = prepared(plan.sql);
  ResetOnExit reset{s};
  bind_all(s, plan.values);
  std::vector<std::int64_t> ids;
  while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
  return ids;
}

CasePage SqliteCaseQueries::run(const CaseQuery& q, const CaseScope& scope,
                                const std::vector<std::string>& closed_statuses, Timestamp now) {
  static const SqliteDialect dialect;
  ReadSnapshot snapshot(db_);
  const CaseQueryPlan plan =
      plan_case_query(q, scope, closed_statuses, now, dialect, count_cap_,
                      [this](const std::string& dim, const std::string& value) { return counted(dim, value); });
  CasePage page;
  {
    SQLite::Statement& s = prepared(plan.page.sql);
    ResetOnExit reset{s};
    bind_all(s, plan.page.values);
    CasePageReader reader(page, q, plan);
    while (s.executeStep()) {
      std::string key = plan.integer_key ? std::to_string(s.getColumn(14).getInt64()) : s.getColumn(14).getString();
      if (!reader.add(case_row(s), std::move(key))) break;
    }
  }
  if (plan.counter) {
    page.total = counted(plan.counter->first, plan.counter->second);
  } else {
    SQLite::Statement& s = prepared(plan.count.sql);
    ResetOnExit reset{s};
    bind_all(s, plan.count.values);
    s.executeStep();
    set_counted_total(page, s.getColumn(0).getInt64(), count_cap_);
  }
  return page;
}

}  // namespace rma::store
