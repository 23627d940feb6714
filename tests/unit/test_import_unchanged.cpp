// Import records compared member by member (domain/import_unchanged.hpp): a record that differs in
// any one member is written again; one that differs in none is left as it is.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain/import_unchanged.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/sales.hpp"

using namespace rma;

namespace {

Address address() { return Address{"billing", "Via Roma 1", "Scala B", "Milano", "20121", "MI", "IT"}; }

// Every member the record's JSON rendering has (of `base`, every member set) must be one the
// edits change: a member added to a record and to its JSON fails here until it is compared and
// tested. Members of an array of objects are named "member.inner".
template <class Record>
void edits_cover_every_member(const Record& base,
                              const std::vector<std::pair<const char*, std::function<void(Record&)>>>& edits) {
  const auto edited = [&](const std::string& name) {
    for (const auto& edit : edits) {
      const std::string n = edit.first;
      if (n == name || n.rfind(name + ":", 0) == 0 || n.rfind(name + ".", 0) == 0) return true;
    }
    return false;
  };
  const nlohmann::json rendered = codec::to_json_value(base);
  for (auto it = rendered.begin(); it != rendered.end(); ++it) {
    CAPTURE(it.key());
    CHECK(edited(it.key()));
    if (it->is_array() && !it->empty() && it->front().is_object()) {
      for (auto inner = it->front().begin(); inner != it->front().end(); ++inner) {
        const std::string name = it.key() + "." + inner.key();
        CAPTURE(name);
        CHECK(edited(name));
      }
    }
  }
}

template <class Record>
void each_member_counts(const Record& base, const std::vector<std::pair<const char*, std::function<void(Record&)>>>& edits) {
  edits_cover_every_member(base, edits);
  CHECK(domain::same_record(base, base));
  for (const auto& edit : edits) {
    Record changed = base;
    edit.second(changed);
    CAPTURE(edit.first);
    CHECK_FALSE(domain::same_record(base, changed));
    CHECK_FALSE(domain::same_record(changed, base));
  }
}

template <class Record>
std::vector<std::pair<const char*, std::function<void(Record&)>>> address_edits() {
  return {
      {"addresses.kind", [](Record& r) { r.addresses[0].kind = "shipping"; }},
      {"addresses.line1", [](Record& r) { r.addresses[0].line1 += "a"; }},
      {"addresses.line2", [](Record& r) { r.addresses[0].line2 += "a"; }},
      {"addresses.city", [](Record& r) { r.addresses[0].city += "a"; }},
      {"addresses.postal_code", [](Record& r) { r.addresses[0].postal_code += "1"; }},
      {"addresses.region", [](Record& r) { r.addresses[0].region += "a"; }},
      {"addresses.country", [](Record& r) { r.addresses[0].country = "PL"; }},
      {"addresses: one more", [](Record& r) { r.addresses.push_back(address()); }},
      {"addresses: none", [](Record& r) { r.addresses.clear(); }},
  };
}

}  // namespace

TEST_CASE("same_record: a customer differing in any member is not the same") {
  Customer c{"C1", "Rossi", "IT123", {address()}, "a@b.it", {"+39 1"}, "gold", "it", std::nullopt};
  auto edits = address_edits<Customer>();
  edits.insert(edits.end(), {
      {"id", [](Customer& r) { r.id = "C2"; }},
      {"name", [](Customer& r) { r.name += "x"; }},
      {"tax_id", [](Customer& r) { r.tax_id += "x"; }},
      {"email", [](Customer& r) { r.email += "x"; }},
      {"phones", [](Customer& r) { r.phones.push_back("+39 2"); }},
      {"tier", [](Customer& r) { r.tier = "silver"; }},
      {"language", [](Customer& r) { r.language = "pl"; }},
  });
  each_member_counts(c, edits);
}

TEST_CASE("same_record: a supplier differing in any member is not the same") {
  Supplier s{"S1", "Acme", "DE1", {address()}, "s@acme.de", {"+49 1"}};
  auto edits = address_edits<Supplier>();
  edits.insert(edits.end(), {
      {"id", [](Supplier& r) { r.id = "S2"; }},
      {"name", [](Supplier& r) { r.name += "x"; }},
      {"tax_id", [](Supplier& r) { r.tax_id += "x"; }},
      {"email", [](Supplier& r) { r.email += "x"; }},
      {"phones", [](Supplier& r) { r.phones[0] = "+49 2"; }},
  });
  each_member_counts(s, edits);
}

TEST_CASE("same_record: a product differing in any member is not the same") {
  Product p{"SKU-1", "Phone", "Brand", "phones", "S1", true};
  each_member_counts<Product>(p, {
      {"sku", [](Product& r) { r.sku = "SKU-2"; }},
      {"name", [](Product& r) { r.name += "x"; }},
      {"brand", [](Product& r) { r.brand += "x"; }},
      {"category", [](Product& r) { r.category += "x"; }},
      {"supplier_id", [](Product& r) { r.supplier_id = ""; }},
      {"serialized", [](Product& r) { r.serialized = false; }},
  });
}

TEST_CASE("same_record: a sales document differing in any member or line member is not the same") {
  SalesDocument d;
  d.id = "INV-1";
  d.date = Date{2026, 3, 8};
  d.delivery_date = Date{2026, 3, 9};
  d.customer_id = "C1";
  d.channel = Channel::b2c;
  d.distance_sale = true;
  d.currency = "EUR";
  d.jurisdiction = "IT";
  d.discount = 100;
  d.lines.push_back(SalesLine{1, "SKU-1", 2, 19900, 2200, 50, {"SN1", "SN2"}, "L7", "DDT-1", {"Giulia"}});
  each_member_counts<SalesDocument>(d, {
      {"id", [](SalesDocument& r) { r.id = "INV-2"; }},
      {"date", [](SalesDocument& r) { r.date = Date{2026, 3, 7}; }},
      {"delivery_date", [](SalesDocument& r) { r.delivery_date.reset(); }},
      {"customer_id", [](SalesDocument& r) { r.customer_id = "C2"; }},
      {"channel", [](SalesDocument& r) { r.channel = Channel::b2b; }},
      {"distance_sale", [](SalesDocument& r) { r.distance_sale = false; }},
      {"currency", [](SalesDocument& r) { r.currency = "PLN"; }},
      {"jurisdiction", [](SalesDocument& r) { r.jurisdiction = "PL"; }},
      {"discount", [](SalesDocument& r) { r.discount = 101; }},
      {"lines: one more", [](SalesDocument& r) { r.lines.push_back(r.lines[0]); }},
      {"lines.line_no", [](SalesDocument& r) { r.lines[0].line_no = 2; }},
      {"lines.sku", [](SalesDocument& r) { r.lines[0].sku = "SKU-2"; }},
      {"lines.quantity", [](SalesDocument& r) { r.lines[0].quantity = 3; }},
      {"lines.unit_price", [](SalesDocument& r) { r.lines[0].unit_price = 19901; }},
      {"lines.vat_rate_bp", [](SalesDocument& r) { r.lines[0].vat_rate_bp = 2300; }},
      {"lines.discount", [](SalesDocument& r) { r.lines[0].discount = 49; }},
      {"lines.serials", [](SalesDocument& r) { std::swap(r.lines[0].serials[0], r.lines[0].serials[1]); }},
      {"lines.lot", [](SalesDocument& r) { r.lines[0].lot = ""; }},
      {"lines.dispatch_document", [](SalesDocument& r) { r.lines[0].dispatch_document = "DDT-2"; }},
      {"lines.packers", [](SalesDocument& r) { r.lines[0].packers.clear(); }},
  });
}

TEST_CASE("same_record: a purchase document differing in any member or line member is not the same") {
  PurchaseDocument d;
  d.id = "PO-1";
  d.date = Date{2026, 1, 5};
  d.supplier_id = "S1";
  d.currency = "EUR";
  d.lines.push_back(PurchaseLine{1, "SKU-1", 2, 9900, {"SN1", "SN2"}});
  each_member_counts<PurchaseDocument>(d, {
      {"id", [](PurchaseDocument& r) { r.id = "PO-2"; }},
      {"date", [](PurchaseDocument& r) { r.date = Date{2026, 1, 6}; }},
      {"supplier_id", [](PurchaseDocument& r) { r.supplier_id = "S2"; }},
      {"currency", [](PurchaseDocument& r) { r.currency = "CHF"; }},
      {"lines: none", [](PurchaseDocument& r) { r.lines.clear(); }},
      {"lines.line_no", [](PurchaseDocument& r) { r.lines[0].line_no = 3; }},
      {"lines.sku", [](PurchaseDocument& r) { r.lines[0].sku = "SKU-3"; }},
      {"lines.quantity", [](PurchaseDocument& r) { r.lines[0].quantity = 1; }},
      {"lines.unit_cost", [](PurchaseDocument& r) { r.lines[0].unit_cost = 9800; }},
      {"lines.serials", [](PurchaseDocument& r) { r.lines[0].serials.pop_back(); }},
  });
}
