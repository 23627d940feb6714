// domain/name_table.hpp — an enum's stable names as an array in the enum's order: the name of a
// value and the value of a name, for the *_name / *_from_name functions of the public headers.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace rma::domain {

template <class Enum, std::size_t N>
std::optional<Enum> lookup(std::string_view name, const std::array<const char*, N>& names) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
const char* name_of(Enum v, const std::array<const char*, N>& names) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : "unknown";
}

}  // namespace rma::domain
