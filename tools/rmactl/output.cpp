// output.cpp — tables, CSV and JSON on a stream.
#include "output.hpp"

#include <algorithm>
#include <cstddef>

namespace rmactl {
namespace {

std::size_t display_width(const std::string& text) {
  // UTF-8 continuation bytes do not start a character.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace

std::string cell_text(const nlohmann::json& value) {
  if (value.is_null()) return std::string();
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::vector<std::string> cells_of(const nlohmann::json& object, const std::vector<std::string>& keys) {
  std::vector<std::string> cells;
  for (const auto& key : keys) cells.push_back(object.contains(key) ? cell_text(object.at(key)) : std::string());
  return cells;
}

void print_table(std::ostream& out, const Table& table) {
  std::vector<std::size_t> widths;
  for (const auto& header : table.headers) widths.push_back(display_width(header));
  for (const auto& row : table.rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      line += cells[i];
      if (i + 1 < cells.size()) line += std::string(widths[i] - display_width(cells[i]) + 2, ' ');
    }
    out << line << '\n';
  };
  print_row(table.headers);
  for (const auto& row : table.rows) print_row(row);
}

void print_csv(std::ostream& out, const Table& table) {
  auto print_row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << "\r\n";
  };
  print_row(table.headers);
  for (const auto& row : table.rows) print_row(row);
}

void print_json(std::ostream& out, const nlohmann::json& value) { out << value.dump(2) << '\n'; }

void print_fields(std::ostream& out, const nlohmann::json& object, const std::vector<std::string>& keys) {
  std::size_t width = 0;
  for (const auto& key : keys)
    if (object.contains(key)) width = std::max(width, key.size());
  for (const auto& key : keys) {
    if (!object.contains(key)) continue;
    out << key << ':' << std::string(width - key.size() + 1, ' ') << cell_text(object.at(key)) << '\n';
  }
}

}  // namespace rmactl
