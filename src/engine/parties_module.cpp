#include "engine/parties_module.hpp"

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/party_rules.hpp"
#include "engine/engine_impl.hpp"

namespace rma {

// The shape every upsert shares: permission, validation, write, and an event with the record
// before (null if new) and after.
template <class Record, class Validate, class Find, class Put>
Record PartiesModule::upsert(const Actor& by, const Record& x, const std::string& key, const char* what,
                             events::Payload (*encode)(const std::optional<Record>&, const Record&),
                             Validate validate, Find find, Put put) {
  e_.require_staff(by, what);
  validate(x, e_.options.limits);
  const std::optional<Record> before = (e_.store.get()->*find)(key);
  (e_.store.get()->*put)(x, e_.now());
  e_.emit(nullptr, by, encode(before, x));
  return x;
}

// A customer's record is personal data: its event is sealed with the key stored with its row
// (engine/privacy_module.hpp), which the upsert gives a customer that has none.
Customer PartiesModule::upsert_customer(const Actor& by, const Customer& x) {
  e_.require_staff(by, "change customers");
  domain::validate_customer(x, e_.options.limits);
  const std::optional<Customer> before = e_.store->find_customer(x.id);
  e_.privacy.remember_customer_key(x.id, e_.store->put_customer(x, e_.now(), events::new_subject_key()));
  e_.emit(nullptr, by, events::customer_upserted(before, x));
  e_.customer_tiers.erase(x.id);
  return x;
}

Supplier PartiesModule::upsert_supplier(const Actor& by, const Supplier& x) {
  return upsert(by, x, x.id, "change suppliers", events::supplier_upserted, domain::validate_supplier,
                &store::Store::find_supplier, &store::Store::put_supplier);
}

Operator PartiesModule::upsert_operator(const Actor& by, const Operator& x) {
  if (by.role != Role::admin && by.role != Role::system) {
    e_.authenticate(by);
    throw Error(Status::permission_denied, "actor", "only an admin may register operators and their roles", "admin_only");
  }
  Operator saved = upsert(by, x, x.id, "change operators", events::operator_upserted, domain::validate_operator,
                          &store::Store::find_operator, &store::Store::put_operator);
  e_.operator_roles.erase(x.id);
  return saved;
}

Product PartiesModule::upsert_product(const Actor& by, const Product& x) {
  Product saved = upsert(by, x, x.sku, "change products", events::product_upserted, domain::validate_product,
                         &store::Store::find_product, &store::Store::put_product);
  e_.warranty.registry().put_product(saved);
  e_.warranty.units_changed();
  return saved;
}

// Reading parties: staff see all; a customer sees itself; everyone may read the catalogue.
Customer PartiesModule::customer(const Actor& by, const std::string& id) {
  e_.authenticate(by);
  if (!by.is_staff() && !(by.role == Role::customer && by.id == id)) {
    throw Error(Status::permission_denied, "id", "may read only its own customer record", "not_own_record");
  }
  auto x = e_.store->find_customer(id);
  if (!x) throw Error(Status::not_found, "id", "no customer '" + id + "'");
  return *x;
}

Supplier PartiesModule::supplier(const Actor& by, const std::string& id) {
  e_.authenticate(by);
  if (!by.is_staff() && !(by.role == Role::supplier && by.id == id)) {
    throw Error(Status::permission_denied, "id", "may read only its own supplier record", "not_own_record");
  }
  auto x = e_.store->find_supplier(id);
  if (!x) throw Error(Status::not_found, "id", "no supplier '" + id + "'");
  return *x;
}

Operator PartiesModule::operator_(const Actor& by, const std::string& id) {
  e_.require_staff(by, "read operators");
  auto x = e_.store->find_operator(id);
  if (!x) throw Error(Status::not_found, "id", "no operator '" + id + "'");
  return *x;
}

Product PartiesModule::product(const Actor& by, const std::string& sku) {
  e_.authenticate(by);
  auto x = e_.store->find_product(sku);
  if (!x) throw Error(Status::not_found, "sku", "no product '" + sku + "'");
  return *x;
}

}  // namespace rma
