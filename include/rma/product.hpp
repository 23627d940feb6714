// rma/product.hpp — the catalogue entry of what is being returned or repaired.
#pragma once

#include <string>

namespace rma {

struct Product {
  std::string sku;  // the host's article code; the key
  std::string name;
  std::string brand;
  std::string category;
  std::string supplier_id;  // preferred supplier, may be empty
  bool serialized = false;  // case lines of a serialized product need a serial and quantity 1
};

}  // namespace rma
