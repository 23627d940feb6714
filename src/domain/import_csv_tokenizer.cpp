// domain/import_csv_tokenizer.cpp — splitting CSV records (import_csv_tokenizer.hpp): a record
// ends at "\n" or "\r\n" outside quotes; a quoted cell keeps its doubled quotes until str().
#include <cstring>

#include "domain/import_csv_tokenizer.hpp"

namespace rma::domain::import_detail {

bool Tokenizer::next(std::vector<Cell>& cells) {
  cells.clear();
  problem_.reset();
  const std::size_t n = in_.size();
  while (pos_ < n && (in_[pos_] == '\n' || line_break_at(pos_))) {
    pos_ += in_[pos_] == '\n' ? 1 : 2;
    ++line_;
  }
  if (pos_ >= n) return false;
  record_line_ = line_;
  for (;;) {
    Cell cell;
    if (pos_ < n && in_[pos_] == '"') {
      if (!read_quoted(cells.size(), cell)) {
        cells.push_back(cell);
        return true;
      }
    } else {
      read_unquoted(cells.size(), cell);
    }
    cells.push_back(cell);
    if (pos_ >= n) return true;
    if (in_[pos_] == ',') {
      ++pos_;
      continue;
    }
    pos_ += in_[pos_] == '\n' ? 1 : 2;  // "\n" or "\r\n": read_* stop at nothing else
    ++line_;
    return true;
  }
}

void Tokenizer::note(std::size_t cell, const char* reason, bool fatal) {
  if (!problem_) problem_ = QuoteProblem{cell, reason, fatal};
}

void Tokenizer::read_unquoted(std::size_t index, Cell& cell) {
  const std::size_t start = pos_;
  const std::size_t n = in_.size();
  for (; pos_ < n; ++pos_) {
    const unsigned char c = static_cast<unsigned char>(in_[pos_]);
    if (!special_[c]) continue;
    if (c == ',' || c == '\n' || line_break_at(pos_)) break;
    if (c == '"') note(index, "a quote inside an unquoted field: quote the whole field and double the quote");
  }
  cell.text = in_.substr(start, pos_ - start);
}

bool Tokenizer::read_quoted(std::size_t index, Cell& cell) {
  const std::size_t n = in_.size();
  const std::size_t start = ++pos_;
  for (;;) {
    const void* quote = std::memchr(in_.data() + pos_, '"', n - pos_);
    if (quote == nullptr) {
      cell.text = in_.substr(start);
      pos_ = n;
      note(index, "a quoted field is never closed: the input ends inside it", /*fatal=*/true);
      return false;
    }
    const std::size_t q = static_cast<std::size_t>(static_cast<const char*>(quote) - in_.data());
    if (q + 1 < n && in_[q + 1] == '"') {
      cell.escaped = true;
      pos_ = q + 2;
      continue;
    }
    cell.text = in_.substr(start, q - start);
    pos_ = q + 1;
    break;
  }
  for (char c : cell.text) line_ += c == '\n';
  if (pos_ < n && !separator_at(pos_)) {
    note(index, "text after the closing quote: quote the whole field and double the quotes inside it");
    Cell rest;
    read_unquoted(index, rest);
  }
  return true;
}

}  // namespace rma::domain::import_detail
