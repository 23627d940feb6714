// Customers, suppliers, operators and products: validation and upsert history.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/party_rules.hpp"
#include "engine_fixture.hpp"

using namespace rma;
using rma_test::EngineFixture;

namespace {

template <class F>
void check_error(F f, Status status, const std::string& field) {
  try {
    f();
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(status_name(e.status()) == std::string(status_name(status)));
    CHECK(e.field() == field);
  }
}

}  // namespace

TEST_CASE("party validation names the bad field") {
  Limits limits;
  Customer c;
  c.id = "C9";
  c.name = "Popescu SRL";
  CHECK_NOTHROW(domain::validate_customer(c, limits));
  Customer bad_mail = c;
  bad_mail.email = "popescu.example.ro";
  check_error([&] { domain::validate_customer(bad_mail, limits); }, Status::invalid_argument, "email");
  Customer bad_address = c;
  bad_address.addresses.push_back(Address{"shipping", "Str. Lunga 1", "", "Cluj\xff", "400000", "", "RO"});
  check_error([&] { domain::validate_customer(bad_address, limits); }, Status::invalid_utf8, "addresses[0].city");
  Customer no_name = c;
  no_name.name.clear();
  check_error([&] { domain::validate_customer(no_name, limits); }, Status::missing_field, "name");

  Operator o;
  o.id = "x";
  o.name = "X";
  o.role = static_cast<Role>(7);
  check_error([&] { domain::validate_operator(o, limits); }, Status::unknown_value, "role");

  Product p;
  p.sku = "SKU-1";
  check_error([&] { domain::validate_product(p, limits); }, Status::missing_field, "name");
  Supplier s;
  s.id = "S1";
  s.name = "Bosch";
  s.phones = {"+49 711 400", std::string("\x01")};
  check_error([&] { domain::validate_supplier(s, limits); }, Status::invalid_argument, "phones[1]");
}

TEST_CASE("an upsert records the record before and after; staff only") {
  EngineFixture f;
  Customer c = f.engine.get_customer(f.op, "C1");
  c.tier = "platinum";
  f.engine.upsert_customer(f.op, c);
  CHECK(f.engine.get_customer(f.op, "C1").tier == "platinum");
  CHECK(f.engine.get_customer(f.customer, "C1").name == "Rossi S.r.l.");  // a customer reads itself
  check_error([&] { f.engine.get_customer(f.customer, "C2"); }, Status::permission_denied, "id");
  check_error([&] { f.engine.upsert_customer(f.customer, c); }, Status::permission_denied, "actor");
  check_error([&] { f.engine.get_customer(f.op, "nobody"); }, Status::not_found, "id");

  std::vector<Event> seen;
  f.engine.subscribe([&](const Event& e) { seen.push_back(e); });
  c.tier = "silver";
  f.engine.upsert_customer(f.op, c);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].type == "customer.upserted");
  CHECK(seen[0].case_id == 0);
  auto data = nlohmann::json::parse(seen[0].data);
  CHECK(data["before"]["tier"] == "platinum");
  CHECK(data["after"]["tier"] == "silver");

  Supplier s;
  s.id = "S1";
  s.name = "Bosch";
  f.engine.upsert_supplier(f.op, s);
  CHECK(f.engine.get_supplier(f.op, "S1").name == "Bosch");
  Product p;
  p.sku = "DRILL-9";
  p.name = "Drill";
  p.supplier_id = "S1";
  f.engine.upsert_product(f.op, p);
  CHECK(f.engine.get_product(f.op, "DRILL-9").supplier_id == "S1");
  // Customers read the catalogue, but not who supplies us.
  const Product catalogue = f.engine.get_product(f.customer, "DRILL-9");
  CHECK(catalogue.name == "Drill");
  CHECK(catalogue.supplier_id.empty());
}
