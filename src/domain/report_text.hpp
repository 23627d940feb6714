// domain/report_text.hpp — a report's cells as text, for CSV (RFC 4180) and for what a
// spreadsheet shows: money in its currency's minor digits, periods by their labels, and text
// from cases guarded so that no spreadsheet runs it as a formula. Pure.
#pragma once

#include <string>
#include <string_view>

#include "rma/report.hpp"

namespace rma::domain {

// Whether a spreadsheet would read `text` as a formula: it starts with '=', '+', '-' or '@' (or a
// tab or carriage return, which some strip before looking).
bool reads_as_formula(std::string_view text) noexcept;

// `text`, with an apostrophe in front when it reads as a formula: spreadsheets show it as text.
std::string formula_guarded(std::string_view text);

// The cell as CSV and people read it: "" for null; text guarded; integers and seconds in
// decimal; money as "-12.34" (the column names the currency); a percentage with up to two
// decimals; a period by its label.
std::string report_cell_text(const ReportCell& cell, const ReportColumn& column, ReportPeriod period);

// Appends `field` as one RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, its
// quotes doubled.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace rma::domain
