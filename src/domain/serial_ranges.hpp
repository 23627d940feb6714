// domain/serial_ranges.hpp — serial numbers collapsed into ranges for a quality alert's evidence
// (rma/quality.hpp QualityAlert::serial_ranges, docs/reports.md "Serial ranges").
//
// What counts as consecutive: a serial is a prefix and a numeric suffix, the digits at its end
// (at most kMaxSuffixDigits of them: a longer run, or none, makes a serial that stands alone).
// Two serials are consecutive when their prefixes are equal, the second's number is the first's
// plus one, and they are written alike: both with the same count of digits ("SN099", "SN100") or
// both without a leading zero ("SN99", "SN100"). A serial given twice counts once.
// Pure and deterministic: the ranges come out by prefix, then number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rma/case.hpp"
#include "rma/quality.hpp"

namespace rma::domain {

// The longest numeric suffix read as a number: 18 digits always fit in an int64.
inline constexpr std::size_t kMaxSuffixDigits = 18;
// The ranges an alert's evidence lists: the ones with most serials (ties: the first by prefix
// and number), listed by prefix and number.
inline constexpr std::size_t kMaxSerialRanges = 20;

struct SerialRanges {
  std::vector<QualitySerialRange> ranges;  // at most `max_ranges`
  std::int64_t serials = 0;                // distinct serials given
  std::int64_t range_count = 0;            // ranges they make, listed or not
};

SerialRanges serial_ranges(std::vector<std::string> serials, std::size_t max_ranges = kMaxSerialRanges);

// Whether a returned line is one of the alert's subject: its SKU, its SKU and lot, or a SKU whose
// catalogue supplier (`sku_supplier`) is the alert's supplier.
bool line_of_alert(const QualityAlert& alert, const CaseLine& line, const std::string& sku_supplier) noexcept;

}  // namespace rma::domain
