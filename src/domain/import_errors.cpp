// The bounded error log of an import (docs/import.md, "The report").
#include "domain/import_errors.hpp"

#include <algorithm>

#include "json/reader.hpp"

namespace rma::domain {

std::string field_pattern(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  bool in_brackets = false;
  for (char c : field) {
    if (c == '[') in_brackets = true;
    if (c == ']') in_brackets = false;
    if (!in_brackets || c == '[') out += c;
  }
  return out;
}

ImportErrorLog::ImportErrorLog(std::int32_t max_listed, std::size_t max_counted)
    : max_listed_(max_listed > 0 ? static_cast<std::size_t>(max_listed) : 0), max_counted_(max_counted) {}

bool ImportErrorLog::before(const Listed& a, const Listed& b) noexcept {
  return a.line != b.line ? a.line < b.line : a.order < b.order;
}

void ImportErrorLog::add(ImportRowError error) {
  ++total_;
  // The error with the same field, cut to the same length, counts with its kind.
  std::string pattern = codec::shortened(field_pattern(error.field), kMaxFieldBytes);
  auto key = std::make_pair(std::move(pattern), error.code);
  auto count = counts_.find(key);
  if (count == counts_.end()) {
    if (counted_pairs_ >= max_counted_) key.first = "*";
    count = counts_.find(key);
    if (count == counts_.end()) {
      if (key.first != "*") ++counted_pairs_;
      count = counts_.emplace(std::move(key), 0).first;
    }
  }
  ++count->second;

  Listed item{error.line, next_order_++, {}};
  if (listed_.size() == max_listed_) {
    // Full: keep the new error only if it comes before the last one listed.
    if (max_listed_ == 0 || !before(item, listed_.front())) return;
    std::pop_heap(listed_.begin(), listed_.end(), before);
    listed_.pop_back();
  }
  item.error = std::move(error);
  if (item.error.field.size() > kMaxFieldBytes) item.error.field = codec::shortened(item.error.field, kMaxFieldBytes);
  if (item.error.reason.size() > kMaxReasonBytes) item.error.reason = codec::shortened(item.error.reason, kMaxReasonBytes);
  listed_.push_back(std::move(item));
  std::push_heap(listed_.begin(), listed_.end(), before);
}

void ImportErrorLog::fill(ImportReport& report) const {
  std::vector<Listed> sorted = listed_;
  std::sort_heap(sorted.begin(), sorted.end(), before);
  report.errors.clear();
  report.errors.reserve(sorted.size());
  for (Listed& item : sorted) report.errors.push_back(std::move(item.error));
  report.errors_truncated = static_cast<std::int64_t>(report.errors.size()) < total_;
  report.error_counts.clear();
  report.error_counts.reserve(counts_.size());
  for (const auto& [key, count] : counts_) report.error_counts.push_back(ImportErrorCount{key.first, key.second, count});
  report.rows_rejected = total_;
}

}  // namespace rma::domain
