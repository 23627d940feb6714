// domain/import_unchanged.cpp — member-by-member equality of import records
// (import_unchanged.hpp).
#include "domain/import_unchanged.hpp"

#include <string>
#include <tuple>
#include <vector>

namespace rma::domain {
namespace {

// The sizes the comparisons below were written for, on 64-bit libstdc++. A new member changes a
// size: compare it below, then update the number here.
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(Address) == 224, "compare Address's new member");
static_assert(sizeof(Customer) == 320, "compare Customer's new member (fraud_signals is computed: not compared)");
static_assert(sizeof(Supplier) == 176, "compare Supplier's new member");
static_assert(sizeof(Product) == 168, "compare Product's new member");
static_assert(sizeof(SalesLine) == 184, "compare SalesLine's new member");
static_assert(sizeof(SalesDocument) == 200, "compare SalesDocument's new member");
static_assert(sizeof(PurchaseLine) == 80, "compare PurchaseLine's new member");
static_assert(sizeof(PurchaseDocument) == 136, "compare PurchaseDocument's new member");
#endif

auto tied(const Address& a) {
  return std::tie(a.kind, a.line1, a.line2, a.city, a.postal_code, a.region, a.country);
}

bool same_addresses(const std::vector<Address>& a, const std::vector<Address>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (tied(a[i]) != tied(b[i])) return false;
  }
  return true;
}

auto tied(const SalesLine& l) {
  return std::tie(l.line_no, l.sku, l.quantity, l.unit_price, l.vat_rate_bp, l.discount, l.serials, l.lot,
                  l.dispatch_document, l.packers);
}

auto tied(const PurchaseLine& l) { return std::tie(l.line_no, l.sku, l.quantity, l.unit_cost, l.serials); }

template <class Line>
bool same_lines(const std::vector<Line>& a, const std::vector<Line>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (tied(a[i]) != tied(b[i])) return false;
  }
  return true;
}

}  // namespace

bool same_record(const Customer& a, const Customer& b) {
  return std::tie(a.id, a.name, a.tax_id, a.email, a.phones, a.tier, a.language) ==
             std::tie(b.id, b.name, b.tax_id, b.email, b.phones, b.tier, b.language) &&
         same_addresses(a.addresses, b.addresses);
}

bool same_record(const Supplier& a, const Supplier& b) {
  return std::tie(a.id, a.name, a.tax_id, a.email, a.phones) == std::tie(b.id, b.name, b.tax_id, b.email, b.phones) &&
         same_addresses(a.addresses, b.addresses);
}

bool same_record(const Product& a, const Product& b) {
  return std::tie(a.sku, a.name, a.brand, a.category, a.supplier_id, a.serialized) ==
         std::tie(b.sku, b.name, b.brand, b.category, b.supplier_id, b.serialized);
}

bool same_record(const SalesDocument& a, const SalesDocument& b) {
  return std::tie(a.id, a.date, a.delivery_date, a.customer_id, a.channel, a.distance_sale, a.currency,
                  a.jurisdiction, a.discount) == std::tie(b.id, b.date, b.delivery_date, b.customer_id, b.channel,
                                                          b.distance_sale, b.currency, b.jurisdiction, b.discount) &&
         same_lines(a.lines, b.lines);
}

bool same_record(const PurchaseDocument& a, const PurchaseDocument& b) {
  return std::tie(a.id, a.date, a.supplier_id, a.currency) == std::tie(b.id, b.date, b.supplier_id, b.currency) &&
         same_lines(a.lines, b.lines);
}

}  // namespace rma::domain
