#include "index/report_index.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"

namespace rma::index {
namespace {

std::uint64_t line_key(std::uint32_t document, std::int32_t line) {
  return (std::uint64_t{document} << 32) | static_cast<std::uint32_t>(line);
}

}  // namespace

void ReportIndex::clear() {
  facts_ = domain::ReportFacts();
  built_ = false;
  live_ = 0;
  row_of_id_.clear();
  sold_by_line_.clear();
  dirty_.clear();
  products_stale = true;
}

void ReportIndex::begin_build() { clear(); }

void ReportIndex::restore(domain::ReportFacts facts) {
  clear();
  facts_ = std::move(facts);
  for (std::size_t r = 0; r < facts_.cases(); ++r) {
    if (!facts_.live[r]) continue;
    const std::int64_t id = facts_.case_id[r];
    if (id <= 0) continue;
    if (static_cast<std::uint64_t>(id) >= row_of_id_.size()) {
      row_of_id_.resize(std::max<std::size_t>(static_cast<std::size_t>(id) + 1, row_of_id_.size() * 2), 0);
    }
    row_of_id_[static_cast<std::size_t>(id)] = static_cast<std::int32_t>(r + 1);
    ++live_;
  }
  for (std::size_t s = 0; s < facts_.sold_quantity.size(); ++s) {
    sold_by_line_.emplace(line_key(facts_.sold_document[s], facts_.sold_line[s]), static_cast<std::int32_t>(s));
  }
  products_stale = false;
  built_ = true;
}

std::optional<std::uint32_t> ReportIndex::row_of(std::int64_t id) const {
  if (id <= 0 || static_cast<std::uint64_t>(id) >= row_of_id_.size()) return std::nullopt;
  const std::int32_t r = row_of_id_[static_cast<std::size_t>(id)];
  if (r == 0) return std::nullopt;
  return static_cast<std::uint32_t>(r - 1);
}

void ReportIndex::retire(std::int64_t id) {
  if (const std::optional<std::uint32_t> r = row_of(id)) {
    facts_.live[*r] = 0;
    row_of_id_[static_cast<std::size_t>(id)] = 0;
    --live_;
  }
}

void ReportIndex::remove_case(std::int64_t id) { retire(id); }

std::int32_t ReportIndex::sold_of(std::uint32_t document, std::int32_t line) const {
  const auto it = sold_by_line_.find(line_key(document, line));
  return it == sold_by_line_.end() ? -1 : it->second;
}

void ReportIndex::put_case(const domain::CaseFact& c) {
  retire(c.id);
  domain::ReportFacts& f = facts_;
  const auto row = static_cast<std::uint32_t>(f.cases());
  f.case_id.push_back(c.id);
  f.live.push_back(1);
  f.customer.push_back(f.customers.code(c.customer_id));
  f.supplier.push_back(f.suppliers.code(c.supplier_id));
  f.status.push_back(f.statuses.code(c.status));
  f.root_cause.push_back(f.root_causes.code(c.root_cause));
  f.assignee.push_back(f.assignees.code(c.assignee));
  f.team.push_back(f.teams.code(c.team));
  f.kind.push_back(static_cast<std::uint8_t>(c.kind));
  f.category.push_back(static_cast<std::uint8_t>(c.category));
  f.channel.push_back(static_cast<std::uint8_t>(c.channel));
  f.priority.push_back(static_cast<std::uint8_t>(c.priority));
  f.resolution.push_back(static_cast<std::uint8_t>(c.resolution));
  f.created_at.push_back(c.created_at.micros);
  f.updated_at.push_back(c.updated_at.micros);
  f.status_since.push_back(c.status_since.micros);
  f.first_line.push_back(static_cast<std::uint32_t>(f.lines()));
  f.line_count.push_back(static_cast<std::uint32_t>(c.lines.size()));
  f.workflow.push_back(f.workflows.code(c.workflow));
  f.workflow_version.push_back(c.workflow_version);
  for (const domain::CaseFactLine& l : c.lines) {
    f.line_sku.push_back(f.skus.code(l.sku));
    f.line_lot.push_back(f.lots.code(l.lot));
    f.line_reason.push_back(f.reasons.code(l.reason_code));
    f.line_document.push_back(f.documents.code(l.sales_document));
    f.line_sales_line.push_back(l.sales_line);
    f.line_requested.push_back(l.qty_requested);
    f.line_authorized.push_back(l.qty_authorized);
    f.line_received.push_back(l.qty_received);
    f.line_accepted.push_back(l.qty_accepted);
    if (f.sold_loaded) {
      f.line_sold.push_back(l.sales_document.empty() ? -1 : sold_of(f.line_document.back(), l.sales_line));
    }
  }
  // Rows of the loaded groups, empty until their put_* fills them.
  if (f.money_loaded) {
    f.money_first.push_back(static_cast<std::uint32_t>(f.money_currency.size()));
    f.money_count.push_back(0);
  }
  if (f.milestones_loaded) {
    f.decided_at.push_back(domain::kNoTime);
    f.first_response_at.push_back(domain::kNoTime);
    f.reopens.push_back(0);
    f.business_to_decision.push_back(-1);
    f.business_to_closing.push_back(-1);
    f.business_first_response.push_back(-1);
  }
  if (static_cast<std::uint64_t>(c.id) >= row_of_id_.size()) {
    row_of_id_.resize(std::max<std::size_t>(static_cast<std::size_t>(c.id) + 1, row_of_id_.size() * 2), 0);
  }
  row_of_id_[static_cast<std::size_t>(c.id)] = static_cast<std::int32_t>(row + 1);
  ++live_;
}

void ReportIndex::put_products(const std::vector<domain::ProductFact>& products) {
  domain::ReportFacts& f = facts_;
  f.sku_category.assign(f.skus.size(), 0);
  f.sku_brand.assign(f.skus.size(), 0);
  f.sku_supplier.assign(f.skus.size(), 0);
  for (const domain::ProductFact& p : products) {
    const std::uint32_t sku = f.skus.code(p.sku);
    if (sku >= f.sku_category.size()) {
      f.sku_category.resize(sku + 1, 0);
      f.sku_brand.resize(sku + 1, 0);
      f.sku_supplier.resize(sku + 1, 0);
    }
    f.sku_category[sku] = f.categories.code(p.category);
    f.sku_brand[sku] = f.brands.code(p.brand);
    f.sku_supplier[sku] = f.suppliers.code(p.supplier_id);
  }
  products_stale = false;
}

void ReportIndex::start_money() {
  domain::ReportFacts& f = facts_;
  f.money_first.assign(f.cases(), 0);
  f.money_count.assign(f.cases(), 0);
  f.money_currency.clear();
  f.money_claimed.clear();
  f.money_refunded.clear();
  f.money_cost.clear();
  f.money_recovered.clear();
  f.money_loaded = true;
}

void ReportIndex::put_money(std::int64_t id, const std::vector<domain::MoneyFact>& totals) {
  const std::optional<std::uint32_t> r = row_of(id);
  if (!r || totals.empty()) return;
  domain::ReportFacts& f = facts_;
  f.money_first[*r] = static_cast<std::uint32_t>(f.money_currency.size());
  f.money_count[*r] = static_cast<std::uint32_t>(totals.size());
  for (const domain::MoneyFact& m : totals) {
    f.money_currency.push_back(f.currencies.code(m.currency));
    f.money_claimed.push_back(m.claimed);
    f.money_refunded.push_back(m.refunded);
    f.money_cost.push_back(m.cost);
    f.money_recovered.push_back(m.recovered);
  }
}

void ReportIndex::start_milestones() {
  domain::ReportFacts& f = facts_;
  f.decided_at.assign(f.cases(), domain::kNoTime);
  f.first_response_at.assign(f.cases(), domain::kNoTime);
  f.reopens.assign(f.cases(), 0);
  f.business_to_decision.assign(f.cases(), -1);
  f.business_to_closing.assign(f.cases(), -1);
  f.business_first_response.assign(f.cases(), -1);
  f.milestones_loaded = true;
}

void ReportIndex::put_milestones(std::int64_t id, const domain::CaseMilestones& m) {
  const std::optional<std::uint32_t> r = row_of(id);
  if (!r) return;
  domain::ReportFacts& f = facts_;
  f.decided_at[*r] = m.decided_at ? m.decided_at->micros : domain::kNoTime;
  f.first_response_at[*r] = m.first_response_at ? m.first_response_at->micros : domain::kNoTime;
  f.reopens[*r] = m.reopens;
  f.business_to_decision[*r] = m.business_to_decision.value_or(-1);
  f.business_to_closing[*r] = m.business_to_closing.value_or(-1);
  f.business_first_response[*r] = m.business_first_response.value_or(-1);
}

void ReportIndex::start_breaches() {
  facts_.breach_row.clear();
  facts_.breach_clock.clear();
  facts_.breaches_loaded = true;
}

void ReportIndex::put_breach(std::int64_t id, std::string_view clock) {
  const std::optional<std::uint32_t> r = row_of(id);
  if (!r) return;
  facts_.breach_row.push_back(*r);
  facts_.breach_clock.push_back(facts_.clocks.code(domain::breach_clock_name(clock)));
}

void ReportIndex::start_sold() {
  domain::ReportFacts& f = facts_;
  f.sold_document.clear();
  f.sold_customer.clear();
  f.sold_sku.clear();
  f.sold_lot.clear();
  f.sold_line.clear();
  f.sold_day.clear();
  f.sold_quantity.clear();
  f.line_sold.clear();
  sold_by_line_.clear();
  f.sold_loaded = false;
}

void ReportIndex::put_sold(const domain::SoldFact& s) {
  domain::ReportFacts& f = facts_;
  const auto row = static_cast<std::int32_t>(f.sold_quantity.size());
  f.sold_document.push_back(f.documents.code(s.document));
  f.sold_customer.push_back(f.customers.code(s.customer_id));
  f.sold_sku.push_back(f.skus.code(s.sku));
  f.sold_lot.push_back(f.lots.code(s.lot));
  f.sold_line.push_back(s.line_no);
  f.sold_day.push_back(static_cast<std::int32_t>(domain::days_since_epoch(s.date)));
  f.sold_quantity.push_back(s.quantity);
  sold_by_line_.emplace(line_key(f.sold_document.back(), s.line_no), row);
}

void ReportIndex::finish_sold() {
  domain::ReportFacts& f = facts_;
  f.line_sold.assign(f.lines(), -1);
  const std::optional<std::uint32_t> none = f.documents.find(std::string_view());
  for (std::size_t l = 0; l < f.lines(); ++l) {
    if (none && f.line_document[l] == *none) continue;
    f.line_sold[l] = sold_of(f.line_document[l], f.line_sales_line[l]);
  }
  f.sold_loaded = true;
}

std::vector<std::int64_t> ReportIndex::take_dirty() {
  std::vector<std::int64_t> out;
  out.swap(dirty_);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rma::index
