#include "domain/report_facts.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "rma/error.hpp"
#include "rma/money.hpp"

namespace rma::domain {
namespace {

template <class T>
std::int64_t bytes_of(const std::vector<T>& v) {
  return static_cast<std::int64_t>(v.capacity() * sizeof(T));
}

std::int64_t minor_of(const nlohmann::json& totals, const char* key, const std::string& currency) {
  const auto it = totals.find(key);
  if (it == totals.end() || !it->is_string()) return 0;
  const Money m = parse_money(it->get_ref<const std::string&>(), key);
  if (m.currency != currency) {
    throw Error(Status::storage, key, "a valuation total in " + m.currency + " under currency " + currency);
  }
  return m.minor;
}

}  // namespace

TextCodes::TextCodes() { code(std::string_view()); }

std::uint32_t TextCodes::code(std::string_view text) {
  const auto it = codes_.find(text);
  if (it != codes_.end()) return it->second;
  texts_.emplace_back(text);
  const auto c = static_cast<std::uint32_t>(texts_.size() - 1);
  codes_.emplace(std::string_view(texts_.back()), c);
  return c;
}

std::optional<std::uint32_t> TextCodes::find(std::string_view text) const {
  const auto it = codes_.find(text);
  if (it == codes_.end()) return std::nullopt;
  return it->second;
}

const std::vector<std::uint32_t>& TextCodes::ranks() const {
  if (ranks_.size() == texts_.size()) return ranks_;
  std::vector<std::uint32_t> order(texts_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) { return texts_[a] < texts_[b]; });
  ranks_.assign(order.size(), 0);
  for (std::uint32_t i = 0; i < order.size(); ++i) ranks_[order[i]] = i;
  return ranks_;
}

CaseFact case_fact_of(const Case& c) {
  CaseFact f;
  f.id = c.id;
  f.customer_id = c.customer_id;
  f.supplier_id = c.supplier_id;
  f.status = c.status;
  f.root_cause = c.root_cause;
  f.assignee = c.assignee;
  f.team = c.team;
  f.workflow = c.workflow;
  f.workflow_version = c.workflow_version;
  f.kind = c.kind;
  f.category = c.category;
  f.channel = c.channel;
  f.priority = c.priority;
  f.resolution = c.resolution;
  f.created_at = c.created_at;
  f.updated_at = c.updated_at;
  f.status_since = c.status_since;
  f.lines.reserve(c.lines.size());
  for (const CaseLine& l : c.lines) {
    f.lines.push_back(CaseFactLine{l.sku, l.lot, l.reason_code, l.sales_document.document, l.sales_document.line,
                                   l.qty_requested, l.qty_authorized, l.qty_received, l.qty_accepted});
  }
  return f;
}

std::vector<MoneyFact> money_facts_of(std::string_view valuation_json) {
  std::vector<MoneyFact> out;
  if (valuation_json.empty()) return out;
  // The totals close the document (its members are written in name order): reading only them
  // spares parsing the breakdown, which is most of the text.
  const std::size_t at = valuation_json.rfind("\"totals\":");
  nlohmann::json totals;
  if (at != std::string_view::npos && valuation_json.back() == '}') {
    const std::string_view array = valuation_json.substr(at + 9, valuation_json.size() - at - 10);
    totals = nlohmann::json::parse(array, nullptr, false);
  }
  if (totals.is_discarded() || !totals.is_array()) {
    const nlohmann::json whole = nlohmann::json::parse(valuation_json, nullptr, false);
    if (whole.is_discarded() || !whole.is_object() || !whole.contains("totals")) {
      throw Error(Status::storage, "valuation", "a stored valuation without totals");
    }
    totals = whole.at("totals");
  }
  for (const nlohmann::json& t : totals) {
    if (!t.is_object() || !t.contains("currency") || !t.at("currency").is_string()) continue;
    MoneyFact m;
    m.currency = t.at("currency").get<std::string>();
    m.claimed = minor_of(t, "claimed_value", m.currency);
    m.refunded = minor_of(t, "refund", m.currency);
    m.cost = minor_of(t, "net_cost", m.currency);
    m.recovered = minor_of(t, "supplier_recovery", m.currency) + minor_of(t, "recovery_value", m.currency);
    out.push_back(std::move(m));
  }
  return out;
}

std::string_view breach_clock_name(std::string_view clock) {
  return clock.rfind("action:", 0) == 0 ? std::string_view("action") : clock;
}

std::int64_t ReportFacts::bytes() const {
  std::int64_t n = 0;
  for (const auto* v : {&case_id, &created_at, &updated_at, &status_since, &line_requested, &line_authorized,
                        &line_received, &line_accepted, &money_claimed, &money_refunded, &money_cost,
                        &money_recovered, &decided_at, &first_response_at, &business_to_decision,
                        &business_to_closing, &business_first_response, &sold_quantity}) {
    n += bytes_of(*v);
  }
  for (const auto* v : {&customer, &supplier, &status, &root_cause, &assignee, &team, &first_line, &line_count,
                        &line_sku, &line_lot, &line_reason, &line_document, &sku_category, &sku_brand,
                        &sku_supplier, &money_first, &money_count, &money_currency, &breach_row, &breach_clock,
                        &sold_document, &sold_customer, &sold_sku, &sold_lot, &workflow}) {
    n += bytes_of(*v);
  }
  for (const auto* v : {&line_sales_line, &reopens, &sold_line, &sold_day, &line_sold, &workflow_version}) n += bytes_of(*v);
  for (const auto* v : {&live, &kind, &category, &channel, &priority, &resolution}) n += bytes_of(*v);
  return n;
}

}  // namespace rma::domain
