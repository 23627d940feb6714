// store/column_text.hpp — how values without a column type of their own are kept as text, the same
// in every backend: fixed-width times, '|'-separated short lists, JSON arrays of addresses, phones
// and parts.
#pragma once

#include <string>
#include <vector>

#include "rma/repair.hpp"
#include "rma/party.hpp"
#include "rma/time.hpp"

namespace rma::store {

// Always six fraction digits, so stored times sort correctly as text.
std::string time_text(Timestamp t);
// The instant `seconds` (>= 0) after `t`, at most the last one that text can hold (year 9999):
// the upper end of a "within" range.
Timestamp seconds_after(Timestamp t, std::int64_t seconds);

// Short lists (serials, packers, findings) live in one column, separated by '|', which the import
// formats do not allow inside an item.
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(const std::string& text);

std::string addresses_text(const std::vector<Address>& addresses);
std::vector<Address> addresses_from(const std::string& text);

std::string phones_text(const std::vector<std::string>& phones);
std::vector<std::string> phones_from(const std::string& text);

std::string parts_text(const std::vector<PartUse>& parts);
std::vector<PartUse> parts_from(const std::string& text);

}  // namespace rma::store
