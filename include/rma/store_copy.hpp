// rma/store_copy.hpp — moving a database to another backend: every table of an engine's SQLite
// file, history included, copied into an empty PostgreSQL schema and verified there, table by
// table, by row count and content hash (docs/postgresql.md, "Moving an SQLite database").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace rma {

// Called every `progress_every` rows of a table and once at the end of each: the table, the rows
// copied of it so far, and its row count. Return false to cancel; a cancelled copy writes
// nothing to the target.
using StoreCopyProgress =
    std::function<bool(const std::string& table, std::int64_t rows_done, std::int64_t rows_total)>;

struct StoreCopyOptions {
  std::int64_t progress_every = 10000;  // 1 to 10,000,000
  StoreCopyProgress progress;
};

// One table as copied: its rows and the BLAKE2b-256 (hex) of their content in primary key
// order, computed from the source while copying and again from the target after it. The copy
// commits only when both agree for every table, so the report shows one hash.
struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
  std::string hash;
};

struct StoreCopyReport {
  std::string from;  // the source backend: "sqlite"
  std::string to;    // the target backend: "postgresql"
  std::int32_t schema_version = 0;
  std::vector<TableCopy> tables;  // in copy order (tables others refer to come first)
  std::int64_t rows = 0;          // of every table
  double seconds = 0;             // the copy and its verification
};

}  // namespace rma
