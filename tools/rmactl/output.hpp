// output.hpp — how rmactl prints: one JSON document with --json, aligned tables or CSV for people
// and spreadsheets otherwise. Presentation only.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rmactl {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

// A JSON value as a cell: text as is, null as "", numbers and booleans as JSON writes them.
std::string cell_text(const nlohmann::json& value);
// The cells of members `keys` of `object` (a missing member is an empty cell).
std::vector<std::string> cells_of(const nlohmann::json& object, const std::vector<std::string>& keys);
// Columns padded to their widest cell (counted in characters, not bytes).
void print_table(std::ostream& out, const Table& table);
// RFC 4180: CRLF line ends, a field with a comma, quote or line break quoted, quotes doubled.
void print_csv(std::ostream& out, const Table& table);
// `value` indented, then a line break.
void print_json(std::ostream& out, const nlohmann::json& value);
// "key: value" lines for the scalar members of an object, in its order.
void print_fields(std::ostream& out, const nlohmann::json& object, const std::vector<std::string>& keys);

}  // namespace rmactl
