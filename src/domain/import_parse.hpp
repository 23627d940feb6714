// domain/import_parse.hpp — turns an ERP export (JSON Lines or CSV, docs/import.md) into typed,
// validated records plus the rows that failed. Pure: no I/O, no clock; the engine upserts the
// records in one transaction.
//
// Every record is checked here with the same rules the engine applies to single upserts, so a
// record that comes back in `records` is valid on its own; checks that need stored data (does
// the customer exist? is the product serialized?) are the engine's.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/import_errors.hpp"
#include "rma/import.hpp"
#include "rma/options.hpp"
#include "rma/party.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"

namespace rma::domain {

using ImportRecord = std::variant<Customer, Product, Supplier, SalesDocument, PurchaseDocument>;

struct ParsedRecord {
  std::int64_t line = 0;  // first input line of the record (CSV documents: of their first row)
  ImportRecord record;
  // CSV documents: the input line of each document line (lines[i] came from line_rows[i]), so a
  // later check can point at the row; empty for everything else (the whole record is on `line`).
  std::vector<std::int64_t> line_rows;
};

struct ParsedImport {
  explicit ParsedImport(std::int32_t max_listed_errors) : errors(max_listed_errors) {}
  std::int64_t rows_read = 0;  // data rows: JSONL lines, CSV records; blank lines and the header excluded
  std::vector<ParsedRecord> records;  // valid records, in order of their first line
  ImportErrorLog errors;  // one per bad row (or bad document): the first ones listed, all counted
};

// Parses and validates `content`. A record with an error is left out of `records` and its first
// error is reported (at most limits.max_import_errors listed, all counted: the memory an import
// takes does not grow with its errors); the caller decides whether errors reject the batch. A CSV header that names
// an unknown column (or misses a required one) fails the whole input: one error on line 1 and no
// records. `progress` (may be empty) is called every `progress_every` rows (never if ≤ 0) and
// once at the end; returning false throws Error(invalid_argument, "progress", "cancelled by the host").
ParsedImport parse_import(ImportKind kind, ImportFormat format, std::string_view content, const Limits& limits,
                          const std::function<bool(std::int64_t rows_done, std::int64_t rows_total)>& progress,
                          std::int64_t progress_every);

// What a valid document looks like, decidable from the values alone. Throws rma::Error naming
// the field as a JSON path ("lines[1].quantity", "lines[0].serials[2]").
void validate_sales_document(const SalesDocument& d, const Limits& limits);
void validate_purchase_document(const PurchaseDocument& d, const Limits& limits);
// The part of those rules the document's own columns decide, whatever its lines: a CSV document
// is checked by them on its first row, so a bad one is dropped before its other rows arrive.
void validate_sales_header(const SalesDocument& d, const Limits& limits);
void validate_purchase_header(const PurchaseDocument& d, const Limits& limits);

}  // namespace rma::domain
