// report_command.cpp — `report`: a report (docs/reports.md) as a table, as CSV, or as an XLSX
// file. The engine runs it (report.run) and writes its files (report.export); rmactl builds the
// request from the options and prints.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "output.hpp"
#include "rma/error.hpp"

namespace rmactl {
namespace {

struct ReportOptions {
  std::string request_file;
  std::string subject;
  std::vector<std::string> dimensions;
  std::vector<std::string> measures;
  std::string period;
  std::string time_zone;
  std::vector<std::string> filters;
  std::string sort;
  bool descending = false;
  std::int64_t limit = 0;
  std::string format = "table";
  std::string output;
  std::string sheet;
};

nlohmann::json build_request(const ReportOptions& options) {
  nlohmann::json request = nlohmann::json::object();
  if (!options.request_file.empty()) {
    const std::string text = read_text_file(options.request_file, "--request");
    request = nlohmann::json::parse(text, nullptr, false);
    if (!request.is_object())
      throw rma::Error(rma::Status::malformed_json, "--request", "\"" + options.request_file + "\" is not a JSON object");
  }
  if (!options.subject.empty()) request["subject"] = options.subject;
  if (!options.dimensions.empty()) request["dimensions"] = options.dimensions;
  if (!options.measures.empty()) request["measures"] = options.measures;
  if (!options.period.empty()) request["period"] = options.period;
  if (!options.time_zone.empty()) request["time_zone"] = options.time_zone;
  for (const auto& clause : options.filters) {
    auto member = key_value(clause, "--filter");
    request["filters"][member.first] = std::move(member.second);
  }
  if (!options.sort.empty()) request["sort"] = options.sort;
  if (options.descending) request["descending"] = true;
  if (options.limit > 0) request["limit"] = options.limit;
  return request;
}

nlohmann::json export_to(Session& session, const ReportOptions& options, const nlohmann::json& request,
                         const std::string& path) {
  nlohmann::json export_request = {{"report", request}, {"format", options.format}, {"path", path}};
  if (!options.sheet.empty()) export_request["sheet"] = options.sheet;
  return session.call("report.export", export_request);
}

int run_report(Session& session, const ReportOptions& options) {
  const nlohmann::json request = build_request(options);
  if (options.format == "xlsx" && options.output.empty())
    throw UsageError("--output: an XLSX report needs a file to go to");
  if (!options.output.empty()) {
    if (options.format == "table") throw UsageError("--output: say --format csv or xlsx");
    const nlohmann::json answer = export_to(session, options, request, options.output);
    if (session.globals().json) print_json(std::cout, answer);
    else std::cout << answer.at("rows") << " rows written to " << options.output << '\n';
    return kOk;
  }
  if (options.format == "csv") {
    // The engine writes the CSV (its money and period formats); it goes to stdout from a
    // temporary file.
    const char* tmpdir = std::getenv("TMPDIR");
    std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/rmactl-report-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0) throw rma::Error(rma::Status::storage, "--format", "cannot create a temporary file");
    ::close(fd);
    try {
      export_to(session, options, request, path);
      std::ifstream in(path, std::ios::binary);
      std::cout << in.rdbuf();
    } catch (...) {
      std::remove(path.c_str());
      throw;
    }
    std::remove(path.c_str());
    return kOk;
  }
  const nlohmann::json report = session.call("report.run", request);
  if (session.globals().json) {
    print_json(std::cout, report);
    return kOk;
  }
  Table table;
  for (const auto& column : report.at("columns")) table.headers.push_back(cell_text(column.at("name")));
  for (const auto& row : report.at("rows")) {
    std::vector<std::string> cells;
    for (const auto& cell : row) cells.push_back(cell_text(cell));
    table.rows.push_back(std::move(cells));
  }
  std::vector<std::string> totals;
  for (const auto& cell : report.value("totals", nlohmann::json::array())) totals.push_back(cell_text(cell));
  if (!totals.empty()) {
    totals[0] = totals[0].empty() ? "total" : totals[0];
    table.rows.push_back(std::move(totals));
  }
  print_table(std::cout, table);
  std::cout << report.value("groups", 0) << " group(s)\n";
  return kOk;
}

}  // namespace

void add_report_command(CLI::App& app, Session& session, Action& action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = app.add_subcommand("report", "run a report (docs/reports.md): a table, CSV, or an XLSX file");
  report->add_option("-m,--measure", options->measures, "a measure: cases, units_requested, claimed, return_rate, ...");
  report->add_option("-d,--dimension", options->dimensions, "group by: sku, customer, status, period, ... (up to 3)");
  report->add_option("--subject", options->subject, "cases (default) or return_rate");
  report->add_option("--period", options->period, "day, week, month, quarter, year (for the period dimension)");
  report->add_option("--time-zone", options->time_zone, "zone periods are cut in: Europe/Rome or a POSIX rule");
  report->add_option("--filter", options->filters, "a case.query filter, key=value (value as JSON or text)");
  report->add_option("--sort", options->sort, "a measure column to order by");
  report->add_flag("--descending", options->descending, "largest first");
  report->add_option("--limit", options->limit, "keep the first N rows (0: all)");
  report->add_option("--request", options->request_file, "a report.run request as a JSON file; options add to it");
  report->add_option("--format", options->format, "table, csv or xlsx")
      ->check(CLI::IsMember({"table", "csv", "xlsx"}))
      ->capture_default_str();
  report->add_option("-o,--output", options->output, "write the CSV or XLSX to this file");
  report->add_option("--sheet", options->sheet, "the XLSX sheet's name");
  report->callback([&session, &action, options] {
    action = [&session, options] { return run_report(session, *options); };
  });
}

}  // namespace rmactl
