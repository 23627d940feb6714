// api/op_table.cpp — look-ups over the op table (src/api/ops.def).
#include "api/op_table.hpp"

#include <iterator>

#include "json/reader.hpp"
#include "rma/error.hpp"

namespace rma::api {

const OpInfo& op_info(std::string_view name, const std::string& field) {
  for (const OpInfo& entry : kOps) {
    if (entry.name == name) return entry;
  }
  throw Error(Status::unknown_value, field, "unknown op " + codec::quote_value(name));
}

std::string batchable_op_names() {
  std::string out;
  for (const OpInfo& entry : kOps) {
    if (entry.batch != Batchable::batch) continue;
    if (!out.empty()) out += ", ";
    out += entry.name;
  }
  return out;
}

std::vector<OpInfo> op_table() { return std::vector<OpInfo>(std::begin(kOps), std::end(kOps)); }

}  // namespace rma::api
