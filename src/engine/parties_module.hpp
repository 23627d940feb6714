// engine/parties_module.hpp — the parties and the catalogue: customers, suppliers, operators and
// products, written by staff (operators by an admin) with an event holding the record before
// and after, and read by staff or by the party itself.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <optional>
#include <string>

#include "events/payloads.hpp"
#include "rma/engine.hpp"

namespace rma {

class PartiesModule {
 public:
  explicit PartiesModule(Engine::Impl& engine) : e_(engine) {}

  Customer upsert_customer(const Actor& by, const Customer& x);
  Supplier upsert_supplier(const Actor& by, const Supplier& x);
  Operator upsert_operator(const Actor& by, const Operator& x);
  Product upsert_product(const Actor& by, const Product& x);

  Customer customer(const Actor& by, const std::string& id);
  Supplier supplier(const Actor& by, const std::string& id);
  Operator operator_(const Actor& by, const std::string& id);
  Product product(const Actor& by, const std::string& sku);

 private:
  template <class Record, class Validate, class Find, class Put>
  Record upsert(const Actor& by, const Record& x, const std::string& key, const char* what,
                events::Payload (*encode)(const std::optional<Record>&, const Record&), Validate validate, Find find,
                Put put);

  Engine::Impl& e_;
};

}  // namespace rma
