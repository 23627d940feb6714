// import_command.cpp — `import KIND FILE`: the nightly ERP files (docs/import.md) streamed into
// the engine chunk by chunk (import_chunks.hpp), a progress bar on a terminal, and one report for
// the whole file with the file's own line numbers.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "import_chunks.hpp"
#include "output.hpp"
#include "progress_bar.hpp"
#include "rma/error.hpp"
#include "rma/import.hpp"

namespace rmactl {
namespace {

struct ImportCommandOptions {
  std::string kind;
  std::string file;
  std::string format;
  bool skip_bad_rows = false;
  std::int64_t chunk_bytes = 64LL * 1024 * 1024;
};

// The sum of every chunk's report, errors renumbered to the file's lines.
struct FileReport {
  std::int64_t chunks = 0;
  std::int64_t chunks_committed = 0;
  std::int64_t rows_read = 0;
  std::int64_t records_written = 0;
  std::int64_t records_unchanged = 0;
  std::int64_t rows_rejected = 0;
  bool stopped = false;  // a chunk with a bad row ended the import (without --skip-bad-rows)
  std::vector<rma::ImportRowError> errors;
  bool errors_truncated = false;
  std::map<std::pair<std::string, std::string>, std::int64_t> error_counts;
};

rma::ImportFormat format_for(const ImportCommandOptions& options) {
  std::string name = options.format;
  if (name.empty()) {
    const auto dot = options.file.rfind('.');
    const std::string ext = dot == std::string::npos ? std::string() : options.file.substr(dot + 1);
    if (ext == "csv") name = "csv";
    else if (ext == "jsonl" || ext == "ndjson") name = "jsonl";
    else throw UsageError("--format: say csv or jsonl (the file name does not end in .csv, .jsonl or .ndjson)");
  }
  return *rma::import_format_from_name(name);
}

// "lines[1].serials[0]" -> "lines[].serials[]", as the engine counts errors.
std::string without_indexes(const std::string& field) {
  std::string out;
  bool in_index = false;
  for (char c : field) {
    if (c == '[') in_index = true, out += '[';
    else if (c == ']') in_index = false, out += ']';
    else if (!in_index) out += c;
  }
  return out;
}

void add_error(FileReport& total, const rma::ImportRowError& error, std::size_t max_listed, bool counted) {
  if (total.errors.size() < max_listed) total.errors.push_back(error);
  else total.errors_truncated = true;
  if (!counted) {
    ++total.error_counts[{without_indexes(error.field), error.code}];
    ++total.rows_rejected;
  }
}

nlohmann::json to_json(const FileReport& r, const ImportCommandOptions& options, rma::ImportFormat format) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : r.errors)
    errors.push_back({{"line", e.line}, {"field", e.field}, {"reason", e.reason}, {"code", e.code}});
  nlohmann::json counts = nlohmann::json::array();
  for (const auto& [key, count] : r.error_counts)
    counts.push_back({{"field", key.first}, {"reason", key.second}, {"count", count}});
  return {{"file", options.file},
          {"kind", options.kind},
          {"format", rma::import_format_name(format)},
          {"chunks", r.chunks},
          {"chunks_committed", r.chunks_committed},
          {"rows_read", r.rows_read},
          {"records_written", r.records_written},
          {"records_unchanged", r.records_unchanged},
          {"rows_rejected", r.rows_rejected},
          {"committed", r.chunks_committed == r.chunks},
          {"stopped", r.stopped},
          {"errors", std::move(errors)},
          {"errors_truncated", r.errors_truncated},
          {"error_counts", std::move(counts)}};
}

void print_summary(const FileReport& r, const ImportCommandOptions& options) {
  std::cout << options.file << ": " << r.rows_read << " rows read, " << r.records_written << " records written, "
            << r.records_unchanged << " unchanged, " << r.rows_rejected << " rejected";
  if (r.chunks > 1) std::cout << " (" << r.chunks_committed << " of " << r.chunks << " chunks committed)";
  std::cout << '\n';
  if (r.stopped)
    std::cout << (r.chunks_committed == 0 ? "nothing was written: fix the rows below and import the file again\n"
                                          : "the import stopped at the chunk with the first bad row; the chunks "
                                            "before it are written (importing the fixed file again is safe)\n");
  if (!r.errors.empty()) {
    Table table{{"line", "field", "code", "reason"}, {}};
    for (const auto& e : r.errors) table.rows.push_back({std::to_string(e.line), e.field, e.code, e.reason});
    print_table(std::cout, table);
    if (r.errors_truncated) std::cout << "(more errors are counted in --json's error_counts)\n";
  }
}

int run_import(Session& session, const ImportCommandOptions& options) {
  const rma::ImportKind kind = *rma::import_kind_from_name(options.kind);
  const rma::ImportFormat format = format_for(options);
  if (options.chunk_bytes < 1024 || options.chunk_bytes > 512LL * 1024 * 1024)
    throw rma::Error(rma::Status::out_of_range, "--chunk-bytes",
                     std::to_string(options.chunk_bytes) + " is outside 1024..536870912");
  std::ifstream file;
  std::istream* in = &std::cin;
  std::int64_t file_size = 0;
  if (options.file != "-") {
    file.open(options.file, std::ios::binary);
    if (!file) {
      const int error = errno;
      throw rma::Error(error == ENOENT ? rma::Status::not_found : rma::Status::storage, "file",
                       "cannot read \"" + options.file + "\": " + std::strerror(error));
    }
    struct stat info {};
    if (::stat(options.file.c_str(), &info) == 0 && S_ISREG(info.st_mode)) file_size = info.st_size;
    in = &file;
  }
  rma::Engine& engine = session.engine(true);
  const rma::Actor actor = session.actor();
  const std::size_t max_listed = static_cast<std::size_t>(engine.options().limits.max_import_errors);

  ProgressBar bar(session.globals(), "import");
  FileReport total;
  std::int64_t bytes_done = 0;
  ChunkReader reader(*in, kind, format, static_cast<std::size_t>(options.chunk_bytes));
  Chunk chunk;
  while (reader.next(chunk)) {
    ++total.chunks;
    for (const auto& error : chunk.errors) add_error(total, error, max_listed, false);
    if (!chunk.errors.empty() && !options.skip_bad_rows) {
      // The chunk holds a row the reader left out: importing the rest would write a part of it.
      total.stopped = true;
      break;
    }
    rma::ImportOptions import_options;
    import_options.skip_bad_rows = options.skip_bad_rows;
    import_options.progress_every = 1000;
    const std::int64_t rows_before = total.rows_read;
    import_options.progress = [&](std::int64_t done, std::int64_t all) {
      const double within = all > 0 ? static_cast<double>(done) / static_cast<double>(all) : 1.0;
      const double fraction = file_size > 0 ? (static_cast<double>(bytes_done) + within * static_cast<double>(chunk.bytes)) /
                                                  static_cast<double>(file_size)
                                            : 0.0;
      bar.update(fraction, std::to_string(rows_before + done) + " rows");
      return true;
    };
    const rma::ImportReport report = engine.import_run(actor, kind, format, chunk.text, import_options);
    bytes_done += chunk.bytes;
    total.rows_read += report.rows_read;
    total.records_written += report.records_written;
    total.records_unchanged += report.records_unchanged;
    total.rows_rejected += report.rows_rejected;
    if (report.committed) ++total.chunks_committed;
    for (rma::ImportRowError error : report.errors) {
      error.line = chunk.file_line(error.line);
      add_error(total, error, max_listed, true);
    }
    if (report.errors_truncated) total.errors_truncated = true;
    for (const auto& count : report.error_counts) total.error_counts[{count.field, count.reason}] += count.count;
    if (!report.committed && !options.skip_bad_rows) {
      total.stopped = true;
      break;
    }
  }
  bar.finish();
  std::sort(total.errors.begin(), total.errors.end(),
            [](const rma::ImportRowError& a, const rma::ImportRowError& b) { return a.line < b.line; });
  if (session.globals().json) print_json(std::cout, to_json(total, options, format));
  else print_summary(total, options);
  if (total.stopped) return kInvalidInput;
  return total.rows_rejected > 0 ? kIncomplete : kOk;
}

}  // namespace

void add_import_command(CLI::App& app, Session& session, Action& action) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* import = app.add_subcommand(
      "import", "import an ERP file (docs/import.md); without --skip-bad-rows a bad row writes nothing of its chunk "
                "and stops (exit 4), with it the good rows are written and the bad ones reported (exit 8)");
  import->add_option("kind", options->kind, "customers, products, suppliers, sales_documents, purchase_documents")
      ->required()
      ->check(CLI::IsMember({"customers", "products", "suppliers", "sales_documents", "purchase_documents"}));
  import->add_option("file", options->file, "the file (- for stdin)")->required();
  import->add_option("--format", options->format, "csv or jsonl (default: from the file name)")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  import->add_flag("--skip-bad-rows", options->skip_bad_rows, "write the good rows, report the bad ones");
  import->add_option("--chunk-bytes", options->chunk_bytes,
                     "import at most about this many bytes per transaction (1024..536870912); a smaller file is one "
                     "transaction")
      ->capture_default_str();
  import->callback([&session, &action, options] {
    action = [&session, options] { return run_import(session, *options); };
  });
}

}  // namespace rmactl
