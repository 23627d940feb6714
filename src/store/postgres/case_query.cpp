#include "store/postgres/case_query.hpp"
#include "store/postgres/read_snapshot.hpp"

#include <variant>

#include "store/case_query_sql.hpp"
#include "store/postgres/rows.hpp"

namespace rma::store::pg {
namespace {

// custom_fields holds JSON object text; jsonb reads it. Numbers compare by value (3 and 3.0
// alike), as SQLite's JSON1 compares them.
class PgDialect final : public CaseQueryDialect {
 public:
  const char* equal_unindexed(const char* column) const override {
    return std::string_view(column) == "c.status" ? "c.status = ?" : "c.assignee = ?";
  }

  void custom_field(SqlText& w, const std::string& name, const nlohmann::json& value) const override {
    if (value.is_string()) {
      w.term("jsonb_typeof(c.custom_fields::jsonb -> ?::text) = 'string'"
             " AND c.custom_fields::jsonb ->> ?::text = ?::text",
             name, name, value.get<std::string>());
    } else if (value.is_number_integer() && !value.is_number_unsigned()) {
      w.term("jsonb_typeof(c.custom_fields::jsonb -> ?::text) = 'number'"
             " AND (c.custom_fields::jsonb ->> ?::text)::numeric = ?::numeric",
             name, name, value.get<std::int64_t>());
    } else if (value.is_number()) {
      w.term("jsonb_typeof(c.custom_fields::jsonb -> ?::text) = 'number'"
             " AND (c.custom_fields::jsonb ->> ?::text)::float8 = ?::float8",
             name, name, value.get<double>());
    } else if (value.is_boolean()) {
      w.term(value.get<bool>() ? "c.custom_fields::jsonb -> ?::text = 'true'::jsonb"
                               : "c.custom_fields::jsonb -> ?::text = 'false'::jsonb",
             name);
    } else {
      w.term("jsonb_typeof(c.custom_fields::jsonb -> ?::text) = 'null'", name);
    }
  }

  const char* status_in_json_array() const override {
    return "c.status IN (SELECT jsonb_array_elements_text(?::jsonb))";
  }
  bool steer_by_counters() const override { return false; }
};

Params params_of(const std::vector<SqlValue>& values) {
  Params p;
  for (const SqlValue& v : values) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      p.add(*i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      p.add(*d);
    } else {
      p.add(std::get<std::string>(v));
    }
  }
  return p;
}

}  // namespace

std::int64_t PgCaseQueries::counted(const std::string& dim, const std::string& value) {
  Result r = db_.run("SELECT COALESCE((SELECT n FROM case_counts WHERE dim = ? AND value = ?), 0)",
                     Params().add(dim).add(value));
  return r.int64(0, 0);
}

std::vector<std::int64_t> PgCaseQueries::matching_ids(const CaseQuery& q, const CaseScope& scope,
                                                      const std::vector<std::string>& closed_statuses, Timestamp now) {
  static const PgDialect dialect;
  const SqlText plan = plan_matching_ids(q, scope, closed_statuses, now, dialect);
  Result r = db_.run(plan.sql, params_of(plan.values));
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(r.rows()));
  for (int row = 0; row < r.rows(); ++row) ids.push_back(r.int64(row, 0));
  return ids;
}

CasePage PgCaseQueries::run(const CaseQuery& q, const CaseScope& scope,
                            const std::vector<std::string>& closed_statuses, Timestamp now) {
  static const PgDialect dialect;
  ReadSnapshot snapshot(db_);
  const CaseQueryPlan plan =
      plan_case_query(q, scope, closed_statuses, now, dialect, count_cap_,
                      [this](const std::string& dim, const std::string& value) { return counted(dim, value); });
  CasePage page;
  {
    Result r = db_.run(plan.page.sql, params_of(plan.page.values));
    CasePageReader reader(page, q, plan);
    for (int row = 0; row < r.rows(); ++row) {
      if (!reader.add(case_row(r, row), r.text(row, 14))) break;
    }
  }
  if (plan.counter) {
    page.total = counted(plan.counter->first, plan.counter->second);
  } else {
    Result r = db_.run(plan.count.sql, params_of(plan.count.values));
    set_counted_total(page, r.int64(0, 0), count_cap_);
  }
  return page;
}

}  // namespace rma::store::pg
