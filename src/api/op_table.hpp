// api/op_table.hpp — the op table (src/api/ops.def) as C++: the Op enum and, per op, its name,
// who may call it, the view of its answer, whether a batch may hold it, and its C function and
// Python method (for the test that every op has both).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/views.hpp"

namespace rma::api {

// Who may call an op at all. Staff-only ops are refused to customers and suppliers before
// their request is decoded.
enum class Access { anyone, staff };

// Whether an op may be a command of a `batch` (one transaction for all of them).
enum class Batchable { alone, batch };

enum class Op {
#define RMA_OP(id, name, c_function, python_method, access, answer, batch, c_shape) id,
#include "api/ops.def"
#undef RMA_OP
};

struct OpInfo {
  std::string_view name;
  Op op;
  Access access = Access::staff;
  // The view a customer's or supplier's answer passes through (staff-only ops: none needed).
  domain::Document answer = domain::Document::empty;
  Batchable batch = Batchable::alone;
  std::string_view c_function;     // the C ABI's function for this op (capi/include/rma/rma.h)
  std::string_view python_method;  // the method of rma.Engine (bindings/python/rma)
};

// Every op, in table order. Sized by the list, so an op is one line of ops.def.
inline constexpr OpInfo kOps[] = {
#define RMA_OP(id, name, c_function, python_method, access, answer, batch, c_shape) \
  {name, Op::id, Access::access, domain::Document::answer, Batchable::batch, #c_function, #python_method},
#include "api/ops.def"
#undef RMA_OP
};

// The entry of op `name`; unknown_value naming `field` when there is none.
const OpInfo& op_info(std::string_view name, const std::string& field);

// The ops a batch may hold, as "a, b, c" in table order (for the refusal of any other op).
std::string batchable_op_names();

// Every op, in table order.
std::vector<OpInfo> op_table();

}  // namespace rma::api
