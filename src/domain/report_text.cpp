#include "domain/report_text.hpp"
#include "domain/overloaded.hpp"

#include <cmath>
#include <cstdio>

#include "rma/money.hpp"

namespace rma::domain {
namespace {

std::string percent_text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  // 12.50 -> 12.5, 12.00 -> 12: the shortest text that reads back the same two decimals.
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

}  // namespace

bool reads_as_formula(std::string_view text) noexcept {
  if (text.empty()) return false;
  const char first = text.front();
  return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
}

std::string formula_guarded(std::string_view text) {
  if (!reads_as_formula(text)) return std::string(text);
  return "'" + std::string(text);
}

std::string report_cell_text(const ReportCell& cell, const ReportColumn& column, ReportPeriod period) {
  return std::visit(Overloaded{
                        [](const std::monostate&) { return std::string(); },
                        [](const std::string& text) { return formula_guarded(text); },
                        [&](std::int64_t value) {
                          if (column.type != ReportColumnType::money) return std::to_string(value);
                          std::string money = format_money(Money{value, column.currency});
                          return money.substr(0, money.find(' '));
                        },
                        [](double value) { return percent_text(value); },
                        [&](const Date& start) { return report_period_label(start, period); },
                    },
                    cell);
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace rma::domain
