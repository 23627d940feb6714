// json/money.cpp — money amounts in JSON documents.
#include "json/money.hpp"

namespace rma::codec {

nlohmann::json money_value(const std::optional<Money>& m) {
  return m ? nlohmann::json(format_money(*m)) : nlohmann::json(nullptr);
}

std::optional<Money> read_money(ObjectReader& r, const char* key) {
  const nlohmann::json* value = r.find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) throw_wrong_type(r.path_of(key), "string", *value);
  return parse_money(value->get_ref<const std::string&>(), r.path_of(key));
}

}  // namespace rma::codec
