// domain/import_errors.hpp — the errors of one import in bounded memory, whatever the input: the
// first N by line listed one by one, and every error counted by field and code
// (docs/import.md, "The report"). A file of a million bad rows costs N errors and a few counts,
// not a million errors.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rma/import.hpp"

namespace rma::domain {

// `field` with the contents of its brackets left out: "lines[3].serials[0]" is
// "lines[].serials[]", the field of every such error whatever row and item it is on.
std::string field_pattern(std::string_view field);

class ImportErrorLog {
 public:
  // Fields and reasons longer than these are cut ("..."): a listed error stays small even when
  // its field names a 4 MiB key.
  static constexpr std::size_t kMaxFieldBytes = 256;
  static constexpr std::size_t kMaxReasonBytes = 1024;

  // (field, code) pairs counted one by one; the errors of any further field are counted under
  // field "*" with their code, so the counts stay few even when every row names a different
  // unknown key.
  static constexpr std::size_t kMaxCounted = 1000;

  // Lists at most `max_listed` errors (limits.max_import_errors).
  explicit ImportErrorLog(std::int32_t max_listed, std::size_t max_counted = kMaxCounted);

  // `error.code` names its kind ("wrong_type", ...). Errors may come in any order of lines.
  void add(ImportRowError error);

  std::int64_t total() const noexcept { return total_; }

  // Sets the report's errors (by line; equal lines in the order added), errors_truncated,
  // error_counts (by field, then code) and rows_rejected (every error).
  void fill(ImportReport& report) const;

 private:
  struct Listed {
    std::int64_t line;
    std::uint64_t order;
    ImportRowError error;
  };
  static bool before(const Listed& a, const Listed& b) noexcept;

  std::size_t max_listed_;
  std::size_t max_counted_;
  std::vector<Listed> listed_;  // a max-heap by (line, order): the one to drop first on top
  std::map<std::pair<std::string, std::string>, std::int64_t> counts_;
  std::size_t counted_pairs_ = 0;  // entries of counts_ not under "*"
  std::uint64_t next_order_ = 0;
  std::int64_t total_ = 0;
};

}  // namespace rma::domain
