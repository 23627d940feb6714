#include "store/column_text.hpp"

#include <nlohmann/json.hpp>

namespace rma::store {

using nlohmann::json;

std::string time_text(Timestamp t) {
  std::string s = t.to_iso();
  if (s.find('.') == std::string::npos) s.insert(s.size() - 1, ".000000");
  return s;
}

Timestamp seconds_after(Timestamp t, std::int64_t seconds) {
  static const Timestamp last = Timestamp::from_iso("9999-12-31T23:59:59.999999Z");
  if (t >= last || seconds >= (last.micros - t.micros) / 1000000) return last;
  return Timestamp{t.micros + seconds * 1000000};
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += '|';
    out += items[i];
  }
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t bar = text.find('|', start);
    out.push_back(text.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

std::string addresses_text(const std::vector<Address>& addresses) {
  json a = json::array();
  for (const Address& x : addresses) {
    a.push_back({{"kind", x.kind}, {"line1", x.line1}, {"line2", x.line2}, {"city", x.city},
                 {"postal_code", x.postal_code}, {"region", x.region}, {"country", x.country}});
  }
  return a.dump();
}

std::vector<Address> addresses_from(const std::string& text) {
  std::vector<Address> out;
  for (const json& x : json::parse(text)) {
    out.push_back(Address{x.at("kind"), x.at("line1"), x.at("line2"), x.at("city"),
                          x.at("postal_code"), x.at("region"), x.at("country")});
  }
  return out;
}

std::string phones_text(const std::vector<std::string>& phones) { return json(phones).dump(); }

std::vector<std::string> phones_from(const std::string& text) {
  return json::parse(text).get<std::vector<std::string>>();
}

std::string parts_text(const std::vector<PartUse>& parts) {
  json array = json::array();
  for (const PartUse& p : parts) {
    array.push_back({{"sku", p.sku}, {"quantity", p.quantity}, {"unit_cost", p.unit_cost}, {"currency", p.currency}});
  }
  return array.dump();
}

std::vector<PartUse> parts_from(const std::string& text) {
  std::vector<PartUse> parts;
  for (const json& p : json::parse(text)) {
    parts.push_back(PartUse{p.at("sku").get<std::string>(), p.at("quantity").get<std::int64_t>(),
                            p.at("unit_cost").get<std::int64_t>(), p.at("currency").get<std::string>()});
  }
  return parts;
}

}  // namespace rma::store
