// domain/quality_names.hpp — the stable names of the quality enums (rma/quality.hpp): part of
// the JSON API, the events quality.alert records and the Python API. Never rename one.
#pragma once

#include <array>

namespace rma::domain {

inline constexpr std::array<const char*, 3> kQualitySubjectNames = {"sku", "lot", "supplier"};
inline constexpr std::array<const char*, 2> kQualitySignalNames = {"return_rate", "reason_share"};
inline constexpr std::array<const char*, 2> kQualityBaselineNames = {"history", "category"};

}  // namespace rma::domain
