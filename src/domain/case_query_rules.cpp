#include "domain/case_query_rules.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>

#include "domain/views.hpp"
#include "rma/error.hpp"

namespace rma::domain {
namespace {

// A filter by the member it reads, and whether the query sets it.
struct Filter {
  const char* member;
  bool (*set)(const CaseQuery&);
};

// Members no claimant's view shows (views.cpp: claimant.case, supplier.case and their pages).
constexpr Filter kHiddenFromAll[] = {
    {"assignee", [](const CaseQuery& q) { return q.assignee.has_value(); }},
    {"team", [](const CaseQuery& q) { return q.team.has_value(); }},
    {"root_cause", [](const CaseQuery& q) { return q.root_cause.has_value(); }},
    {"custom_fields", [](const CaseQuery& q) { return !q.custom_fields.empty(); }},
    {"sla_breached", [](const CaseQuery& q) { return q.sla_breached.has_value(); }},
    {"sla_due_within", [](const CaseQuery& q) { return q.sla_due_within.has_value(); }},
};
// The customer's view has no supplier; the supplier's neither the customer nor the sale.
constexpr Filter kHiddenFromCustomers[] = {
    {"supplier_id", [](const CaseQuery& q) { return q.supplier_id.has_value(); }},
};
constexpr Filter kHiddenFromSuppliers[] = {
    {"customer_id", [](const CaseQuery& q) { return q.customer_id.has_value(); }},
    {"sales_document", [](const CaseQuery& q) { return q.sales_document.has_value(); }},
};

bool sort_hidden(CaseSort sort, Audience audience) {
  switch (sort) {
    case CaseSort::assignee:
    case CaseSort::team:
    case CaseSort::root_cause: return true;
    case CaseSort::supplier_id: return audience == Audience::claimant;
    case CaseSort::customer_id: return audience == Audience::supplier;
    default: return false;
  }
}

[[noreturn]] void refuse_hidden(const Actor& by, const std::string& field) {
  throw Error(Status::permission_denied, field,
              std::string(role_name(by.role)) + " may not filter or sort by " + field +
                  ": its view of a case does not show it",
              "role_not_allowed");
}

template <std::size_t N>
void refuse_set(const Filter (&filters)[N], const CaseQuery& q, const Actor& by) {
  for (const Filter& f : filters) {
    if (f.set(q)) refuse_hidden(by, f.member);
  }
}

void check_size(const char* field, const std::optional<std::string>& value, std::int64_t max_bytes) {
  if (value && static_cast<std::int64_t>(value->size()) > max_bytes) {
    throw Error(Status::too_large, field,
                std::to_string(value->size()) + " bytes is over the limit of " + std::to_string(max_bytes));
  }
}

// A name SQLite's JSON path can quote ($."name"): no quote, backslash or control character.
void check_custom_field(const std::string& name, const std::string& value) {
  const std::string field = "custom_fields." + name;
  if (name.empty() || name.size() > kMaxCustomFieldNameBytes) {
    throw Error(Status::invalid_argument, "custom_fields",
                "a custom field name has 1 to " + std::to_string(kMaxCustomFieldNameBytes) + " bytes");
  }
  for (unsigned char ch : name) {
    if (ch == '"' || ch == '\\' || ch < 0x20 || ch == 0x7f) {
      throw Error(Status::invalid_argument, "custom_fields",
                  "a custom field name to filter on may not hold a quote, a backslash or a control character");
    }
  }
  const nlohmann::json parsed = nlohmann::json::parse(value, nullptr, false);
  if (parsed.is_discarded() || parsed.is_object() || parsed.is_array()) {
    throw Error(Status::invalid_argument, field, "must be a JSON string, number, boolean or null");
  }
}

}  // namespace

void check_case_query(const CaseQuery& q, const Actor& by, const Limits& limits) {
  if (q.limit < 1 || q.limit > kMaxCaseQueryLimit) {
    throw Error(Status::out_of_range, "limit",
                "must be between 1 and " + std::to_string(kMaxCaseQueryLimit) + ", got " + std::to_string(q.limit));
  }
  if (q.offset < 0) throw Error(Status::out_of_range, "offset", "must not be negative, got " + std::to_string(q.offset));
  if (q.sla_due_within && (*q.sla_due_within < 0 || *q.sla_due_within > kMaxSlaDueWithinSeconds)) {
    throw Error(Status::out_of_range, "sla_due_within",
                "must be between 0 and " + std::to_string(kMaxSlaDueWithinSeconds) + " seconds, got " +
                    std::to_string(*q.sla_due_within));
  }
  if (!q.cursor.empty() && q.offset != 0) {
    throw Error(Status::invalid_argument, "offset",
                "a page starts either after a cursor or at an offset, not both");
  }
  const std::pair<const char*, const std::optional<std::string>*> texts[] = {
      {"customer_id", &q.customer_id}, {"status", &q.status}, {"serial", &q.serial},
      {"assignee", &q.assignee}, {"number_prefix", &q.number_prefix}, {"team", &q.team},
      {"supplier_id", &q.supplier_id}, {"sku", &q.sku}, {"lot", &q.lot}, {"sales_document", &q.sales_document},
      {"reason_code", &q.reason_code}, {"root_cause", &q.root_cause}};
  for (const auto& [field, value] : texts) check_size(field, *value, limits.max_text_bytes);
  if (q.custom_fields.size() > kMaxCustomFieldFilters) {
    throw Error(Status::out_of_range, "custom_fields",
                "at most " + std::to_string(kMaxCustomFieldFilters) + " custom field filters, got " +
                    std::to_string(q.custom_fields.size()));
  }
  for (const auto& [name, value] : q.custom_fields) check_custom_field(name, value);

  const Audience audience = audience_of(by);
  if (audience == Audience::staff) return;
  refuse_set(kHiddenFromAll, q, by);
  if (audience == Audience::claimant) {
    refuse_set(kHiddenFromCustomers, q, by);
    if (q.customer_id && *q.customer_id != by.id) {
      throw Error(Status::permission_denied, "customer_id", "a customer may query only its own cases", "not_own_case");
    }
  } else {
    refuse_set(kHiddenFromSuppliers, q, by);
    if (q.supplier_id && *q.supplier_id != by.id) {
      throw Error(Status::permission_denied, "supplier_id", "a supplier may query only the cases sent to it",
                  "not_own_case");
    }
  }
  if (sort_hidden(q.sort, audience)) refuse_hidden(by, "sort");
}

}  // namespace rma::domain
