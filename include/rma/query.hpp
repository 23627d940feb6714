// rma/query.hpp — finding cases: filters, sorting and paging, answered by the store.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rma/case.hpp"
#include "rma/time.hpp"

namespace rma {

// The orders a case query may ask for: a column of the case, ties broken by id. Priorities sort
// by urgency (low first), every other text column bytewise by its stored text (enums by name).
enum class CaseSort {
  created_at, updated_at, number, priority,
  status, kind, channel, category, customer_id, assignee, team, supplier_id, resolution, root_cause, id
};
const char* case_sort_name(CaseSort v) noexcept;
std::optional<CaseSort> case_sort_from_name(std::string_view name) noexcept;

// All set filters must match. Ranges include their `_from` and exclude their `_to` instant. Line
// filters (serial, sku, lot, sales_document, reason_code) match a case when any of its lines
// matches. Customers and suppliers may filter and sort only on what their view of a case shows
// (docs/json.md, case.query).
struct CaseQuery {
  std::optional<std::string> customer_id;
  std::optional<std::string> status;
  std::optional<std::string> serial;  // any line's serial or replacement serial
  std::optional<std::string> assignee;
  std::optional<CaseKind> kind;
  std::optional<Channel> channel;
  std::optional<Timestamp> created_from;
  std::optional<Timestamp> created_to;
  std::optional<std::string> number_prefix;  // compared on the canonical number
  std::optional<ComplaintCategory> category;
  std::optional<Priority> priority;
  std::optional<std::string> team;
  std::optional<std::string> supplier_id;
  std::optional<std::string> sku;
  std::optional<std::string> lot;
  std::optional<std::string> sales_document;  // a line's sales document id
  std::optional<std::string> reason_code;
  std::optional<std::string> root_cause;
  std::optional<Resolution> resolution;
  std::optional<Timestamp> updated_from;
  std::optional<Timestamp> updated_to;
  // Closed: the case's status is a state of category `closed` in the workflow configuration; the
  // range applies to when it entered that state (status_since).
  std::optional<Timestamp> closed_from;
  std::optional<Timestamp> closed_to;
  // True: an SLA breach of the case has been recorded (by sla.tick, any clock); false: none has.
  std::optional<bool> sla_breached;
  // Seconds, 0..315,360,000 (ten years): the case has a running SLA clock due after now and at
  // most this many seconds after it, now being the engine's clock when the query runs. A clock
  // already overdue, paused or stopped does not count.
  std::optional<std::int64_t> sla_due_within;
  // Custom field equality: field name → a JSON scalar as text ("\"red\"", "3", "true", "null").
  std::map<std::string, std::string> custom_fields;
  CaseSort sort = CaseSort::created_at;
  bool descending = false;
  std::int64_t offset = 0;
  std::int32_t limit = 50;  // 1..1000
  // The next_cursor of the previous page of the same query (same filters and order): the page
  // starts after that page's last case. Empty: the page starts at `offset`, which must then be 0
  // or the cursor empty.
  std::string cursor;
};

// What a list screen shows; the whole case comes from Engine::get_case.
struct CaseSummary {
  std::int64_t id = 0;
  std::string number;
  CaseKind kind = CaseKind::return_;
  ComplaintCategory category = ComplaintCategory::none;
  Channel channel = Channel::b2c;
  std::string customer_id;
  std::string status;
  Priority priority = Priority::normal;
  std::string assignee;
  std::string team;
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 0;
};

struct CasePage {
  std::vector<CaseSummary> items;
  // Matches before paging. Exact when total_exact; otherwise at least this many: matches are
  // counted up to Limits::max_counted_total (docs/json.md says when a total is read, not counted).
  std::int64_t total = 0;
  bool total_exact = true;
  std::string next_cursor;  // the cursor of the next page; empty on the last page
};

}  // namespace rma
