// json/import_report.cpp — what an import did, as JSON (docs/json.md).
#include "json/import_report.hpp"

namespace rma::codec {

using nlohmann::json;

json to_json_value(const ImportReport& r) {
  json errors = json::array();
  for (const ImportRowError& e : r.errors) {
    errors.push_back({{"line", e.line}, {"field", e.field}, {"reason", e.reason}, {"code", e.code}});
  }
  json counts = json::array();
  for (const ImportErrorCount& c : r.error_counts) {
    counts.push_back({{"field", c.field}, {"reason", c.reason}, {"count", c.count}});
  }
  return {{"rows_read", r.rows_read},
          {"records_written", r.records_written},
          {"records_unchanged", r.records_unchanged},
          {"rows_rejected", r.rows_rejected},
          {"committed", r.committed},
          {"errors", std::move(errors)},
          {"errors_truncated", r.errors_truncated},
          {"error_counts", std::move(counts)}};
}

}  // namespace rma::codec
