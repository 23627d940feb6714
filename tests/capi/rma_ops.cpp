// rma_ops — prints the op table (src/api/ops.def), one op a line:
//   name TAB c_function TAB python_method TAB access TAB batch|alone
// for tests/capi/op_coverage.py, which checks that every op has its C function, Python method
// and docs entry.
#include <cstdio>
#include <string>

#include "api/op_table.hpp"

int main() {
  for (const rma::api::OpInfo& op : rma::api::op_table()) {
    const std::string line = std::string(op.name) + '\t' + std::string(op.c_function) + '\t' +
                             std::string(op.python_method) + '\t' +
                             (op.access == rma::api::Access::staff ? "staff" : "anyone") + '\t' +
                             (op.batch == rma::api::Batchable::batch ? "batch" : "alone") + '\n';
    std::fputs(line.c_str(), stdout);
  }
  return 0;
}
