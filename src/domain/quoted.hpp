// domain/quoted.hpp — quoting input in error messages.
#pragma once

#include <string>
#include <string_view>

namespace rma::detail {

// `text` in double quotes, cut after 64 bytes with "...": messages quote what a host passed in,
// and a 20 MB string must not become a 20 MB message.
std::string quoted(std::string_view text);

}  // namespace rma::detail
