#include "store/case_query_sql.hpp"

#include "store/column_text.hpp"

namespace rma::store {
namespace {

using Where = SqlText;

// The smallest text greater than every text starting with `prefix` (bytewise, as SQLite's BINARY
// collation and PostgreSQL's "C" collation compare), or nullopt when there is none: a prefix
// filter becomes a range on the number's unique index.
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
  // The three ranged columns hold microseconds (schema 12).
  if (from) w.term(from_term, from->micros);
  if (to) w.term(to_term, to->micros);
}

void add_scope(Where& w, const CaseScope& scope) {
  if (!scope.customer_id.empty()) w.term("c.customer_id = ?", scope.customer_id);
  if (!scope.supplier_id.empty()) w.term("c.supplier_id = ? AND c.supplier_id <> ''", scope.supplier_id);
}

// Which of the indexes on a counted column (status, assignee) a query may use. SQLite's planner,
// without statistics, takes every equality on an indexed column for a selective one; but most
// cases may share one status. The counters know how many cases each value has (steer below).
struct Steering {
  bool status_index = true;
  bool assignee_index = true;
};

void add_filters(Where& w, const CaseQuery& q, const std::vector<std::string>& closed_statuses, Timestamp now,
                 const Steering& steer, const CaseQueryDialect& dialect) {
  if (q.customer_id) w.term("c.customer_id = ?", *q.customer_id);
  if (q.status) w.term(steer.status_index ? "c.status = ?" : dialect.equal_unindexed("c.status"), *q.status);
  if (steer.assignee_index) {
    equal_text(w, "c.assignee = ?", "c.assignee = ? AND c.assignee <> ''", q.assignee);
  } else if (q.assignee) {
    w.term(dialect.equal_unindexed("c.assignee"), *q.assignee);
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
    w.term(dialect.status_in_json_array(), closed.dump());
    add_range(w, "c.status_since >= ?", "c.status_since < ?", q.closed_from, q.closed_to);
  }
  if (q.number_prefix) {
    w.term("c.number >= ?", *q.number_prefix);
    if (auto end = prefix_end(*q.number_prefix)) w.term("c.number < ?", std::move(*end));
  }
  if (q.serial) {
    if (q.serial->empty()) {
      w.term("1 = 0");  // a line without a serial names none
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
    w.term("c.id IN (SELECT case_id FROM sla_due WHERE due_at > ? AND due_at <= ?)", now.micros,
           seconds_after(now, *q.sla_due_within).micros);
  }
  for (const auto& [name, value] : q.custom_fields) dialect.custom_field(w, name, nlohmann::json::parse(value));
}

// The sort key of each CaseSort as an SQL expression, and whether it is an integer.
struct SortKey {
  const char* expression;
  bool integer;
};

SortKey sort_key(CaseSort sort) {
  switch (sort) {
    case CaseSort::created_at: return {"c.created_at", true};
    case CaseSort::updated_at: return {"c.updated_at", true};
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
  return {"c.created_at", true};
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

}  // namespace

CaseQueryPlan plan_case_query(const CaseQuery& q, const CaseScope& scope,
                              const std::vector<std::string>& closed_statuses, Timestamp now,
                              const CaseQueryDialect& dialect, std::int64_t count_cap,
                              const std::function<std::int64_t(const std::string&, const std::string&)>& counted) {
  CaseQueryPlan plan;
  const SortKey key = sort_key(q.sort);
  plan.fingerprint = case_query_fingerprint(q, scope);
  plan.integer_key = key.integer;
  plan.id_sort = q.sort == CaseSort::id;
  std::optional<CaseCursor> cursor;
  if (!q.cursor.empty()) cursor = decode_case_cursor(q.cursor, plan.fingerprint, q.sort);
  const char* direction = q.descending ? " DESC" : "";

  // Counting needs the fewest rows: the smallest counted value's index, unless a selective
  // filter has its own. A page also wants its order: when that order has an index other than
  // created_at (which the counted columns' indexes end in) and the driving value is common,
  // walking the order's index finds a page sooner than sorting every case with that value.
  Steering count_steer;
  Steering page_steer;
  if (dialect.steer_by_counters()) {
    if (has_selective_filter(q, scope)) {
      count_steer = Steering{false, false};
    } else if (q.status && q.assignee && !q.assignee->empty()) {
      const bool status_smaller = counted("status", *q.status) <= counted("assignee", *q.assignee);
      count_steer = Steering{status_smaller, !status_smaller};
    }
    page_steer = count_steer;
    const bool own_index = q.sort == CaseSort::updated_at || q.sort == CaseSort::number || q.sort == CaseSort::id;
    if (own_index && ((q.status && page_steer.status_index) || (q.assignee && page_steer.assignee_index))) {
      const std::int64_t driving = q.status && page_steer.status_index ? counted("status", *q.status)
                                                                       : counted("assignee", *q.assignee);
      // Sorting `driving` cases costs about as much as walking (limit + 1) * all / driving index
      // entries when driving² = (limit + 1) * all.
      const double all = static_cast<double>(counted("all", std::string()));
      if (static_cast<double>(driving) * static_cast<double>(driving) > (q.limit + 1.0) * all) {
        page_steer = Steering{false, false};
      }
    }
  }
  Where where{"c.deleted_at IS NULL", {}};
  add_scope(where, scope);
  add_filters(where, q, closed_statuses, now, count_steer, dialect);
  Where page_where{"c.deleted_at IS NULL", {}};
  add_scope(page_where, scope);
  add_filters(page_where, q, closed_statuses, now, page_steer, dialect);
  if (cursor) add_keyset(page_where, q, key, *cursor);

  // One row past the page tells whether a next page exists.
  plan.page.sql =
      "SELECT c.id, c.number, c.kind, c.category, c.channel, c.customer_id, c.supplier_id, c.status, c.priority,"
      " c.assignee, c.team, c.created_at, c.updated_at, c.version, " +
      std::string(key.expression) + " FROM cases c WHERE " + page_where.sql + " ORDER BY " + key.expression +
      direction + ", c.id" + direction + " LIMIT ? OFFSET ?";
  plan.page.values = std::move(page_where.values);
  plan.page.values.emplace_back(static_cast<std::int64_t>(q.limit) + 1);
  plan.page.values.emplace_back(q.offset);

  if (const std::optional<Counter> counter = counter_for(q, scope)) {
    plan.counter.emplace(counter->with_status ? "status," + std::string(counter->dim) : counter->dim,
                         counter->value);
  } else {
    plan.count.sql = "SELECT count(*) FROM (SELECT 1 FROM cases c WHERE " + where.sql + " LIMIT ?) AS matches";
    plan.count.values = std::move(where.values);
    plan.count.values.emplace_back(count_cap + 1);
  }
  return plan;
}

SqlText plan_matching_ids(const CaseQuery& q, const CaseScope& scope,
                          const std::vector<std::string>& closed_statuses, Timestamp now,
                          const CaseQueryDialect& dialect) {
  Where where{"c.deleted_at IS NULL", {}};
  add_scope(where, scope);
  add_filters(where, q, closed_statuses, now, Steering{}, dialect);
  where.sql = "SELECT c.id FROM cases c WHERE " + where.sql + " ORDER BY c.id";
  return where;
}

bool CasePageReader::add(CaseRow row, std::string key) {
  if (static_cast<std::int32_t>(page_.items.size()) == query_.limit) {
    page_.next_cursor = encode_case_cursor(plan_.fingerprint, last_);
    return false;
  }
  last_.id = row.id;
  last_.key = plan_.id_sort ? std::string() : std::move(key);
  page_.items.push_back(std::move(row));
  return true;
}

void set_counted_total(CasePage& page, std::int64_t counted, std::int64_t count_cap) {
  page.total = counted;
  if (page.total > count_cap) {
    page.total = count_cap;
    page.total_exact = false;
  }
}

}  // namespace rma::store
