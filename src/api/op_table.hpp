// api/op_table.hpp — what the JSON API's op table declares of each op (src/api/json_api.cpp).
#pragma once

#include <string_view>
#include <vector>

#include "domain/views.hpp"

namespace rma::api {

// Who may call an op at all. Staff-only ops are refused to customers and suppliers before
// their request is decoded.
enum class Access { anyone, staff };

struct OpInfo {
  std::string_view name;
  Access access = Access::staff;
  // The view a customer's or supplier's answer passes through (staff-only ops: none needed).
  domain::Document answer = domain::Document::empty;
};

// Every op, in table order.
std::vector<OpInfo> op_table();

}  // namespace rma::api
