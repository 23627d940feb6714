// store/sqlite/report_reads.hpp — the passes over whole tables that reports build their columns
// from (Store::for_each_case_fact and the others, store.hpp), each in one read snapshot. Bulk
// reads that run once per engine and then follow the event log; nothing here is per command.
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/report_facts.hpp"
#include "rma/event.hpp"

namespace rma::store {

class SqliteReportReads {
 public:
  explicit SqliteReportReads(SQLite::Database& db) : db_(db) {}

  void case_facts(const std::function<void(const domain::CaseFact&)>& visit);
  void valuations(const std::function<void(std::int64_t, std::string&&)>& visit);
  void custom_fields(const std::function<void(std::int64_t, std::string&&)>& visit);
  void case_events(const std::vector<std::string>& types, const std::function<void(Event&&)>& visit);
  void external_notes(const std::function<void(std::int64_t, Timestamp, std::string&&)>& visit);
  void sold_lines(const std::function<void(domain::SoldFact&&)>& visit);

 private:
  SQLite::Database& db_;
};

}  // namespace rma::store
