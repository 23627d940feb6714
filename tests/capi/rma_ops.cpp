// rma_ops — prints the op table (src/api/ops.def), one op a line:
//   name TAB c_function TAB python_method TAB access TAB batch|alone
// for tests/capi/op_coverage.py, which checks that every op has its C function, Python method
// and docs entry; with --events, the audit event types instead (events/event_type.hpp), one
// name a line, for tests/schemas/check_schemas.py, which checks that each has a JSON Schema.
#include <cstdio>
#include <cstring>
#include <string>

#include "api/op_table.hpp"
#include "events/event_type.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--events") == 0) {
    for (int i = 0; i < rma::events::kEventTypeCount; ++i) {
      std::puts(rma::events::event_type_name(static_cast<rma::events::EventType>(i)));
    }
    return 0;
  }
  for (const rma::api::OpInfo& op : rma::api::op_table()) {
    const std::string line = std::string(op.name) + '\t' + std::string(op.c_function) + '\t' +
                             std::string(op.python_method) + '\t' +
                             (op.access == rma::api::Access::staff ? "staff" : "anyone") + '\t' +
                             (op.batch == rma::api::Batchable::batch ? "batch" : "alone") + '\n';
    std::fputs(line.c_str(), stdout);
  }
  return 0;
}
