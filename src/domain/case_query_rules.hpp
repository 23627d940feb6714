// domain/case_query_rules.hpp — what a case query may ask: its page bounds, a cursor or an offset,
// its custom field filters, and which filters and orders a customer or a supplier may use.
//
// A claimant filters and sorts only on members its own view of a case shows (domain/views.cpp):
// a filter on a hidden member (the assignee, the root cause, custom fields, …) would answer
// yes-or-no questions about it, so it is refused, whatever the value.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rma/actor.hpp"
#include "rma/options.hpp"
#include "rma/query.hpp"

namespace rma::domain {

constexpr std::int32_t kMaxCaseQueryLimit = 1000;        // CaseQuery::limit is 1..1000
constexpr std::size_t kMaxCustomFieldFilters = 16;       // CaseQuery::custom_fields entries
constexpr std::size_t kMaxCustomFieldNameBytes = 128;
constexpr std::int64_t kMaxSlaDueWithinSeconds = std::int64_t{10} * 365 * 86400;  // ten years

// Throws the first rule `query` breaks for `by`: out_of_range `limit` / `offset` /
// `custom_fields` / `sla_due_within` (0..kMaxSlaDueWithinSeconds); invalid_argument `offset` (with a cursor) or `custom_fields.<name>` (a name
// with a quote, a backslash or a control character, a value that is not a JSON scalar);
// too_large for a text over limits.max_text_bytes; permission_denied `customer_id` /
// `supplier_id` (reason not_own_case) for another party's cases and, reason role_not_allowed,
// naming the filter or `sort`, for what the actor's view hides.
void check_case_query(const CaseQuery& query, const Actor& by, const Limits& limits);

}  // namespace rma::domain
