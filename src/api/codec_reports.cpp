// api/codec_reports.cpp — report.run and report.export requests, and their answers (docs/json.md,
// docs/reports.md).
#include "api/codec.hpp"
#include "domain/overloaded.hpp"
#include "domain/report_names.hpp"

namespace rma::api {
namespace {

constexpr std::size_t kMaxMeasureNameBytes = 160;
constexpr std::int64_t kMaxListed = 64;

nlohmann::json cell_value(const ReportCell& cell, const ReportColumn& column, ReportPeriod period) {
  return std::visit(domain::Overloaded{
                        [](const std::monostate&) { return nlohmann::json(); },
                        [](const std::string& text) { return nlohmann::json(text); },
                        [&](std::int64_t v) {
                          if (column.type == ReportColumnType::money) {
                            return nlohmann::json(format_money(Money{v, column.currency}));
                          }
                          return nlohmann::json(v);
                        },
                        [](double v) { return nlohmann::json(v); },
                        [&](const Date& start) { return nlohmann::json(report_period_label(start, period)); },
                    },
                    cell);
}

nlohmann::json cells_value(const std::vector<ReportCell>& cells, const Report& report) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t c = 0; c < cells.size(); ++c) out.push_back(cell_value(cells[c], report.columns[c], report.period));
  return out;
}

}  // namespace

ReportRequest report_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  ReportRequest request;
  request.subject = r.optional_enumeration("subject", report_subject_from_name, domain::kReportSubjectNames)
                        .value_or(request.subject);
  // Counts are the domain's rule (out_of_range naming "dimensions" or "measures"), the same for
  // every front door; the reader stops only what is far past them.
  if (const nlohmann::json* dims = r.optional_array("dimensions", kMaxListed)) {
    for (std::size_t i = 0; i < dims->size(); ++i) {
      const std::string path = element_path("dimensions", i);
      const nlohmann::json& d = (*dims)[i];
      if (!d.is_string()) throw_wrong_type(path, "string", d);
      const auto dimension = report_dimension_from_name(d.get_ref<const std::string&>());
      if (!dimension) {
        codec::throw_unknown_value(path, d.get_ref<const std::string&>(), domain::kReportDimensionNames.data(),
                                   domain::kReportDimensionNames.size());
      }
      request.dimensions.push_back(*dimension);
    }
  }
  const nlohmann::json& measures = r.array("measures", kMaxListed);
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const std::string path = element_path("measures", i);
    const nlohmann::json& m = measures[i];
    if (!m.is_string()) throw_wrong_type(path, "string", m);
    const std::string& name = m.get_ref<const std::string&>();
    if (name.size() > kMaxMeasureNameBytes) {
      throw Error(Status::too_large, path, "a measure name has at most " + std::to_string(kMaxMeasureNameBytes) + " bytes");
    }
    request.measures.push_back(ReportMeasure::parse(name, path));
  }
  request.period =
      r.optional_enumeration("period", report_period_from_name, domain::kReportPeriodNames).value_or(request.period);
  r.read_text("time_zone", 256, request.time_zone);
  if (const nlohmann::json* filters = r.find("filters")) {
    ObjectReader f(*filters, "filters");
    read_case_filters(f, request.filters, limits);
    f.finish();
  }
  r.read_text("sort", static_cast<std::int64_t>(kMaxMeasureNameBytes), request.sort);
  request.descending = r.optional_boolean("descending").value_or(false);
  request.limit = r.optional_integer("limit", std::numeric_limits<std::int64_t>::min(),
                                     std::numeric_limits<std::int64_t>::max())
                      .value_or(0);
  r.finish();
  return request;
}

ReportExportRequest report_export_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  ReportExportRequest out;
  const nlohmann::json& report = r.need("report");
  try {
    out.report = report_request_from_json(report, limits);
  } catch (const Error& e) {
    rethrow_with_prefix(e, "report");
  }
  out.options.format = r.enumeration("format", report_format_from_name, domain::kReportFormatNames);
  out.options.path = r.text("path", 4096);
  r.read_text("sheet", 128, out.options.sheet);
  r.read_text("title", limits.max_text_bytes, out.options.title);
  out.options.progress_every = r.optional_integer("progress_every", std::numeric_limits<std::int64_t>::min(),
                                                  std::numeric_limits<std::int64_t>::max())
                                   .value_or(out.options.progress_every);
  r.finish();
  return out;
}

nlohmann::json to_json_value(const Report& report) {
  nlohmann::json columns = nlohmann::json::array();
  for (const ReportColumn& c : report.columns) {
    nlohmann::json column = {{"name", c.name}, {"type", report_column_type_name(c.type)}, {"dimension", c.dimension}};
    if (!c.currency.empty()) column["currency"] = c.currency;
    columns.push_back(std::move(column));
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const std::vector<ReportCell>& row : report.rows) rows.push_back(cells_value(row, report));
  return {{"columns", std::move(columns)},
          {"rows", std::move(rows)},
          {"totals", cells_value(report.totals, report)},
          {"groups", report.groups},
          {"period", report_period_name(report.period)},
          {"time_zone", report.time_zone.empty() ? nlohmann::json() : nlohmann::json(report.time_zone)}};
}

nlohmann::json to_json_value(const ReportExportResult& result) {
  return {{"path", result.path},
          {"format", report_format_name(result.format)},
          {"rows", result.rows},
          {"bytes", result.bytes}};
}

}  // namespace rma::api
