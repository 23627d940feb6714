#include "domain/party_rules.hpp"

#include <string>
#include <vector>

#include "domain/case_rules.hpp"
#include "rma/error.hpp"

namespace rma::domain {
namespace {

void check_email(const std::string& email, std::int64_t max) {
  check_text("email", email, max);
  if (!email.empty() && (email.find('@') == std::string::npos || email.front() == '@' || email.back() == '@')) {
    throw Error(Status::invalid_argument, "email", "'" + email + "' is not an e-mail address");
  }
}

void check_phones(const std::vector<std::string>& phones, std::int64_t max) {
  for (std::size_t i = 0; i < phones.size(); ++i) check_text("phones[" + std::to_string(i) + "]", phones[i], max);
}

void check_addresses(const std::vector<Address>& addresses, std::int64_t max) {
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    const Address& a = addresses[i];
    const std::string at = "addresses[" + std::to_string(i) + "].";
    check_text(at + "kind", a.kind, max);
    check_text(at + "line1", a.line1, max);
    check_text(at + "line2", a.line2, max);
    check_text(at + "city", a.city, max);
    check_text(at + "postal_code", a.postal_code, max);
    check_text(at + "region", a.region, max);
    check_text(at + "country", a.country, max);
  }
}

}  // namespace

void validate_customer(const Customer& c, const Limits& limits) {
  const std::int64_t max = limits.max_text_bytes;
  check_text("id", c.id, max, /*required=*/true);
  check_text("name", c.name, max, /*required=*/true);
  check_text("tax_id", c.tax_id, max);
  check_email(c.email, max);
  check_phones(c.phones, max);
  check_addresses(c.addresses, max);
  check_text("tier", c.tier, max);
  check_text("language", c.language, max);
}

void validate_supplier(const Supplier& s, const Limits& limits) {
  const std::int64_t max = limits.max_text_bytes;
  check_text("id", s.id, max, /*required=*/true);
  check_text("name", s.name, max, /*required=*/true);
  check_text("tax_id", s.tax_id, max);
  check_email(s.email, max);
  check_phones(s.phones, max);
  check_addresses(s.addresses, max);
}

void validate_operator(const Operator& o, const Limits& limits) {
  const std::int64_t max = limits.max_text_bytes;
  check_text("id", o.id, max, /*required=*/true);
  check_text("name", o.name, max, /*required=*/true);
  check_email(o.email, max);
  check_text("team", o.team, max);
  const int role = static_cast<int>(o.role);
  if (role < 0 || role > static_cast<int>(Role::system)) {
    throw Error(Status::unknown_value, "role", "unknown value " + std::to_string(role));
  }
}

void validate_product(const Product& p, const Limits& limits) {
  const std::int64_t max = limits.max_text_bytes;
  check_text("sku", p.sku, max, /*required=*/true);
  check_text("name", p.name, max, /*required=*/true);
  check_text("brand", p.brand, max);
  check_text("category", p.category, max);
  check_text("supplier_id", p.supplier_id, max);
}

}  // namespace rma::domain
