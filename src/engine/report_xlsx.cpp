// XLSX export (engine/report_export.hpp) through libxlsxwriter in constant-memory mode: one sheet
// with a bold, frozen header and an autofilter; typed cells (numbers, money in its currency's
// format, durations as [h]:mm:ss, percentages, periods as dates where Excel has a date format
// for them); and a native column chart of the report's first measure beside the table.
#include <xlsxwriter.h>

#include <cstdio>
#include <map>
#include <string>

#include "domain/report_text.hpp"
#include "domain/overloaded.hpp"
#include "engine/report_export.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"

namespace rma {
namespace {

// A chart of more bars than this shows the first ones: nobody reads ten thousand bars.
constexpr std::int64_t kMaxChartRows = 1000;

// Owns the workbook until it is closed (written) or abandoned.
class Workbook {
 public:
  explicit Workbook(const std::string& path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (wb_ == nullptr) throw Error(Status::storage, "path", "cannot write " + path);
  }
  ~Workbook() {
    if (wb_ != nullptr) workbook_close(wb_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return wb_; }
  lxw_error close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    return workbook_close(wb);
  }

 private:
  lxw_workbook* wb_ = nullptr;
};

// The number format of money in `currency`: its minor digits and its code.
std::string money_format(const std::string& currency) {
  const int digits = currency_minor_digits(currency).value_or(2);
  std::string format = "#,##0";
  if (digits > 0) format += "." + std::string(static_cast<std::size_t>(digits), '0');
  return format + " \"" + currency + "\"";
}

double money_value(std::int64_t minor, const std::string& currency) {
  double scale = 1;
  for (int i = currency_minor_digits(currency).value_or(2); i > 0; --i) scale *= 10;
  return static_cast<double>(minor) / scale;
}

class SheetWriter {
 public:
  SheetWriter(Workbook& wb, const Report& report, const std::string& sheet)
      : wb_(wb), report_(report), sheet_(sheet.empty() ? "Report" : sheet) {
    ws_ = workbook_add_worksheet(wb.get(), sheet_.c_str());
    if (ws_ == nullptr) throw Error(Status::invalid_argument, "sheet", "Excel does not take this sheet name");
    header_ = format("");
    format_set_bold(header_);
    integer_ = format("#,##0");
    seconds_ = format("[h]:mm:ss");
    percent_ = format("0.00%");
    day_ = format("yyyy-mm-dd");
    month_ = format("yyyy-mm");
  }

  void header() {
    for (std::size_t c = 0; c < report_.columns.size(); ++c) {
      const ReportColumn& column = report_.columns[c];
      worksheet_write_string(ws_, 0, col(c), column.name.c_str(), header_);
      worksheet_set_column(ws_, col(c), col(c), column.dimension ? 18 : 14, nullptr);
    }
    worksheet_freeze_panes(ws_, 1, 0);
  }

  void row(std::int64_t r, const std::vector<ReportCell>& cells) {
    const auto at = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < cells.size(); ++c) cell(at, c, cells[c]);
  }

  void finish(std::int64_t rows, const std::string& title) {
    const auto last_column = static_cast<lxw_col_t>(report_.columns.empty() ? 0 : report_.columns.size() - 1);
    worksheet_autofilter(ws_, 0, 0, static_cast<lxw_row_t>(rows), last_column);
    chart(rows, title);
  }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }

  lxw_format* format(const char* number_format) {
    lxw_format* f = workbook_add_format(wb_.get());
    if (number_format[0] != '\0') format_set_num_format(f, number_format);
    return f;
  }

  lxw_format* money(const std::string& currency) {
    auto it = money_.find(currency);
    if (it == money_.end()) it = money_.emplace(currency, format(money_format(currency).c_str())).first;
    return it->second;
  }

  void cell(lxw_row_t at, std::size_t c, const ReportCell& value) {
    const ReportColumn& column = report_.columns[c];
    std::visit(domain::Overloaded{
                   [](const std::monostate&) {},
                   [&](const std::string& text) {
                     // Always a string cell, never a formula; guarded as in CSV for whoever saves it as text.
                     worksheet_write_string(ws_, at, col(c), domain::formula_guarded(text).c_str(), nullptr);
                   },
                   [&](std::int64_t v) {
                     switch (column.type) {
                       case ReportColumnType::money:
                         worksheet_write_number(ws_, at, col(c), money_value(v, column.currency),
                                                money(column.currency));
                         break;
                       case ReportColumnType::seconds:
                         worksheet_write_number(ws_, at, col(c), static_cast<double>(v) / 86400.0, seconds_);
                         break;
                       default: worksheet_write_number(ws_, at, col(c), static_cast<double>(v), integer_);
                     }
                   },
                   [&](double v) { worksheet_write_number(ws_, at, col(c), v / 100.0, percent_); },
                   [&](const Date& d) { period(at, c, d); },
               },
               value);
  }

  void period(lxw_row_t at, std::size_t c, const Date& d) {
    switch (report_.period) {
      case ReportPeriod::day:
      case ReportPeriod::month: {
        lxw_datetime when{d.year, d.month, d.day, 0, 0, 0};
        worksheet_write_datetime(ws_, at, col(c), &when, report_.period == ReportPeriod::day ? day_ : month_);
        break;
      }
      case ReportPeriod::year: worksheet_write_number(ws_, at, col(c), d.year, nullptr); break;
      default:  // weeks and quarters have no Excel format: their labels
        worksheet_write_string(ws_, at, col(c), report_period_label(d, report_.period).c_str(), nullptr);
    }
  }

  // A column chart of the first measure, by the first dimension's values (or the row number).
  void chart(std::int64_t rows, const std::string& title) {
    std::size_t measure = report_.columns.size();
    for (std::size_t c = 0; c < report_.columns.size() && measure == report_.columns.size(); ++c) {
      if (!report_.columns[c].dimension) measure = c;
    }
    if (measure == report_.columns.size() || rows == 0) return;
    const auto last = static_cast<lxw_row_t>(std::min(rows, kMaxChartRows));
    lxw_chart* chart = workbook_add_chart(wb_.get(), LXW_CHART_COLUMN);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_values(series, sheet_.c_str(), 1, col(measure), last, col(measure));
    if (measure > 0) chart_series_set_categories(series, sheet_.c_str(), 1, 0, last, 0);
    const std::string& name = title.empty() ? report_.columns[measure].name : title;
    chart_series_set_name(series, report_.columns[measure].name.c_str());
    chart_title_set_name(chart, name.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart(ws_, 1, static_cast<lxw_col_t>(report_.columns.size() + 1), chart);
  }

  Workbook& wb_;
  const Report& report_;
  std::string sheet_;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* integer_ = nullptr;
  lxw_format* seconds_ = nullptr;
  lxw_format* percent_ = nullptr;
  lxw_format* day_ = nullptr;
  lxw_format* month_ = nullptr;
  std::map<std::string, lxw_format*> money_;
};

}  // namespace

void write_report_xlsx(const Report& report, const ReportExportOptions& options) {
  const auto total = static_cast<std::int64_t>(report.rows.size());
  if (total + 1 > LXW_ROW_MAX) {
    throw Error(Status::too_large, "rows", "an XLSX sheet holds at most " + std::to_string(LXW_ROW_MAX - 1) + " rows");
  }
  bool cancelled = false;
  {
    Workbook wb(options.path);
    SheetWriter sheet(wb, report, options.sheet);
    sheet.header();
    for (std::int64_t r = 0; r < total; ++r) {
      sheet.row(r, report.rows[static_cast<std::size_t>(r)]);
      if ((r + 1) % options.progress_every == 0 && r + 1 < total && !report_progress(options, r + 1, total)) {
        cancelled = true;
        break;
      }
    }
    if (!cancelled) {
      sheet.finish(total, options.title);
      if (wb.close() != LXW_NO_ERROR) throw Error(Status::storage, "path", "cannot write " + options.path);
    }
  }
  if (cancelled || !report_progress(options, total, total)) {
    std::remove(options.path.c_str());
    throw Error(Status::invalid_argument, "progress", "the export was cancelled");
  }
}

}  // namespace rma
