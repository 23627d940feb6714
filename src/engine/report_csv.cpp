// CSV export (engine/report_export.hpp): the header, then one record per row, CRLF line ends as
// RFC 4180 writes them, UTF-8 without a byte order mark.
#include <cstdio>
#include <memory>
#include <string>

#include "domain/report_text.hpp"
#include "engine/report_export.hpp"
#include "rma/error.hpp"

namespace rma {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};

[[noreturn]] void cannot_write(const std::string& path) {
  throw Error(Status::storage, "path", "cannot write " + path);
}

}  // namespace

void write_report_csv(const Report& report, const ReportExportOptions& options) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(options.path.c_str(), "wb"));
  if (!file) cannot_write(options.path);
  std::string out;
  for (std::size_t c = 0; c < report.columns.size(); ++c) {
    if (c > 0) out += ',';
    domain::append_csv_field(out, domain::formula_guarded(report.columns[c].name));
  }
  out += "\r\n";
  const auto total = static_cast<std::int64_t>(report.rows.size());
  for (std::int64_t r = 0; r < total; ++r) {
    const std::vector<ReportCell>& row = report.rows[static_cast<std::size_t>(r)];
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      domain::append_csv_field(out, domain::report_cell_text(row[c], report.columns[c], report.period));
    }
    out += "\r\n";
    if (out.size() >= (1 << 16)) {
      if (std::fwrite(out.data(), 1, out.size(), file.get()) != out.size()) cannot_write(options.path);
      out.clear();
    }
    if ((r + 1) % options.progress_every == 0 && r + 1 < total && !report_progress(options, r + 1, total)) {
      file.reset();
      std::remove(options.path.c_str());
      throw Error(Status::invalid_argument, "progress", "the export was cancelled");
    }
  }
  if (std::fwrite(out.data(), 1, out.size(), file.get()) != out.size()) cannot_write(options.path);
  if (std::fclose(file.release()) != 0) cannot_write(options.path);
  if (!report_progress(options, total, total)) {
    std::remove(options.path.c_str());
    throw Error(Status::invalid_argument, "progress", "the export was cancelled");
  }
}

}  // namespace rma
