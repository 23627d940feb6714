// json/product.cpp — a catalogue product, both ways.
#include "json/product.hpp"

#include "json/parse.hpp"
#include "json/reader.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const Product& p) {
  return {{"sku", p.sku},           {"name", p.name},
          {"brand", p.brand},       {"category", p.category},
          {"supplier_id", p.supplier_id}, {"serialized", p.serialized}};
}

std::string product_to_json(const Product& product) { return dump_json(to_json_value(product)); }

Product product_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  Product p;
  p.sku = r.text("sku", limits.max_text_bytes);
  r.read_text("name", limits.max_text_bytes, p.name);
  r.read_text("brand", limits.max_text_bytes, p.brand);
  r.read_text("category", limits.max_text_bytes, p.category);
  r.read_text("supplier_id", limits.max_text_bytes, p.supplier_id);
  p.serialized = r.optional_boolean("serialized").value_or(false);
  r.finish();
  return p;
}

}  // namespace rma::codec
