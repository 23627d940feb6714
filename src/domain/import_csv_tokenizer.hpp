// domain/import_csv_tokenizer.hpp — splits CSV text (RFC 4180) into records of cells, and says
// which quoting rule a record broke first.
//
// Cells stay views into the input until a record field needs its own string, so splitting a
// row allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rma::domain::import_detail {

struct Cell {
  std::string_view text;  // a quoted cell: what is between the quotes, doubled quotes still doubled
  bool escaped = false;   // holds doubled quotes, so `text` is not the value itself

  std::string str() const {
    if (!escaped) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      out += text[i];
      if (text[i] == '"') ++i;  // the second quote of a pair
    }
    return out;
  }
};

// A quoting rule a record broke; `fatal` when the rest of the input cannot be read (an
// unterminated quote swallows everything after it).
struct QuoteProblem {
  std::size_t cell = 0;
  std::string reason;
  bool fatal = false;
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view input) : in_(input) {
    for (unsigned char c : {',', '\n', '\r', '"'}) special_[c] = true;
  }

  // Reads the next record that is not a blank line into `cells`; false at the end of the input.
  bool next(std::vector<Cell>& cells);

  std::int64_t record_line() const { return record_line_; }
  const std::optional<QuoteProblem>& problem() const { return problem_; }

 private:
  bool line_break_at(std::size_t p) const { return in_[p] == '\r' && p + 1 < in_.size() && in_[p + 1] == '\n'; }
  bool separator_at(std::size_t p) const { return in_[p] == ',' || in_[p] == '\n' || line_break_at(p); }

  void note(std::size_t cell, const char* reason, bool fatal = false);

  // Stops at ',', "\n", "\r\n" or the end; a lone '\r' is data (and fails the text checks later).
  void read_unquoted(std::size_t index, Cell& cell);

  // False if the quote is never closed (the rest of the input became this cell).
  bool read_quoted(std::size_t index, Cell& cell);

  std::string_view in_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 0;
  std::optional<QuoteProblem> problem_;
  std::array<bool, 256> special_{};
};

}  // namespace rma::domain::import_detail
