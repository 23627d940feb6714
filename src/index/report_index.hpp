// index/report_index.hpp — the fact columns reports read (domain/report_facts.hpp), kept in memory:
// built from the store on the first report, not at open, then following the event log. A case
// that changes (here or in another process) is marked dirty and read again before the next
// report; its new row is appended and its old one retired, so columns only grow, and the whole
// table is built afresh once retired rows outnumber live ones.
//
// Groups of columns that only some measures need (money, milestones, SLA breaches, sold lines)
// are loaded on first need and dropped when what they depend on changes (a new SLA calendar,
// a new sales feed). Like every index it never reads the store itself: the engine hands it the
// facts (engine/report_module.cpp).
//
// Not thread-safe: the engine serializes access.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/report_facts.hpp"

namespace rma::index {

class ReportIndex {
 public:
  const domain::ReportFacts& facts() const { return facts_; }
  bool built() const { return built_; }

  // Everything dropped: the next report builds the table again.
  void clear();
  // A fresh table (built() stays false until finish_build()).
  void begin_build();
  void finish_build() { built_ = true; }
  // Takes columns read back from a file (index/report_snapshot.hpp) as the built table.
  void restore(domain::ReportFacts facts);

  // Appends the case as its current row, retiring the row it had.
  void put_case(const domain::CaseFact& c);
  // Retires the case's row: it is deleted.
  void remove_case(std::int64_t id);
  std::optional<std::uint32_t> row_of(std::int64_t id) const;
  std::size_t live_cases() const { return live_; }
  // Retired rows outnumber live ones: cheaper to build again than to keep.
  bool worth_rebuilding() const { return facts_.cases() > 4096 && facts_.cases() > 2 * live_ + 4096; }

  // The catalogue's category, brand and supplier of each SKU.
  void put_products(const std::vector<domain::ProductFact>& products);

  // Column groups: start_* makes the group empty and loaded; put_* fills the case's current row.
  void start_money();
  void put_money(std::int64_t id, const std::vector<domain::MoneyFact>& totals);
  void start_milestones();
  void put_milestones(std::int64_t id, const domain::CaseMilestones& m);
  void start_breaches();
  void put_breach(std::int64_t id, std::string_view clock);
  void start_sold();
  void put_sold(const domain::SoldFact& sold);
  // After the last put_sold: each case line learns the sold line it returns.
  void finish_sold();
  void drop_money() { facts_.money_loaded = false; }
  void drop_milestones() { facts_.milestones_loaded = false; }
  void drop_breaches() { facts_.breaches_loaded = false; }
  void drop_sold() { facts_.sold_loaded = false; }

  // Cases whose rows must be read again before the next report.
  void mark_dirty(std::int64_t id) { dirty_.push_back(id); }
  std::vector<std::int64_t> take_dirty();
  bool has_dirty() const { return !dirty_.empty(); }
  // Whether the catalogue must be read again.
  bool products_stale = true;

 private:
  std::int32_t sold_of(std::uint32_t document, std::int32_t line) const;
  void retire(std::int64_t id);

  domain::ReportFacts facts_;
  bool built_ = false;
  std::size_t live_ = 0;
  std::vector<std::int32_t> row_of_id_;  // by case id: row + 1, 0 for none
  std::unordered_map<std::uint64_t, std::int32_t> sold_by_line_;  // (document code, line) -> sold row
  std::vector<std::int64_t> dirty_;
};

}  // namespace rma::index
