// arguments.cpp — key=value options.
#include "arguments.hpp"

#include "rma/error.hpp"

namespace rmactl {

std::pair<std::string, nlohmann::json> key_value(const std::string& clause, const std::string& option) {
  const auto eq = clause.find('=');
  if (eq == std::string::npos || eq == 0)
    throw rma::Error(rma::Status::invalid_argument, option, "\"" + clause + "\" is not key=value");
  const std::string text = clause.substr(eq + 1);
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  return {clause.substr(0, eq), value.is_discarded() ? nlohmann::json(text) : std::move(value)};
}

}  // namespace rmactl
