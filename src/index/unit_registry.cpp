#include "index/unit_registry.hpp"

#include <algorithm>
#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index_container.hpp>
#include <tuple>
#include <unordered_map>

namespace rma::index {
namespace {

namespace bmi = boost::multi_index;

struct serial_key {};
struct customer_sku_key {};
struct document_line_key {};

using SoldSet = bmi::multi_index_container<
    SoldUnit,
    bmi::indexed_by<
        bmi::hashed_non_unique<bmi::tag<serial_key>, bmi::member<SoldUnit, std::string, &SoldUnit::serial>>,
        bmi::hashed_non_unique<
            bmi::tag<customer_sku_key>,
            bmi::composite_key<SoldUnit, bmi::member<SoldUnit, std::string, &SoldUnit::customer_id>,
                               bmi::member<SoldUnit, std::string, &SoldUnit::sku>>>,
        bmi::ordered_non_unique<
            bmi::tag<document_line_key>,
            bmi::composite_key<SoldUnit, bmi::member<SoldUnit, std::string, &SoldUnit::document>,
                               bmi::member<SoldUnit, std::int32_t, &SoldUnit::line_no>>>>>;

bool newer(const SoldUnit* a, const SoldUnit* b) {
  if (a->sale_date != b->sale_date) {
    return std::tie(a->sale_date.year, a->sale_date.month, a->sale_date.day) >
           std::tie(b->sale_date.year, b->sale_date.month, b->sale_date.day);
  }
  return a->document > b->document;
}

SoldUnit unit_of(const SalesDocument& d, const SalesLine& l, std::string serial, std::int64_t quantity) {
  SoldUnit u;
  u.serial = std::move(serial);
  u.sku = l.sku;
  u.customer_id = d.customer_id;
  u.document = d.id;
  u.line_no = l.line_no;
  u.quantity = quantity;
  u.sale_date = d.date;
  u.delivery_date = d.delivery_date;
  u.channel = d.channel;
  u.distance_sale = d.distance_sale;
  u.jurisdiction = d.jurisdiction;
  u.currency = d.currency;
  u.unit_price = l.unit_price;
  u.vat_rate_bp = l.vat_rate_bp;
  u.line_discount = l.discount;
  u.lot = l.lot;
  u.dispatch_document = l.dispatch_document;
  u.packers = l.packers;
  return u;
}

}  // namespace

struct UnitRegistry::Containers {
  SoldSet sold;
  std::unordered_map<std::string, SerialFacts> serials;
  // The rarer facts SerialFacts points into (unordered_map nodes never move).
  std::unordered_map<std::string, PurchasedUnit> purchased;
  std::unordered_map<std::string, std::vector<ExtendedWarranty>> contracts;
  std::unordered_map<std::string, store::Store::Replacement> replacements;
  std::unordered_map<std::string, std::vector<std::string>> purchased_by_document;
  std::unordered_map<std::string, Product> products;
  std::unordered_map<std::string, DocumentDiscount> document_discounts;  // only documents with one
  std::unordered_multimap<std::string, std::string> replaced_by;  // old serial -> new serial

  // The newest sale of `serial`, recomputed after its sales changed.
  void refresh_newest(const std::string& serial) {
    const SoldUnit* best = nullptr;
    auto range = sold.get<serial_key>().equal_range(serial);
    for (auto it = range.first; it != range.second; ++it) {
      if (!best || newer(&*it, best)) best = &*it;
    }
    if (best) {
      serials[serial].newest_sale = best;
    } else if (auto it = serials.find(serial); it != serials.end()) {
      it->second.newest_sale = nullptr;
    }
  }
};

UnitRegistry::UnitRegistry() : c_(std::make_unique<Containers>()) {}
UnitRegistry::~UnitRegistry() = default;

void UnitRegistry::clear() { c_ = std::make_unique<Containers>(); }

void UnitRegistry::put_sales_document(const SalesDocument& d) {
  auto& lines = c_->sold.get<document_line_key>();
  auto first = lines.lower_bound(std::make_tuple(d.id));
  auto last = lines.upper_bound(std::make_tuple(d.id));
  std::vector<std::string> touched;
  for (auto it = first; it != last; ++it) {
    if (!it->serial.empty()) touched.push_back(it->serial);
  }
  lines.erase(first, last);
  for (const SalesLine& l : d.lines) {
    if (l.serials.empty()) {
      c_->sold.insert(unit_of(d, l, std::string(), l.quantity));
    } else {
      for (const std::string& serial : l.serials) {
        c_->sold.insert(unit_of(d, l, serial, 1));
        touched.push_back(serial);
      }
    }
  }
  for (const std::string& serial : touched) c_->refresh_newest(serial);
  c_->document_discounts.erase(d.id);
  if (d.discount > 0) {
    DocumentDiscount discount{d.id, d.discount, {}};
    // Import validation keeps unit_price × quantity within int64 and each line's discount below it.
    for (const SalesLine& l : d.lines) discount.lines.push_back({l.line_no, l.unit_price * l.quantity - l.discount});
    c_->document_discounts.emplace(d.id, std::move(discount));
  }
}

const DocumentDiscount* UnitRegistry::document_discount(const std::string& document) const {
  auto it = c_->document_discounts.find(document);
  return it == c_->document_discounts.end() ? nullptr : &it->second;
}

void UnitRegistry::put_purchase_document(const PurchaseDocument& d) {
  auto old = c_->purchased_by_document.find(d.id);
  if (old != c_->purchased_by_document.end()) {
    for (const std::string& serial : old->second) {
      auto it = c_->purchased.find(serial);
      if (it != c_->purchased.end() && it->second.document == d.id) {
        c_->serials[serial].purchased = nullptr;
        c_->purchased.erase(it);
      }
    }
    c_->purchased_by_document.erase(old);
  }
  std::vector<std::string>& serials = c_->purchased_by_document[d.id];
  for (const PurchaseLine& l : d.lines) {
    for (const std::string& serial : l.serials) {
      PurchasedUnit& slot = c_->purchased[serial];
      slot = PurchasedUnit{serial, l.sku, d.supplier_id, d.id, d.date, l.unit_cost, d.currency};
      c_->serials[serial].purchased = &slot;
      serials.push_back(serial);
    }
  }
}

void UnitRegistry::put_product(const Product& p) { c_->products[p.sku] = p; }

void UnitRegistry::put_extended_warranty(const ExtendedWarranty& w) {
  auto& list = c_->contracts[w.serial];
  auto it = std::find_if(list.begin(), list.end(), [&](const ExtendedWarranty& x) { return x.contract == w.contract; });
  if (it != list.end()) {
    *it = w;
  } else {
    list.push_back(w);
  }
  c_->serials[w.serial].contracts = &list;
}

void UnitRegistry::put_replacement(const store::Store::Replacement& r) {
  auto old = c_->replacements.find(r.serial);
  if (old != c_->replacements.end()) {
    auto range = c_->replaced_by.equal_range(old->second.replaced_serial);
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second == r.serial) {
        c_->replaced_by.erase(it);
        break;
      }
    }
  }
  store::Store::Replacement& slot = c_->replacements[r.serial];
  slot = r;
  c_->serials[r.serial].replacement = &slot;
  c_->replaced_by.emplace(r.replaced_serial, r.serial);
}

void UnitRegistry::put_registration(const std::string& serial, Date on) { c_->serials[serial].registration = on; }

const UnitRegistry::SerialFacts* UnitRegistry::facts(const std::string& serial) const {
  auto it = c_->serials.find(serial);
  return it == c_->serials.end() ? nullptr : &it->second;
}

std::vector<const SoldUnit*> UnitRegistry::by_serial(const std::string& serial) const {
  std::vector<const SoldUnit*> out;
  auto range = c_->sold.get<serial_key>().equal_range(serial);
  for (auto it = range.first; it != range.second; ++it) out.push_back(&*it);
  std::sort(out.begin(), out.end(), newer);
  return out;
}

const SoldUnit* UnitRegistry::newest_by_serial(const std::string& serial) const {
  const SerialFacts* f = facts(serial);
  return f ? f->newest_sale : nullptr;
}

std::vector<const SoldUnit*> UnitRegistry::by_customer(const std::string& customer_id, const std::string& sku) const {
  std::vector<const SoldUnit*> out;
  auto range = c_->sold.get<customer_sku_key>().equal_range(std::make_tuple(customer_id, sku));
  for (auto it = range.first; it != range.second; ++it) out.push_back(&*it);
  std::sort(out.begin(), out.end(), newer);
  return out;
}

std::vector<const SoldUnit*> UnitRegistry::by_document(const std::string& document) const {
  std::vector<const SoldUnit*> out;
  const auto& lines = c_->sold.get<document_line_key>();
  auto range = lines.equal_range(std::make_tuple(document));
  for (auto it = range.first; it != range.second; ++it) out.push_back(&*it);
  return out;
}

std::vector<const SoldUnit*> UnitRegistry::by_line(const std::string& document, std::int32_t line_no) const {
  std::vector<const SoldUnit*> out;
  auto range = c_->sold.get<document_line_key>().equal_range(std::make_tuple(document, line_no));
  for (auto it = range.first; it != range.second; ++it) out.push_back(&*it);
  return out;
}

const PurchasedUnit* UnitRegistry::purchased(const std::string& serial) const {
  const SerialFacts* f = facts(serial);
  return f ? f->purchased : nullptr;
}

const Product* UnitRegistry::product(const std::string& sku) const {
  auto it = c_->products.find(sku);
  return it == c_->products.end() ? nullptr : &it->second;
}

std::vector<ExtendedWarranty> UnitRegistry::contracts(const std::string& serial) const {
  const SerialFacts* f = facts(serial);
  return f && f->contracts ? *f->contracts : std::vector<ExtendedWarranty>();
}

const store::Store::Replacement* UnitRegistry::replacement_of(const std::string& serial) const {
  const SerialFacts* f = facts(serial);
  return f ? f->replacement : nullptr;
}

std::vector<const store::Store::Replacement*> UnitRegistry::replaced_by(const std::string& serial) const {
  std::vector<const store::Store::Replacement*> out;
  auto range = c_->replaced_by.equal_range(serial);
  for (auto it = range.first; it != range.second; ++it) {
    if (const auto* r = replacement_of(it->second)) out.push_back(r);
  }
  return out;
}

std::optional<Date> UnitRegistry::registration(const std::string& serial) const {
  const SerialFacts* f = facts(serial);
  return f ? f->registration : std::nullopt;
}

std::int64_t UnitRegistry::sold_units() const { return static_cast<std::int64_t>(c_->sold.size()); }

}  // namespace rma::index
