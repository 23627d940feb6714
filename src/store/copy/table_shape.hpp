// store/copy/table_shape.hpp — a table as a copy between backends sees it: its columns with the
// kind of value each holds on the target, and the primary key that orders its rows the same way
// on both sides (text columns compare bytewise on both: SQLite's BINARY, PostgreSQL's "C").
#pragma once

#include <string>
#include <vector>

namespace rma::store::copy {

enum class ColumnType { integer, text, bytes };

struct Column {
  std::string name;
  ColumnType type = ColumnType::text;
};

struct TableShape {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;  // column names, in key order
};

}  // namespace rma::store::copy
