#include "store/sqlite/case_query.hpp"

#include <sqlite3.h>

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/case_cursor.hpp"
#include "store/column_text.hpp"
#include "store/sqlite/rows.hpp"

namespace rma::store {
namespace {

using Value = std::variant<std::int64_t, double, std::string>;

// A WHERE clause of fixed SQL fragments, each `?` bound, in order, to a value of `values`.
struct Where {
  std::string sql = "c.deleted_at IS NULL";
  std::vector<Value> values;

  template <class... Values>
  void term(const char* fragment, Values&&... bound) {
    sql += " AND ";
    sql += fragment;
    (values.emplace_back(std::forward<Values>(bound)), ...);
  }
};

void bind_all(SQLite::Statement& s, const std::vector<Value>& values) {
  int index = 1;
  for (const Value& v : values) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      s.bind(index++, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      s.bind(index++, *d);
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
void equal_text(Where& w, const char* equal, const char* equal_non_empty, const std::optional<std::string>& value) {
  if (!value) return;
  if (value->empty()) {
    w.term(equal, *value);
  } else {
    w.term(equal_non_empty, *value);
  }
}

void add_range(Where& w, const char* from_term, const char* to_term, const std::optional<Timestamp>& from,
               const std::optional<Timestamp>& to) {
  if (from) w.term(from_term, time_text(*from));
  if (to) w.term(to_term, time_text(*to));
}

void add_scope(Where& w, const CaseScope& scope) {
  if (!scope.customer_id.empty()) w.term("c.customer_id = ?", scope.customer_id);
  if (!scope.supplier_id.empty()) w.term("c.supplier_id = ? AND c.supplier_id <> ''", scope.supplier_id);
}

// Custom field equality on the JSON text of the cases' custom_fields: the same JSON type and
// value (a number equals a number of the same value, 3 and 3.0 alike).
void add_custom_field(Where& w, const std::string& name, const std::string& value_text) {
  const std::string path = "$.\"" + name + "\"";  // checked free of quotes (domain/case_query_rules)
  const nlohmann::json value = nlohmann::json::parse(value_text);
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
    w.term(value.get<bool>() ? "json_type(c.custom_fields, ?) = 'true'" : "json_type(c.custom_fields, ?) = 'false'",
           path);
  } else {
    w.term("json_type(c.custom_fields, ?) = 'null'", path);
  }
}

// Which of the indexes on a counted column (status, assignee) a query may use. SQLite's planner,
// without statistics, takes every equality on an indexed column for a selective one; but most
// cases may share one status. The counters know how many cases each value has (steer below).
struct Steering {
  bool status_index = true;
  bool assignee_index = true;
};

void add_filters(Where& w, const CaseQuery& q, const std::vector<std::string>& closed_statuses, Timestamp now,
                 const Steering& steer) {
  if (q.customer_id) w.term("c.customer_id = ?", *q.customer_id);
  // A unary + keeps the planner from using the column's index for the term.
  if (q.status) w.term(steer.status_index ? "c.status = ?" : "+c.status = ?", *q.status);
  if (steer.assignee_index) {
    equal_text(w, "c.assignee = ?", "c.assignee = ? AND c.assignee <> ''", q.assignee);
  } else if (q.assignee) {
    w.term("+c.assignee = ?", *q.assignee);
  }
  equal_text(w, "c.team = ?", "c.team = ? AND c.team <> ''", q.team);
  equal_text(w, "c.supplier_id = ?", "c.supplier_id = ? AND c.supplier_id <> ''", q.supplier_id);
  equal_text(w, "c.root_cause = ?", "c.root_cause = ? AND c.root_cause <> ''", q.root_cause);
  if (q.kind) w.term("c.kind = ?", std::string(case_kind_name(*q.kind)));
  if (q.channel) w.term("c.channel = ?", std::string(channel_name(*q.channel)));
  if (q.category) w.term("c.category = ?", std::string(complaint_category_name(*q.category)));
  if (q.priority) w.term("c.priority = ?", std::string(priority_name(*q.priority)));
  if (q.resolution) w.term("c.resolution = ?", std::string(resolution_name(*q.resolution)));
  add_range(w, "c.created_at >= ?", "c.created_at < ?", q.created_from, q.created_to);
  add_range(w, "c.updated_at >= ?", "c.updated_at < ?", q.updated_from, q.updated_to);
  if (q.closed_from || q.closed_to) {
    nlohmann::json closed = nlohmann::json::array();
    for (const std::string& status : closed_statuses) closed.push_back(status);
    w.term("c.status IN (SELECT value FROM json_each(?))", closed.dump());
    add_range(w, "c.status_since >= ?", "c.status_since < ?", q.closed_from, q.closed_to);
  }
  if (q.number_prefix) {
    w.term("c.number >= ?", *q.number_prefix);
    if (auto end = prefix_end(*q.number_prefix)) w.term("c.number < ?", std::move(*end));
  }
  if (q.serial) {
    if (q.serial->empty()) {
      w.term("0");  // a line without a serial names none
    } else {
      w.term("c.id IN (SELECT case_id FROM case_lines WHERE serial = ? AND serial <> ''"
             " UNION SELECT case_id FROM case_lines WHERE replacement_serial = ? AND replacement_serial <> '')",
             *q.serial, *q.serial);
    }
  }
  // Line filters: the cases any of whose lines has the value, through the line column's index.
  if (q.sku) w.term("c.id IN (SELECT case_id FROM case_lines WHERE sku = ?)", *q.sku);
  equal_text(w, "c.id IN (SELECT case_id FROM case_lines WHERE lot = ?)",
                  "c.id IN (SELECT case_id FROM case_lines WHERE lot = ? AND lot <> '')", q.lot);
  equal_text(w, "c.id IN (SELECT case_id FROM case_lines WHERE sales_document = ?)",
                  "c.id IN (SELECT case_id FROM case_lines WHERE sales_document = ? AND sales_document <> '')",
                  q.sales_document);
  // A reason code has a handful of values: the case's own lines are checked as the order's index
  // is walked, by the lines' primary key.
  if (q.reason_code) {
    w.term("EXISTS (SELECT 1 FROM case_lines l WHERE l.case_id = c.id AND l.reason_code = ?)", *q.reason_code);
  }
  if (q.sla_breached) {
    w.term(*q.sla_breached
               ? "EXISTS (SELECT 1 FROM sla_crossings x WHERE x.case_id = c.id AND x.kind = 'breached')"
               : "NOT EXISTS (SELECT 1 FROM sla_crossings x WHERE x.case_id = c.id AND x.kind = 'breached')");
  }
  // Due within: one range of sla_due's due_at index gives the cases (store/sqlite/sla_due.hpp).
  // Only running clocks have a due time after now: a paused clock's row, if any, is a breach.
  if (q.sla_due_within) {
    w.term("c.id IN (SELECT case_id FROM sla_due WHERE due_at > ? AND due_at <= ?)", time_text(now),
           time_text(seconds_after(now, *q.sla_due_within)));
  }
  for (const auto& [name, value] : q.custom_fields) add_custom_field(w, name, value);
}

// The sort key of each CaseSort as an SQL expression, and whether it is an integer.
struct SortKey {
  const char* expression;
  bool integer;
};

SortKey sort_key(CaseSort sort) {
  switch (sort) {
    case CaseSort::created_at: return {"c.created_at", false};
    case CaseSort::updated_at: return {"c.updated_at", false};
    case CaseSort::number: return {"c.number", false};
    // By urgency, not by name.
    case CaseSort::priority:
      return {"(CASE c.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)", true};
    case CaseSort::status: return {"c.status", false};
    case CaseSort::kind: return {"c.kind", false};
    case CaseSort::channel: return {"c.channel", false};
    case CaseSort::category: return {"c.category", false};
    case CaseSort::customer_id: return {"c.customer_id", false};
    case CaseSort::assignee: return {"c.assignee", false};
    case CaseSort::team: return {"c.team", false};
    case CaseSort::supplier_id: return {"c.supplier_id", false};
    case CaseSort::resolution: return {"c.resolution", false};
    case CaseSort::root_cause: return {"c.root_cause", false};
    case CaseSort::id: return {"c.id", true};
  }
  return {"c.created_at", false};
}

// The page starts after the cursor's case in the query's order: a row-value comparison that the
// order's index can seek to.
void add_keyset(Where& w, const CaseQuery& q, const SortKey& key, const CaseCursor& cursor) {
  const bool after = !q.descending;
  if (q.sort == CaseSort::id) {
    w.term(after ? "c.id > ?" : "c.id < ?", cursor.id);
    return;
  }
  std::string term = std::string("(") + key.expression + ", c.id) " + (after ? ">" : "<") + " (?, ?)";
  // The fragment is one of a fixed set (sort_key above); only the values are the cursor's.
  w.sql += " AND " + term;
  if (key.integer) {
    w.values.emplace_back(static_cast<std::int64_t>(std::stoll(cursor.key)));
  } else {
    w.values.emplace_back(cursor.key);
  }
  w.values.emplace_back(cursor.id);
}

// Whether the query has a filter that few cases match, with an index of its own: then the
// counted columns' indexes stay out of its way.
bool has_selective_filter(const CaseQuery& q, const CaseScope& scope) {
  auto non_empty = [](const std::optional<std::string>& v) { return v && !v->empty(); };
  return !scope.customer_id.empty() || !scope.supplier_id.empty() || q.customer_id || non_empty(q.supplier_id) ||
         non_empty(q.serial) || q.sku || non_empty(q.lot) || non_empty(q.sales_document) ||
         non_empty(q.root_cause) || q.number_prefix || q.sla_due_within;
}

// A query with no term but one equality on a counted column, or a status and one other, and no
// scope, reads its counter.
struct Counter {
  const char* dim;
  std::string value;
  bool with_status = false;  // the pair counter "status,<dim>": value "<status>|<value>"
};

std::optional<Counter> counter_for(const CaseQuery& q, const CaseScope& scope) {
  if (!scope.customer_id.empty() || !scope.supplier_id.empty()) return std::nullopt;
  if (q.customer_id || q.serial || q.created_from || q.created_to || q.number_prefix || q.supplier_id || q.sku ||
      q.lot || q.sales_document || q.reason_code || q.root_cause || q.updated_from || q.updated_to ||
      q.closed_from || q.closed_to || q.sla_breached || q.sla_due_within || !q.custom_fields.empty()) {
    return std::nullopt;
  }
  // The counted columns besides status, which case_counts also pairs with the status.
  std::vector<Counter> set;
  if (q.assignee) set.push_back({"assignee", *q.assignee});
  if (q.team) set.push_back({"team", *q.team});
  if (q.kind) set.push_back({"kind", case_kind_name(*q.kind)});
  if (q.channel) set.push_back({"channel", channel_name(*q.channel)});
  if (q.category) set.push_back({"category", complaint_category_name(*q.category)});
  if (q.priority) set.push_back({"priority", priority_name(*q.priority)});
  if (q.resolution) set.push_back({"resolution", resolution_name(*q.resolution)});
  if (set.size() > 1) return std::nullopt;
  if (!q.status) return set.empty() ? Counter{"all", std::string()} : set.front();
  if (set.empty()) return Counter{"status", *q.status};
  return Counter{set.front().dim, *q.status + "|" + set.front().value, true};
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

std::int64_t SqliteCaseQueries::counted(const std::string& dim, const std::string& value) {
  SQLite::Statement& s = prepared("SELECT COALESCE((SELECT n FROM case_counts WHERE dim = ? AND value = ?), 0)");
  ResetOnExit reset{s};
  s.bind(1, dim);
  s.bind(2, value);
  s.executeStep();
  return s.getColumn(0).getInt64();
}

std::int64_t SqliteCaseQueries::count_all() { return counted("all", std::string()); }

CasePage SqliteCaseQueries::run(const CaseQuery& q, const CaseScope& scope,
                                const std::vector<std::string>& closed_statuses, Timestamp now) {
  const SortKey key = sort_key(q.sort);
  const std::string fingerprint = case_query_fingerprint(q, scope);
  std::optional<CaseCursor> cursor;
  if (!q.cursor.empty()) cursor = decode_case_cursor(q.cursor, fingerprint, q.sort);
  const char* direction = q.descending ? " DESC" : "";

  ReadSnapshot snapshot(db_);
  // Counting needs the fewest rows: the smallest counted value's index, unless a selective
  // filter has its own. A page also wants its order: when that order has an index other than
  // created_at (which the counted columns' indexes end in) and the driving value is common,
  // walking the order's index finds a page sooner than sorting every case with that value.
  Steering count_steer;
  if (has_selective_filter(q, scope)) {
    count_steer = Steering{false, false};
  } else if (q.status && q.assignee && !q.assignee->empty()) {
    const bool status_smaller = counted("status", *q.status) <= counted("assignee", *q.assignee);
    count_steer = Steering{status_smaller, !status_smaller};
  }
  Steering page_steer = count_steer;
  const bool own_index = q.sort == CaseSort::updated_at || q.sort == CaseSort::number || q.sort == CaseSort::id;
  if (own_index && ((q.status && page_steer.status_index) || (q.assignee && page_steer.assignee_index))) {
    const std::int64_t driving = q.status && page_steer.status_index ? counted("status", *q.status)
                                                                     : counted("assignee", *q.assignee);
    // Sorting `driving` cases costs about as much as walking (limit + 1) * all / driving index
    // entries when driving² = (limit + 1) * all.
    const double all = static_cast<double>(count_all());
    if (static_cast<double>(driving) * static_cast<double>(driving) > (q.limit + 1.0) * all) {
      page_steer = Steering{false, false};
    }
  }
  Where where;
  add_scope(where, scope);
  add_filters(where, q, closed_statuses, now, count_steer);
  Where page_where;
  add_scope(page_where, scope);
  add_filters(page_where, q, closed_statuses, now, page_steer);
  if (cursor) add_keyset(page_where, q, key, *cursor);

  CasePage page;
  {
    // One row past the page tells whether a next page exists.
    const std::string sql =
        "SELECT c.id, c.number, c.kind, c.category, c.channel, c.customer_id, c.supplier_id, c.status, c.priority,"
        " c.assignee, c.team, c.created_at, c.updated_at, c.version, " +
        std::string(key.expression) + " FROM cases c WHERE " + page_where.sql + " ORDER BY " + key.expression +
        direction + ", c.id" + direction + " LIMIT ? OFFSET ?";
    SQLite::Statement& s = prepared(sql);
    ResetOnExit reset{s};
    bind_all(s, page_where.values);
    s.bind(static_cast<int>(page_where.values.size()) + 1, static_cast<std::int64_t>(q.limit) + 1);
    s.bind(static_cast<int>(page_where.values.size()) + 2, q.offset);
    CaseCursor last;
    while (s.executeStep()) {
      if (static_cast<std::int32_t>(page.items.size()) == q.limit) {
        page.next_cursor = encode_case_cursor(fingerprint, last);
        break;
      }
      page.items.push_back(case_row(s));
      last.id = page.items.back().id;
      if (q.sort == CaseSort::id) {
        last.key.clear();
      } else if (key.integer) {
        last.key = std::to_string(s.getColumn(14).getInt64());
      } else {
        last.key = s.getColumn(14).getString();
      }
    }
  }
  if (const std::optional<Counter> counter = counter_for(q, scope)) {
    page.total = counted(counter->with_status ? "status," + std::string(counter->dim) : counter->dim, counter->value);
  } else {
    SQLite::Statement& s = prepared("SELECT count(*) FROM (SELECT 1 FROM cases c WHERE " + where.sql + " LIMIT ?)");
    ResetOnExit reset{s};
    bind_all(s, where.values);
    s.bind(static_cast<int>(where.values.size()) + 1, count_cap_ + 1);
    s.executeStep();
    page.total = s.getColumn(0).getInt64();
    if (page.total > count_cap_) {
      page.total = count_cap_;
      page.total_exact = false;
    }
  }
  return page;
}

}  // namespace rma::store
