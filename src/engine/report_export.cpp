#include "engine/report_export.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "rma/error.hpp"

namespace rma {

void check_export_options(const ReportExportOptions& options) {
  if (options.path.empty()) throw Error(Status::missing_field, "path", "an export names the file to write");
  if (options.progress_every < 1 || options.progress_every > 10'000'000) {
    throw Error(Status::out_of_range, "progress_every",
                "must be between 1 and 10000000, got " + std::to_string(options.progress_every));
  }
  if (options.sheet.size() > 31) {
    throw Error(Status::invalid_argument, "sheet", "a sheet name has at most 31 characters");
  }
  if (options.sheet.find_first_of("[]:*?/\\") != std::string::npos ||
      (!options.sheet.empty() && (options.sheet.front() == '\'' || options.sheet.back() == '\''))) {
    throw Error(Status::invalid_argument, "sheet",
                "a sheet name may not hold [ ] : * ? / \\ nor start or end with an apostrophe");
  }
}

bool report_progress(const ReportExportOptions& options, std::int64_t done, std::int64_t total) {
  return !options.progress || options.progress(done, total);
}

ReportExportResult write_report(const Report& report, const ReportExportOptions& options) {
  check_export_options(options);
  if (options.format == ReportFormat::xlsx) {
    write_report_xlsx(report, options);
  } else {
    write_report_csv(report, options);
  }
  ReportExportResult result;
  result.path = options.path;
  result.format = options.format;
  result.rows = static_cast<std::int64_t>(report.rows.size());
  struct stat st {};
  if (::stat(options.path.c_str(), &st) == 0) result.bytes = static_cast<std::int64_t>(st.st_size);
  return result;
}

}  // namespace rma
