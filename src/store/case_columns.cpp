#include "store/case_columns.hpp"

namespace rma::store {

const char* case_column_name(CaseColumn c) {
  static const char* const kNames[] = {
      "kind",     "category",   "channel",     "customer_id",         "supplier_id", "purchased_elsewhere",
      "priority", "assignee",   "team",        "status",              "expected_completion", "resolution",
      "root_cause", "custom_fields", "workflow", "workflow_version", "status_since", "decision_locked"};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<std::size_t>(CaseColumn::count));
  return kNames[static_cast<std::size_t>(c)];
}

std::uint32_t changed_case_columns(const Case& before, const Case& after) {
  std::uint32_t columns = 0;
  const auto mark = [&](CaseColumn c, bool changed) {
    if (changed) columns |= bit(c);
  };
  mark(CaseColumn::kind, before.kind != after.kind);
  mark(CaseColumn::category, before.category != after.category);
  mark(CaseColumn::channel, before.channel != after.channel);
  mark(CaseColumn::customer_id, before.customer_id != after.customer_id);
  mark(CaseColumn::supplier_id, before.supplier_id != after.supplier_id);
  mark(CaseColumn::purchased_elsewhere, before.purchased_elsewhere != after.purchased_elsewhere);
  mark(CaseColumn::priority, before.priority != after.priority);
  mark(CaseColumn::assignee, before.assignee != after.assignee);
  mark(CaseColumn::team, before.team != after.team);
  mark(CaseColumn::status, before.status != after.status);
  mark(CaseColumn::expected_completion, before.expected_completion != after.expected_completion);
  mark(CaseColumn::resolution, before.resolution != after.resolution);
  mark(CaseColumn::root_cause, before.root_cause != after.root_cause);
  mark(CaseColumn::custom_fields, before.custom_fields != after.custom_fields);
  mark(CaseColumn::workflow, before.workflow != after.workflow);
  mark(CaseColumn::workflow_version, before.workflow_version != after.workflow_version);
  mark(CaseColumn::status_since, before.status_since != after.status_since);
  mark(CaseColumn::decision_locked, before.decision_locked != after.decision_locked);
  return columns;
}

std::string case_update_sql(std::uint32_t columns, bool valuation) {
  std::string sql = "UPDATE cases SET ";
  for (std::uint32_t c = 0; c < static_cast<std::uint32_t>(CaseColumn::count); ++c) {
    if (columns & (1u << c)) {
      sql += case_column_name(static_cast<CaseColumn>(c));
      sql += "=?, ";
    }
  }
  sql += "updated_at=?, version=?";
  if (valuation) sql += ", valuation=?, valuation_seq=NULL";
  sql += " WHERE id=? AND version=? AND deleted_at IS NULL";
  return sql;
}

}  // namespace rma::store
