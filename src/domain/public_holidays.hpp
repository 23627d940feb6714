// domain/public_holidays.hpp — the holiday document in force for the process: compiled in, or the
// one a host loaded last.
#pragma once

#include <memory>
#include <string_view>

#include "domain/holiday_data.hpp"

namespace rma::domain {

// The document in force; read once per thread while it stays in force, so a look-up costs one
// atomic load.
const std::shared_ptr<const HolidayData>& holiday_data();

// Generated from data/holidays.json at build time (cmake/embed_text.cmake).
std::string_view built_in_holiday_document() noexcept;

}  // namespace rma::domain
