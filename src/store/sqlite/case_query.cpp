#include "store/sqlite/case_query.hpp"

#include <sqlite3.h>

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "store/column_text.hpp"
#include "store/sqlite/rows.hpp"

namespace rma::store {
namespace {

using Value = std::variant<std::int64_t, std::string>;

// A WHERE clause of fixed SQL fragments, each `?` bound, in order, to a value of `values`.
struct Where {
  std::string sql = "c.deleted_at IS NULL";
  std::vector<Value> values;

  void term(const char* fragment) {
    sql += " AND ";
    sql += fragment;
  }
  void term(const char* fragment, Value value) {
    term(fragment);
    values.push_back(std::move(value));
  }
  void term(const char* fragment, Value first, Value second) {
    term(fragment, std::move(first));
    values.push_back(std::move(second));
  }
};

void bind_all(SQLite::Statement& s, const std::vector<Value>& values) {
  int index = 1;
  for (const Value& v : values) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      s.bind(index++, *i);
    } else {
      s.bind(index++, std::get<std::string>(v));
    }
  }
}

// The smallest text greater than every text starting with `prefix` (bytewise, as SQLite's BINARY
// collation compares), or nullopt when there is none: a prefix filter becomes a range on the
// number's unique index.
std::optional<std::string> prefix_end(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (prefix.empty()) return std::nullopt;
  prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

// A partial index (WHERE col <> '') serves `col = ?` only when the query states the same
// condition, which a bound value cannot show: the term says it outright for non-empty values.
void equal_text(Where& w, const char* equal, const char* equal_non_empty, const std::string& value) {
  if (value.empty()) {
    w.term(equal, value);
  } else {
    w.term(equal_non_empty, value);
  }
}

void add_scope(Where& w, const CaseScope& scope) {
  if (!scope.customer_id.empty()) w.term("c.customer_id = ?", scope.customer_id);
  if (!scope.supplier_id.empty()) w.term("c.supplier_id = ? AND c.supplier_id <> ''", scope.supplier_id);
}

void add_filters(Where& w, const CaseQuery& q) {
  if (q.customer_id) w.term("c.customer_id = ?", *q.customer_id);
  if (q.status) w.term("c.status = ?", *q.status);
  if (q.assignee) equal_text(w, "c.assignee = ?", "c.assignee = ? AND c.assignee <> ''", *q.assignee);
  if (q.kind) w.term("c.kind = ?", std::string(case_kind_name(*q.kind)));
  if (q.channel) w.term("c.channel = ?", std::string(channel_name(*q.channel)));
  if (q.created_from) w.term("c.created_at >= ?", time_text(*q.created_from));
  if (q.created_to) w.term("c.created_at < ?", time_text(*q.created_to));
  if (q.number_prefix) {
    w.term("c.number >= ?", *q.number_prefix);
    if (auto end = prefix_end(*q.number_prefix)) w.term("c.number < ?", std::move(*end));
  }
  if (q.serial) {
    if (q.serial->empty()) {
      w.term("0");  // lines without a serial name none
    } else {
      w.term("c.id IN (SELECT case_id FROM case_lines WHERE serial = ? AND serial <> ''"
             " UNION SELECT case_id FROM case_lines WHERE replacement_serial = ? AND replacement_serial <> '')",
             *q.serial, *q.serial);
    }
  }
}

// The sort key of each CaseSort as an SQL expression. Priorities sort by urgency, not by name.
const char* sort_expression(CaseSort sort) {
  switch (sort) {
    case CaseSort::created_at: return "c.created_at";
    case CaseSort::updated_at: return "c.updated_at";
    case CaseSort::number: return "c.number";
    case CaseSort::priority:
      return "(CASE c.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)";
  }
  return "c.created_at";
}

// A query with no term but the scope-free equality on one counted column reads its counter.
struct Counter {
  const char* dim;
  std::string value;
};

std::optional<Counter> counter_for(const CaseQuery& q, const CaseScope& scope) {
  if (!scope.customer_id.empty() || !scope.supplier_id.empty()) return std::nullopt;
  if (q.customer_id || q.serial || q.created_from || q.created_to || q.number_prefix) return std::nullopt;
  std::optional<Counter> found = Counter{"all", std::string()};
  int equalities = 0;
  if (q.status) { found = Counter{"status", *q.status}; ++equalities; }
  if (q.assignee) { found = Counter{"assignee", *q.assignee}; ++equalities; }
  if (q.kind) { found = Counter{"kind", case_kind_name(*q.kind)}; ++equalities; }
  if (q.channel) { found = Counter{"channel", channel_name(*q.channel)}; ++equalities; }
  if (equalities > 1) return std::nullopt;
  return found;
}

// Reads in one snapshot: a page and its total agree even while another process writes. Inside
// the engine's write transaction there is one already.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& db) : db_(db), own_(sqlite3_get_autocommit(db.getHandle()) != 0) {
    if (own_) db_.exec("BEGIN");
  }
  ~ReadSnapshot() {
    if (!own_) return;
    try {
      db_.exec("COMMIT");
    } catch (...) {
      // A read-only transaction has nothing to lose; SQLite ends it with the connection at worst.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  SQLite::Database& db_;
  bool own_;
};

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

std::int64_t SqliteCaseQueries::count_all() {
  SQLite::Statement& s = prepared("SELECT COALESCE((SELECT n FROM case_counts WHERE dim = 'all' AND value = ''), 0)");
  ResetOnExit reset{s};
  s.executeStep();
  return s.getColumn(0).getInt64();
}

CasePage SqliteCaseQueries::run(const CaseQuery& q, const CaseScope& scope) {
  Where where;
  add_scope(where, scope);
  add_filters(where, q);
  const std::string order = sort_expression(q.sort);
  const char* direction = q.descending ? " DESC" : "";

  ReadSnapshot snapshot(db_);
  CasePage page;
  {
    std::string sql =
        "SELECT c.id, c.number, c.kind, c.category, c.channel, c.customer_id, c.supplier_id, c.status, c.priority,"
        " c.assignee, c.team, c.created_at, c.updated_at, c.version FROM cases c WHERE " +
        where.sql + " ORDER BY " + order + direction + ", c.id" + direction + " LIMIT ? OFFSET ?";
    SQLite::Statement& s = prepared(sql);
    ResetOnExit reset{s};
    bind_all(s, where.values);
    s.bind(static_cast<int>(where.values.size()) + 1, static_cast<std::int64_t>(q.limit));
    s.bind(static_cast<int>(where.values.size()) + 2, q.offset);
    while (s.executeStep()) page.items.push_back(case_row(s));
  }
  if (const std::optional<Counter> counter = counter_for(q, scope)) {
    SQLite::Statement& s =
        prepared("SELECT COALESCE((SELECT n FROM case_counts WHERE dim = ? AND value = ?), 0)");
    ResetOnExit reset{s};
    s.bind(1, counter->dim);
    s.bind(2, counter->value);
    s.executeStep();
    page.total = s.getColumn(0).getInt64();
  } else {
    SQLite::Statement& s = prepared("SELECT count(*) FROM cases c WHERE " + where.sql);
    ResetOnExit reset{s};
    bind_all(s, where.values);
    s.executeStep();
    page.total = s.getColumn(0).getInt64();
  }
  return page;
}

}  // namespace rma::store
