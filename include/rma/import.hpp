// rma/import.hpp — bringing the ERP's data in: customers, products, suppliers, sales and purchase
// documents, from JSON Lines or CSV. Formats: docs/import.md.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rma {

enum class ImportKind { customers, products, suppliers, sales_documents, purchase_documents };
enum class ImportFormat { jsonl, csv };
const char* import_kind_name(ImportKind v) noexcept;  // "sales_documents"
std::optional<ImportKind> import_kind_from_name(std::string_view name) noexcept;
const char* import_format_name(ImportFormat v) noexcept;  // "jsonl", "csv"
std::optional<ImportFormat> import_format_from_name(std::string_view name) noexcept;

// Called every `progress_every` rows and once at the end: rows read so far, and the total rows
// of the input (known up front: the input is in memory). Return false to cancel; a cancelled
// import writes nothing.
using ImportProgress = std::function<bool(std::int64_t rows_done, std::int64_t rows_total)>;

struct ImportOptions {
  bool skip_bad_rows = false;  // false: any bad row rejects the whole batch (nothing is written)
  std::int64_t progress_every = 10000;
  ImportProgress progress;
};

struct ImportRowError {
  std::int64_t line = 0;  // 1-based line of the input (CSV: the header is line 1)
  std::string field;      // column or JSON path, e.g. "lines[0].quantity"
  std::string reason;     // for people, English
  std::string code;       // stable: the status name, e.g. "wrong_type", "unknown_value", "duplicate"
};

// How many errors of an import share a field and a code: `field` with its array indexes left
// out ("lines[].quantity"), so that a million bad rows give a few counts.
struct ImportErrorCount {
  std::string field;
  std::string reason;  // the errors' code (ImportRowError::code)
  std::int64_t count = 0;
};

struct ImportReport {
  std::int64_t rows_read = 0;       // data rows (JSONL lines, CSV records), blank lines excluded
  std::int64_t records_written = 0; // inserted or changed
  std::int64_t records_unchanged = 0;  // equal to what was stored
  std::int64_t rows_rejected = 0;   // every error counted, also those not listed one by one
  bool committed = false;  // false when a bad row rejected the batch or progress cancelled it
  // The first Limits::max_import_errors errors by line; the others are only counted.
  std::vector<ImportRowError> errors;
  bool errors_truncated = false;  // some errors are counted but not listed
  // Every error, counted by field and code, ordered by field then code (docs/import.md).
  std::vector<ImportErrorCount> error_counts;
};

}  // namespace rma
