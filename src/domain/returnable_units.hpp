// domain/returnable_units.hpp — no case line asks, authorizes, receives or accepts more units of
// a sales line than were sold there minus what other lines claimed before it; a serial is one
// unit (docs/warranty.md, "Quantities bounded by the sale"). Pure: the engine counts the units
// sold and the earlier claims.
#pragma once

#include <cstdint>
#include <string>

#include "rma/case.hpp"

namespace rma::domain {

// The units a case line claims of its sales line: the largest of its requested, authorized,
// received and accepted quantities. While a line keeps its own order (authorized and received
// at most requested, accepted at most received) that is the requested quantity, and splitting
// a case moves it without adding any; taking the largest still counts a unit that a line holds
// beyond what it asked for, so an earlier line can never claim less than it has.
std::int64_t claimed_units(const CaseLine& line) noexcept;

// A sales line (or one serial on it) as the bound sees it.
struct SoldUnits {
  std::string what;             // for the message: "sales line INV-1/2", "unit SN-1"
  std::int64_t sold = 0;        // units sold on it (1 for a serial)
  std::int64_t claimed_before = 0;  // units other case lines claimed before this one
};

// The units still returnable: sold minus claimed before, never below 0.
std::int64_t returnable_units(const SoldUnits& s) noexcept;

// Throws Error(out_of_range, field) when `units` is more than returnable_units(s); the message
// gives the figures.
void check_returnable(const std::string& field, std::int64_t units, const SoldUnits& s);

// The request fields of a case line's quantities; an empty name is not checked (a patch that
// leaves the quantity alone).
struct QuantityFields {
  std::int32_t line_no = 0;  // the case line they belong to
  std::string requested;
  std::string authorized;
  std::string received;
  std::string accepted;
};

// check_returnable on each quantity of `line` that `fields` names, in the order above.
void check_line_returnable(const CaseLine& line, const QuantityFields& fields, const SoldUnits& s);

}  // namespace rma::domain
