#include "domain/report_filters.hpp"

namespace rma::domain {
namespace {

template <class E>
int enum_filter(const std::optional<E>& value) {
  return value ? static_cast<int>(*value) : -1;
}

}  // namespace

std::uint32_t ReportFilters::code(const TextCodes& codes, const std::optional<std::string>& value) {
  if (!value) return kAny;
  const std::optional<std::uint32_t> c = codes.find(*value);
  if (!c) nothing_ = true;
  return c.value_or(kAny);
}

ReportFilters::ReportFilters(const ReportFacts& facts, const CaseQuery& q,
                             const std::optional<std::string>& customer_scope,
                             const std::vector<std::uint8_t>& closed_status, const std::vector<std::uint8_t>* breached,
                             const std::vector<std::uint8_t>* row_matches)
    : f_(facts), closed_status_(closed_status), breached_(breached), row_matches_(row_matches) {
  customer_ = code(facts.customers, q.customer_id);
  if (customer_scope) {
    const std::uint32_t own = code(facts.customers, customer_scope);
    if (customer_ != kAny && customer_ != own) nothing_ = true;
    customer_ = own;
  }
  status_ = code(facts.statuses, q.status);
  assignee_ = code(facts.assignees, q.assignee);
  team_ = code(facts.teams, q.team);
  supplier_ = code(facts.suppliers, q.supplier_id);
  root_cause_ = code(facts.root_causes, q.root_cause);
  kind_ = enum_filter(q.kind);
  channel_ = enum_filter(q.channel);
  category_ = enum_filter(q.category);
  priority_ = enum_filter(q.priority);
  resolution_ = enum_filter(q.resolution);
  if (q.created_from) created_from_ = q.created_from->micros;
  if (q.created_to) created_to_ = q.created_to->micros;
  if (q.updated_from) updated_from_ = q.updated_from->micros;
  if (q.updated_to) updated_to_ = q.updated_to->micros;
  closed_ = q.closed_from || q.closed_to;
  if (q.closed_from) closed_from_ = q.closed_from->micros;
  if (q.closed_to) closed_to_ = q.closed_to->micros;
  if (q.sla_breached) breached_value_ = *q.sla_breached ? 1 : 0;
  sku_ = code(facts.skus, q.sku);
  lot_ = code(facts.lots, q.lot);
  reason_ = code(facts.reasons, q.reason_code);
  document_ = code(facts.documents, q.sales_document);
  filters_lines_ = sku_ != kAny || lot_ != kAny || reason_ != kAny || document_ != kAny;
  any_case_filter_ = customer_ != kAny || status_ != kAny || assignee_ != kAny || team_ != kAny ||
                     supplier_ != kAny || root_cause_ != kAny || kind_ >= 0 || channel_ >= 0 || category_ >= 0 ||
                     priority_ >= 0 || resolution_ >= 0 || q.created_from || q.created_to || q.updated_from ||
                     q.updated_to || closed_ || breached_value_ >= 0 || row_matches_ != nullptr;
}

bool ReportFilters::case_passes(std::size_t r) const {
  if (!f_.live[r]) return false;
  if (!any_case_filter_) return true;
  if (customer_ != kAny && f_.customer[r] != customer_) return false;
  if (status_ != kAny && f_.status[r] != status_) return false;
  if (assignee_ != kAny && f_.assignee[r] != assignee_) return false;
  if (team_ != kAny && f_.team[r] != team_) return false;
  if (supplier_ != kAny && f_.supplier[r] != supplier_) return false;
  if (root_cause_ != kAny && f_.root_cause[r] != root_cause_) return false;
  if (kind_ >= 0 && f_.kind[r] != kind_) return false;
  if (channel_ >= 0 && f_.channel[r] != channel_) return false;
  if (category_ >= 0 && f_.category[r] != category_) return false;
  if (priority_ >= 0 && f_.priority[r] != priority_) return false;
  if (resolution_ >= 0 && f_.resolution[r] != resolution_) return false;
  const std::int64_t created = f_.created_at[r];
  if (created < created_from_ || created >= created_to_) return false;
  const std::int64_t updated = f_.updated_at[r];
  if (updated < updated_from_ || updated >= updated_to_) return false;
  if (closed_) {
    const std::uint32_t s = f_.status[r];
    if (s >= closed_status_.size() || !closed_status_[s]) return false;
    if (f_.status_since[r] < closed_from_ || f_.status_since[r] >= closed_to_) return false;
  }
  if (breached_value_ >= 0 && breached_ && (*breached_)[r] != breached_value_) return false;
  if (row_matches_ && !(*row_matches_)[r]) return false;
  return true;
}

}  // namespace rma::domain
