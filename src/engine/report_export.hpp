// engine/report_export.hpp — a report leaving librma as a file: CSV (RFC 4180) or XLSX through
// libxlsxwriter, row by row, with the progress callback between rows. The XLSX writer keeps
// constant memory (each row goes to a temporary file as it is written), so a file of any size
// costs the report's own rows and no more.
//
// What the cells say is domain's (domain/report_text.hpp). A file that cannot be written is
// Status::storage naming "path"; a cancelled export removes what it wrote and is
// invalid_argument naming "progress".
#pragma once

#include "rma/report.hpp"

namespace rma {

// The options a writer needs, checked before any report runs: a path, a sheet name Excel takes
// (1 to 31 characters, none of []:*?/\), progress_every 1..10,000,000.
void check_export_options(const ReportExportOptions& options);

ReportExportResult write_report(const Report& report, const ReportExportOptions& options);

// The two writers.
void write_report_csv(const Report& report, const ReportExportOptions& options);
void write_report_xlsx(const Report& report, const ReportExportOptions& options);

// Calls the progress callback, if any: false when it asked to cancel.
bool report_progress(const ReportExportOptions& options, std::int64_t done, std::int64_t total);

}  // namespace rma
