// json/skim.hpp — finding one member's value in a JSON object's text without parsing the rest:
// a stored event holds a whole valuation (breakdown and all) where a report wants its totals, a
// million times over. Only for documents librma wrote itself (valid JSON); anything else gives
// nullopt rather than a guess.
#pragma once

#include <optional>
#include <string_view>

namespace rma::codec {

// The value of member `key` of the object `object` (its own members only), exactly as written:
// "{...}", "[...]", "\"text\"", "12", "null". nullopt when there is no such member or the text
// is not an object.
std::optional<std::string_view> member_text(std::string_view object, std::string_view key);

}  // namespace rma::codec
