// domain/money_minor.hpp — the Money operations on bare minor units of one known currency.
//
// A valuation computes dozens of amounts per line, all in the line's currency. Done on Money,
// every step copies the currency code and builds its error field as a string; these take the
// minor units and the currency by reference and build nothing unless the operation fails. On any
// failure each runs its rma::Money counterpart, so the error (status, field, message) is exactly
// the one that function throws.
#pragma once

#include <cstdint>
#include <string>

#include "rma/money.hpp"

namespace rma::domain {

std::int64_t add_minor(std::int64_t a, std::int64_t b, const std::string& currency, const char* field);
std::int64_t subtract_minor(std::int64_t a, std::int64_t b, const std::string& currency, const char* field);
// amount × numerator / denominator, rounded once (rma::multiply).
std::int64_t multiply_minor(std::int64_t amount, std::int64_t numerator, std::int64_t denominator, Rounding rounding,
                            const std::string& currency, const char* field);
// amount × basis_points / 10000 (rma::percent_of).
std::int64_t percent_of_minor(std::int64_t amount, std::int64_t basis_points, Rounding rounding,
                              const std::string& currency, const char* field);
// net + round(net × rate) (rma::gross_from_net).
std::int64_t gross_from_net_minor(std::int64_t net, std::int64_t rate_basis_points, Rounding rounding,
                                  const std::string& currency, const char* field);

}  // namespace rma::domain
