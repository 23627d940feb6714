// domain/formatting.hpp — what the catalogs need of the ICU formatting (domain/formatting.cpp).
#pragma once

#include <string>
#include <string_view>

namespace rma::domain {

// Throws Error(invalid_argument, field) unless `pattern` is a valid ICU MessageFormat pattern.
void check_message_pattern(std::string_view pattern, const std::string& field);

}  // namespace rma::domain
