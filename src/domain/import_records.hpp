// domain/import_records.hpp — what the JSONL and CSV readers of an import share: progress
// counting, the checks every record goes through, and how errors are reported.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "domain/import_parse.hpp"
#include "rma/error.hpp"

namespace rma::domain::import_detail {

using ProgressFn = std::function<bool(std::int64_t rows_done, std::int64_t rows_total)>;

// Counts data rows and calls the host every `every` rows and once at the end (finish()).
// A false answer throws Error(invalid_argument, "progress", "cancelled by the host").
class ProgressTicker {
 public:
  ProgressTicker(const ProgressFn& fn, std::int64_t every, std::int64_t total)
      : fn_(fn), every_(fn ? every : 0), total_(total) {}

  void row_done() {
    ++rows_;
    // The last row is reported by finish(), so the host never sees the final count twice.
    if (every_ > 0 && rows_ % every_ == 0 && rows_ < total_) report();
  }
  void finish() {
    if (fn_) report();
  }
  std::int64_t rows() const { return rows_; }
  std::int64_t total() const { return total_; }

 private:
  void report();

  const ProgressFn& fn_;
  std::int64_t every_;
  std::int64_t total_;
  std::int64_t rows_ = 0;
};

// Data rows in the input, counted before parsing so progress can show a total.
std::int64_t count_jsonl_rows(std::string_view content);
std::int64_t count_csv_rows(std::string_view content);  // records after the header, blank lines excluded

// The input without a leading UTF-8 byte order mark (spreadsheets write one).
std::string_view without_bom(std::string_view content);

// The message of an Error without the "field: " prefix what() adds.
std::string error_message(const Error& e);
// The report's error for `e` on `line`: its field, message and status name.
ImportRowError row_error(std::int64_t line, const Error& e);
// `value` shortened for a message, invalid UTF-8 shown as '?': reports are always valid UTF-8.
std::string printable(std::string_view value);
// printable(value) in double quotes.
std::string quote_value(std::string_view value);

// Throws Error(status, field, message) for any failure a record's values show on their own.
void validate_record(const ImportRecord& record, const Limits& limits);

// The key records of `kind` are upserted by, and its field name: "id", or "sku" for products.
const std::string& record_key(const ImportRecord& record);
const char* key_field(ImportKind kind);

// Collects the records and errors of one import.
class RecordSink {
 public:
  RecordSink(ImportKind kind, const Limits& limits, ParsedImport& out) : kind_(kind), limits_(limits), out_(out) {}

  // `status` is the kind of the error, its code in the report.
  void error(std::int64_t line, Status status, std::string field, std::string reason) {
    out_.errors.add(ImportRowError{line, std::move(field), std::move(reason), status_name(status)});
  }
  void error(std::int64_t line, const Error& e) { out_.errors.add(row_error(line, e)); }

  // Keeps `record` unless its key was used earlier in this import (when `check_key`) or it
  // breaks a rule. `place(const Error&)` returns the ImportRowError to report for a rule broken.
  template <class Place>
  bool keep(std::int64_t line, ImportRecord&& record, bool check_key, const Place& place) {
    if (check_key && !key_is_new(line, record)) return false;
    try {
      validate_record(record, limits_);
    } catch (const Error& e) {
      out_.errors.add(place(e));
      return false;
    }
    out_.records.push_back(ParsedRecord{line, std::move(record), {}});
    return true;
  }

 private:
  // False (and reports it) if another record of this import already used the key. The key is
  // remembered even if its record turns out invalid: a file that names one id twice is ambiguous.
  bool key_is_new(std::int64_t line, const ImportRecord& record);

  ImportKind kind_;
  const Limits& limits_;
  ParsedImport& out_;
  std::unordered_map<std::string, std::int64_t> first_line_of_key_;
};

void parse_jsonl(ImportKind kind, std::string_view content, const Limits& limits, ProgressTicker& ticker,
                 ParsedImport& out);
void parse_csv(ImportKind kind, std::string_view content, const Limits& limits, ProgressTicker& ticker,
               ParsedImport& out);

}  // namespace rma::domain::import_detail
