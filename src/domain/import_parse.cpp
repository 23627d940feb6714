// domain/import_parse.cpp — one entry point for both formats: count the rows, read them, report.
#include "domain/import_parse.hpp"

#include "domain/import_records.hpp"

namespace rma::domain {

ParsedImport parse_import(ImportKind kind, ImportFormat format, std::string_view content, const Limits& limits,
                          const std::function<bool(std::int64_t rows_done, std::int64_t rows_total)>& progress,
                          std::int64_t progress_every) {
  using namespace import_detail;
  content = without_bom(content);
  const bool csv = format == ImportFormat::csv;
  // Counting first is cheap next to parsing, and lets the records be allocated once.
  const std::int64_t total = csv ? count_csv_rows(content) : count_jsonl_rows(content);
  ProgressTicker ticker(progress, progress_every, total);
  ParsedImport out(limits.max_import_errors);
  const bool one_record_per_row = !csv || (kind != ImportKind::sales_documents && kind != ImportKind::purchase_documents);
  if (one_record_per_row) out.records.reserve(static_cast<std::size_t>(total));
  if (csv) {
    parse_csv(kind, content, limits, ticker, out);
  } else {
    parse_jsonl(kind, content, limits, ticker, out);
  }
  out.rows_read = ticker.rows();
  ticker.finish();
  return out;
}

}  // namespace rma::domain
