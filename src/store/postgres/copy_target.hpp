// store/postgres/copy_target.hpp — the PostgreSQL side of moving a database here: an empty librma
// schema at the location, written in one transaction under the writer lock, so that other engines
// see either nothing or the whole copy, and a copy that fails or does not verify leaves the
// schema as it found it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "store/copy/content_hash.hpp"
#include "store/copy/table_shape.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/copy_in.hpp"

namespace rma::store::pg {

class CopyTarget {
 public:
  // Connects, brings the schema to this librma's version (creating it if needed) and opens the
  // transaction. Throws Error(conflict, "to") when a table of the schema already holds rows.
  explicit CopyTarget(const std::string& location);
  CopyTarget(const CopyTarget&) = delete;
  CopyTarget& operator=(const CopyTarget&) = delete;
  ~CopyTarget();  // rolls back unless committed

  // The tables a copy fills, in an order where every table comes after those it refers to
  // (creation order; the store's own bookkeeping, `commits` and `schema_version`, left out).
  const std::vector<copy::TableShape>& tables() const { return tables_; }

  // Starts the copy of one table. Its triggers (the case counters, which are copied as they are)
  // stay off until the end of the copy.
  std::unique_ptr<CopyIn> copy_into(const copy::TableShape& table);
  // Reads the table back in primary key order: its row count, and its content into `hash`.
  std::int64_t read_back(const copy::TableShape& table, copy::ContentHash& hash);
  // Turns the triggers on again, counts the commit (other engines follow it) and commits.
  void commit();

 private:
  std::vector<copy::TableShape> read_shapes();
  void refuse_unless_empty();
  std::string quoted_columns(const copy::TableShape& table);

  Connection db_;
  std::vector<copy::TableShape> tables_;
  bool committed_ = false;
};

}  // namespace rma::store::pg
