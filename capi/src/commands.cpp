// commands.cpp — one C function per op of the op table (src/api/ops.def) whose C shape is
// `call`: rma_<op>(engine, actor, request_json, out_json). Each is the generic rma_engine_call
// with its op fixed, so the named functions and the generic door can never behave differently,
// and an op added to the table gets its C function here without a line written by hand (its
// declaration in rma.h and its line in exported_symbols.txt are checked by tests/capi).
#include "engine_handle.hpp"

extern "C" {

#define RMA_C_FUNCTION_call(c_function, name)                                                       \
  rma_status c_function(rma_engine* engine, const char* actor, const char* request_json, char** out_json) { \
    return rma::capi::run_command(engine, actor, name, request_json, out_json, "out_json");           \
  }
#define RMA_C_FUNCTION_own(c_function, name)  // written by hand (import.cpp, store_copy.cpp, audit_verify.cpp)
#define RMA_OP(id, name, c_function, python_method, access, answer, batch, c_shape) \
  RMA_C_FUNCTION_##c_shape(c_function, name)
#include "api/ops.def"
#undef RMA_OP
#undef RMA_C_FUNCTION_own
#undef RMA_C_FUNCTION_call

}  // extern "C"
