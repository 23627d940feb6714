// store/postgres/report_reads.hpp — the passes over whole tables that reports build their columns
// from (Store::for_each_case_fact and the others, store.hpp), on PostgreSQL: each pass reads in
// chunks of ids (a result is held whole in memory by libpq), inside one repeatable-read snapshot.
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/report_facts.hpp"
#include "rma/event.hpp"
#include "store/postgres/connection.hpp"

namespace rma::store::pg {

class PgReportReads {
 public:
  explicit PgReportReads(Connection& db) : db_(db) {}

  void case_facts(const std::function<void(const domain::CaseFact&)>& visit);
  // `valuation_of(seq)`: the valuation a case.valued event holds (the store's own reader).
  void valuations(const std::function<void(std::int64_t, std::string&&)>& visit);
  void custom_fields(const std::function<void(std::int64_t, std::string&&)>& visit);
  void case_events(const std::vector<std::string>& types, const std::function<void(Event&&)>& visit);
  void external_notes(const std::function<void(std::int64_t, Timestamp, std::string&&)>& visit);
  void sold_lines(const std::function<void(domain::SoldFact&&)>& visit);

 private:
  Connection& db_;
};

}  // namespace rma::store::pg
