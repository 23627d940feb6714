// rma/query.hpp — finding cases: filters, sorting and paging, answered by the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rma/case.hpp"
#include "rma/time.hpp"

namespace rma {

enum class CaseSort { created_at, updated_at, number, priority };
const char* case_sort_name(CaseSort v) noexcept;
std::optional<CaseSort> case_sort_from_name(std::string_view name) noexcept;

// All set filters must match. created_from is inclusive, created_to exclusive.
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
  CaseSort sort = CaseSort::created_at;
  bool descending = false;
  std::int64_t offset = 0;
  std::int32_t limit = 50;  // 1..1000
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
  std::int64_t total = 0;  // matches before paging
};

}  // namespace rma
