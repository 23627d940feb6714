// domain/report_facts.hpp — what reports count, as columns: one row per case and one per case
// line, texts as dense integer codes, plus groups of columns that only some measures need
// (money, milestones, SLA breaches, sold lines), loaded when first asked for.
//
// A report (domain/report_run.hpp) is a pure function over these columns. The index layer keeps
// them (index/report_index.hpp): it appends a row per case it is given and retires the row a case
// had before, so a column is only ever appended to or marked dead, and a report reads live rows.
// The inputs below are what the store streams and what a loaded Case gives, one shape for both.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rma/case.hpp"
#include "rma/time.hpp"

namespace rma::domain {

// Texts as dense codes in order of first sight; code 0 is the empty text (none).
class TextCodes {
 public:
  TextCodes();
  TextCodes(const TextCodes&) = delete;
  TextCodes& operator=(const TextCodes&) = delete;
  TextCodes(TextCodes&&) = default;
  TextCodes& operator=(TextCodes&&) = default;

  std::uint32_t code(std::string_view text);  // adds the text when new
  std::optional<std::uint32_t> find(std::string_view text) const;
  const std::string& text(std::uint32_t code) const { return texts_[code]; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(texts_.size()); }
  // By code, its place among the texts in bytewise order: how report rows are ordered. Computed
  // when first asked for after texts were added (not thread-safe, as the rest of the columns).
  const std::vector<std::uint32_t>& ranks() const;

 private:
  std::deque<std::string> texts_;  // stable addresses for the views below
  std::unordered_map<std::string_view, std::uint32_t> codes_;
  mutable std::vector<std::uint32_t> ranks_;
};

// ---- Inputs ------------------------------------------------------------------------------

struct CaseFactLine {
  std::string sku;
  std::string lot;
  std::string reason_code;
  std::string sales_document;
  std::int32_t sales_line = 0;
  std::int64_t qty_requested = 0;
  std::int64_t qty_authorized = 0;
  std::int64_t qty_received = 0;
  std::int64_t qty_accepted = 0;
};

struct CaseFact {
  std::int64_t id = 0;
  std::string customer_id;
  std::string supplier_id;
  std::string status;
  std::string root_cause;
  std::string assignee;
  std::string team;
  std::string workflow;
  std::int32_t workflow_version = 0;
  CaseKind kind = CaseKind::return_;
  ComplaintCategory category = ComplaintCategory::none;
  Channel channel = Channel::b2c;
  Priority priority = Priority::normal;
  Resolution resolution = Resolution::none;
  Timestamp created_at;
  Timestamp updated_at;
  Timestamp status_since;
  std::vector<CaseFactLine> lines;
};

CaseFact case_fact_of(const Case& c);

// The totals of a case's valuation in one currency, as reports name them: claimed (the claimed
// value), refunded (the gross refund), cost (the net cost) and recovered (from the supplier plus
// the recovery value of the goods).
struct MoneyFact {
  std::string currency;
  std::int64_t claimed = 0;
  std::int64_t refunded = 0;
  std::int64_t cost = 0;
  std::int64_t recovered = 0;
};

// The totals of a stored valuation document (valuation_to_json); none for "".
std::vector<MoneyFact> money_facts_of(std::string_view valuation_json);

// What a case's history tells reports (engine/report_module.cpp folds it from the events): the
// first time it entered a state that locks the decision, its first answer from staff (an
// external note by staff), how many times it was reopened.
struct CaseMilestones {
  std::optional<Timestamp> decided_at;
  std::optional<Timestamp> first_response_at;
  std::int32_t reopens = 0;
  // Business seconds on the case's SLA calendar from creation to each end, when it has one.
  std::optional<std::int64_t> business_to_decision;
  std::optional<std::int64_t> business_to_closing;
  std::optional<std::int64_t> business_first_response;
};

// One sold line of the ERP feed.
struct SoldFact {
  std::string document;
  std::int32_t line_no = 0;
  Date date;
  std::string customer_id;
  std::string sku;
  std::string lot;
  std::int64_t quantity = 0;
};

// A catalogue product as reports group by it.
struct ProductFact {
  std::string sku;
  std::string category;
  std::string brand;
  std::string supplier_id;
};

// ---- Columns -----------------------------------------------------------------------------

constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();
constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

struct ReportFacts {
  TextCodes customers, suppliers, statuses, root_causes, assignees, teams;
  TextCodes skus, lots, reasons, documents, categories, brands, currencies, clocks, workflows;

  // Cases, one row each.
  std::vector<std::int64_t> case_id;
  std::vector<std::uint8_t> live;  // 0: the case was deleted, or a newer row holds it
  std::vector<std::uint32_t> customer, supplier, status, root_cause, assignee, team;
  std::vector<std::uint8_t> kind, category, channel, priority, resolution;
  std::vector<std::int64_t> created_at, updated_at, status_since;  // micros
  std::vector<std::uint32_t> first_line, line_count;
  std::vector<std::uint32_t> workflow;  // the workflow and version the case follows
  std::vector<std::int32_t> workflow_version;

  // Lines, each case's in one run.
  std::vector<std::uint32_t> line_sku, line_lot, line_reason, line_document;
  std::vector<std::int32_t> line_sales_line;
  std::vector<std::int64_t> line_requested, line_authorized, line_received, line_accepted;

  // The catalogue, by SKU code: category, brand and supplier codes (0: none).
  std::vector<std::uint32_t> sku_category, sku_brand, sku_supplier;

  // Money, when loaded: per case row a run of entries.
  bool money_loaded = false;
  std::vector<std::uint32_t> money_first, money_count;
  std::vector<std::uint32_t> money_currency;
  std::vector<std::int64_t> money_claimed, money_refunded, money_cost, money_recovered;

  // Milestones, when loaded, per case row (kNoTime / -1: none).
  bool milestones_loaded = false;
  std::vector<std::int64_t> decided_at, first_response_at;  // micros
  std::vector<std::int32_t> reopens;
  std::vector<std::int64_t> business_to_decision, business_to_closing, business_first_response;  // seconds

  // Recorded SLA breaches, when loaded: the case row and the clock ("action:7" counts as "action").
  bool breaches_loaded = false;
  std::vector<std::uint32_t> breach_row, breach_clock;

  // Sold lines, when loaded, and for each case line the sold line it returns (-1: none known).
  bool sold_loaded = false;
  std::vector<std::uint32_t> sold_document, sold_customer, sold_sku, sold_lot;
  std::vector<std::int32_t> sold_line, sold_day;  // sold_day: days since 1970-01-01
  std::vector<std::int64_t> sold_quantity;
  std::vector<std::int32_t> line_sold;

  std::size_t cases() const { return case_id.size(); }
  std::size_t lines() const { return line_sku.size(); }
  // Memory held, roughly.
  std::int64_t bytes() const;
};

// The clock a breach counts under: action clocks ("action:12") count together as "action".
std::string_view breach_clock_name(std::string_view clock);

}  // namespace rma::domain
