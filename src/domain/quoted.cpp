#include "domain/quoted.hpp"

namespace rma::detail {

std::string quoted(std::string_view text) {
  constexpr std::size_t max_shown = 64;
  std::string out = "\"";
  out.append(text.substr(0, max_shown));
  if (text.size() > max_shown) out += "...";
  out += '"';
  return out;
}

}  // namespace rma::detail
