// store/case_columns.hpp — the columns of a case row that a command may change, so that an update
// writes only those a command changed.
//
// Why: an UPDATE that names a column rewrites the entries of every index on it (SQLite does not
// compare the values) and tests every trigger on it. The case row carries eight query indexes and
// the counters' triggers; a transition changes three of its columns. Naming all of them made
// every command pay for all of them.
#pragma once

#include <cstdint>
#include <string>

#include "rma/case.hpp"

namespace rma::store {

// Bit positions in a column set. updated_at and version change with every update and are always
// written; the valuation has its own flag (Store::update_case).
enum class CaseColumn : std::uint32_t {
  kind, category, channel, customer_id, supplier_id, purchased_elsewhere, priority, assignee, team, status,
  expected_completion, resolution, root_cause, custom_fields, workflow, workflow_version, status_since,
  decision_locked, count
};

constexpr std::uint32_t bit(CaseColumn c) { return 1u << static_cast<std::uint32_t>(c); }
constexpr std::uint32_t kAllCaseColumns = (1u << static_cast<std::uint32_t>(CaseColumn::count)) - 1;

const char* case_column_name(CaseColumn c);

// The columns whose values differ between the stored case and the case as the command left it.
std::uint32_t changed_case_columns(const Case& before, const Case& after);

// "UPDATE cases SET <each column of `columns`>=?, updated_at=?, version=?[, valuation=?,
// valuation_seq=NULL] WHERE id=? AND version=? AND deleted_at IS NULL", parameters in that order.
std::string case_update_sql(std::uint32_t columns, bool valuation);

}  // namespace rma::store
