// json/store_copy_report.cpp — what a database copy moved, as JSON (docs/json.md).
#include "json/store_copy_report.hpp"

namespace rma::codec {

using nlohmann::json;

json to_json_value(const StoreCopyReport& r) {
  json tables = json::array();
  for (const TableCopy& t : r.tables) tables.push_back({{"table", t.table}, {"rows", t.rows}, {"hash", t.hash}});
  return {{"from", r.from},       {"to", r.to},     {"schema_version", r.schema_version},
          {"tables", std::move(tables)}, {"rows", r.rows}, {"seconds", r.seconds}};
}

}  // namespace rma::codec
