// rma/party.hpp — the parties a case involves: customers, suppliers and operators.
//
// Usually mirrored from the host's ERP and upserted by their id; librma keeps them so that rules
// (tiers, roles, ownership) need no call back into the host.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rma/actor.hpp"
#include "rma/fraud.hpp"

namespace rma {

struct Address {
  std::string kind;  // "billing", "shipping", or the host's own label
  std::string line1;
  std::string line2;
  std::string city;
  std::string postal_code;
  std::string region;
  std::string country;  // ISO 3166-1 alpha-2
};

struct Customer {
  std::string id;  // the host's customer id
  std::string name;
  std::string tax_id;
  std::vector<Address> addresses;
  std::string email;
  std::vector<std::string> phones;
  std::string tier;      // e.g. "gold"; rules may depend on it
  std::string language;  // preferred label language: en, it, pl, ro, de, ...
  // Computed for staff by customer.get (rma/fraud.hpp), never stored; ignored on upsert.
  std::optional<FraudSignals> fraud_signals;
};

struct Supplier {
  std::string id;
  std::string name;
  std::string tax_id;
  std::vector<Address> addresses;
  std::string email;
  std::vector<std::string> phones;
};

// A person (or system account) who acts on cases. If an actor's id is registered here, its
// claimed role must match the registered one.
struct Operator {
  std::string id;
  std::string name;
  std::string email;
  Role role = Role::operator_;
  std::string team;
};

}  // namespace rma
