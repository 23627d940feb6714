#include <doctest/doctest.h>

#include <string>

#include "rma/actor.hpp"
#include "rma/error.hpp"

using rma::Actor;
using rma::Error;
using rma::Role;
using rma::Status;

namespace {

Error parse_error(const std::string& text) {
  try {
    Actor::parse(text);
  } catch (const Error& e) {
    return e;
  }
  return Error(Status::ok, "", "parsed");
}

}  // namespace

TEST_CASE("actor: role names round trip and are exact") {
  const Role roles[] = {Role::admin, Role::operator_, Role::customer, Role::supplier, Role::system};
  const char* names[] = {"admin", "operator", "customer", "supplier", "system"};
  for (int i = 0; i < 5; ++i) {
    CHECK(std::string(rma::role_name(roles[i])) == names[i]);
    CHECK(rma::role_from_name(names[i]) == roles[i]);
  }
  CHECK_FALSE(rma::role_from_name("Operator").has_value());
  CHECK_FALSE(rma::role_from_name("operator_").has_value());
  CHECK_FALSE(rma::role_from_name(" admin").has_value());
  CHECK_FALSE(rma::role_from_name("").has_value());
  CHECK(std::string(rma::role_name(static_cast<Role>(99))) == "unknown");
}

TEST_CASE("actor: parse reads role and id") {
  const Actor anna = Actor::parse("operator:anna");
  CHECK(anna.role == Role::operator_);
  CHECK(anna.id == "anna");
  CHECK(anna.to_string() == "operator:anna");
  CHECK(anna.is_staff());

  const Actor customer = Actor::parse("customer:C-1001");
  CHECK(customer.role == Role::customer);
  CHECK_FALSE(customer.is_staff());

  // Only the first colon separates; ids may carry their own.
  const Actor job = Actor::parse("system:erp:sync");
  CHECK(job.role == Role::system);
  CHECK(job.id == "erp:sync");
  CHECK(job.to_string() == "system:erp:sync");

  CHECK(Actor::parse("supplier:Łódź-Ośrodek").id == "Łódź-Ośrodek");
  CHECK(Actor::parse("admin:x").id == "x");
}

TEST_CASE("actor: to_string and parse are inverses") {
  for (const char* text : {"admin:root", "operator:anna", "customer:42", "supplier:ACME", "system:mail-in"}) {
    CHECK(Actor::parse(text).to_string() == text);
  }
}

TEST_CASE("actor: missing colon or empty id is invalid_argument on field actor") {
  for (const char* text : {"", "operator", "operator:", ":anna", "anna"}) {
    CAPTURE(text);
    const Error e = parse_error(text);
    CHECK(e.field() == "actor");
    // ":anna" has an empty role, which is an unknown one.
    CHECK(e.status() == (std::string(text) == ":anna" ? Status::unknown_value : Status::invalid_argument));
  }
}

TEST_CASE("actor: unknown role is unknown_value on field actor, naming the role") {
  const Error e = parse_error("boss:anna");
  CHECK(e.status() == Status::unknown_value);
  CHECK(e.field() == "actor");
  CHECK(std::string(e.what()).find("\"boss\"") != std::string::npos);
  CHECK(parse_error("Operator:anna").status() == Status::unknown_value);
  CHECK(parse_error(" operator:anna").status() == Status::unknown_value);
}

TEST_CASE("actor: id length limit is 256 bytes") {
  CHECK(Actor::parse("customer:" + std::string(256, 'x')).id.size() == 256);
  const Error e = parse_error("customer:" + std::string(257, 'x'));
  CHECK(e.status() == Status::too_large);
  CHECK(e.field() == "actor");
  // 128 two-byte characters are 256 bytes: still fine; one more byte is not.
  std::string polish;
  for (int i = 0; i < 128; ++i) polish += "ż";
  CHECK(Actor::parse("customer:" + polish).id == polish);
  CHECK(parse_error("customer:" + polish + "x").status() == Status::too_large);
}

TEST_CASE("actor: ids refuse control characters and invalid UTF-8") {
  for (const std::string& id : {std::string("an\nna"), std::string("anna\t"), std::string(1, '\0') + "x",
                               std::string("x\x1f"), std::string("x\x7f"), std::string("x\xc2\x85")}) {
    CAPTURE(id);
    const Error e = parse_error("operator:" + id);
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "actor");
  }
  CHECK(Actor::parse("operator:x\xc2\xa0y").id == "x\xc2\xa0y");  // no-break space is printable
  CHECK(Actor::parse("operator:a b").id == "a b");
  const Error bad = parse_error("operator:\xff");
  CHECK(bad.status() == Status::invalid_utf8);
  CHECK(bad.field() == "actor");
}

TEST_CASE("actor: error messages quote a long text only in part") {
  const Error e = parse_error(std::string(10000, 'a'));
  CHECK(e.status() == Status::invalid_argument);
  CHECK(std::string(e.what()).size() < 200);
}
