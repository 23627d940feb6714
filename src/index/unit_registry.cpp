#include "index/unit_registry.hpp"

#include <algorithm>
#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index_container.hpp>
#include <deque>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace rma::index {
namespace {

namespace bmi = boost::multi_index;

// A unit as held: its place on its sales line tells it apart from the line's other units, so a
// unit read twice (by its serial, then with its document) is held once, and lines list their
// serials in the order the document gave them whichever key brought them in.
struct HeldSale : SoldUnit {
  std::int32_t position = 0;
};

struct HeldPurchase : PurchasedUnit {
  std::int32_t line_no = 0;
  std::int32_t position = 0;
};

struct serial_key {};
struct customer_sku_key {};
struct document_line_key {};

using SoldSet = bmi::multi_index_container<
    HeldSale,
    bmi::indexed_by<
        bmi::hashed_non_unique<bmi::tag<serial_key>, bmi::member<SoldUnit, std::string, &SoldUnit::serial>>,
        bmi::hashed_non_unique<
            bmi::tag<customer_sku_key>,
            bmi::composite_key<HeldSale, bmi::member<SoldUnit, std::string, &SoldUnit::customer_id>,
                               bmi::member<SoldUnit, std::string, &SoldUnit::sku>>>,
        bmi::ordered_unique<
            bmi::tag<document_line_key>,
            bmi::composite_key<HeldSale, bmi::member<SoldUnit, std::string, &SoldUnit::document>,
                               bmi::member<SoldUnit, std::int32_t, &SoldUnit::line_no>,
                               bmi::member<HeldSale, std::int32_t, &HeldSale::position>>>>>;

using PurchaseSet = bmi::multi_index_container<
    HeldPurchase,
    bmi::indexed_by<
        bmi::hashed_non_unique<bmi::tag<serial_key>,
                               bmi::member<PurchasedUnit, std::string, &PurchasedUnit::serial>>,
        bmi::ordered_unique<
            bmi::tag<document_line_key>,
            bmi::composite_key<HeldPurchase, bmi::member<PurchasedUnit, std::string, &PurchasedUnit::document>,
                               bmi::member<HeldPurchase, std::int32_t, &HeldPurchase::line_no>,
                               bmi::member<HeldPurchase, std::int32_t, &HeldPurchase::position>>>>>;

bool later(Date a, Date b) { return std::tie(a.year, a.month, a.day) > std::tie(b.year, b.month, b.day); }

// Newest sale first; a total order, so that any two registries holding the same units list them
// alike.
bool newer(const HeldSale* a, const HeldSale* b) {
  if (a->sale_date != b->sale_date) return later(a->sale_date, b->sale_date);
  if (a->document != b->document) return a->document > b->document;
  return std::tie(a->line_no, a->position) < std::tie(b->line_no, b->position);
}

bool newer_purchase(const HeldPurchase* a, const HeldPurchase* b) {
  if (a->purchase_date != b->purchase_date) return later(a->purchase_date, b->purchase_date);
  if (a->document != b->document) return a->document > b->document;
  return std::tie(a->line_no, a->position) < std::tie(b->line_no, b->position);
}

template <class Range, class Newer>
auto newest_of(Range range, Newer newer) -> decltype(&*range.first) {
  decltype(&*range.first) best = nullptr;
  for (auto it = range.first; it != range.second; ++it) {
    if (!best || newer(&*it, best)) best = &*it;
  }
  return best;
}

HeldSale unit_of(const SalesDocument& d, const SalesLine& l, std::string serial, std::int64_t quantity,
                 std::int32_t position) {
  HeldSale u;
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
  u.position = position;
  return u;
}

// Calls `each(unit)` for the units of a sales line: one per serial, or one for the whole line.
template <class Each>
void for_each_unit(const SalesDocument& d, const SalesLine& l, Each&& each) {
  if (l.serials.empty()) {
    each(unit_of(d, l, std::string(), l.quantity, 0));
    return;
  }
  for (std::size_t i = 0; i < l.serials.size(); ++i) each(unit_of(d, l, l.serials[i], 1, static_cast<std::int32_t>(i)));
}

// Held keys, one set for every kind: a letter for the kind, then the key's parts.
std::string serial_key_of(const std::string& serial) { return "s" + serial; }
std::string customer_key_of(const std::string& customer_id, const std::string& sku) {
  std::string k = "c" + customer_id;
  k += '\0';
  return k + sku;
}
std::string document_key_of(const std::string& document) { return "d" + document; }
std::string line_key_of(const std::string& document, std::int32_t line_no) {
  std::string k = "l" + document;
  k += '\0';
  return k + std::to_string(line_no);
}
std::string product_key_of(const std::string& sku) { return "p" + sku; }

}  // namespace

struct UnitRegistry::Containers {
  bool complete = false;
  // Held keys: a serial's flag is in its facts (the warranty check's one look-up); a product is
  // held when the catalogue has it; the other keys, and products found absent, are listed here.
  std::unordered_set<std::string> held;
  std::deque<std::string> absent;  // held keys that found nothing, oldest first

  SoldSet sold;
  PurchaseSet purchased;
  std::unordered_map<std::string, SerialFacts> serials;
  // The rarer facts SerialFacts points into (unordered_map nodes never move).
  std::unordered_map<std::string, std::vector<ExtendedWarranty>> contracts;
  std::unordered_map<std::string, store::Store::Replacement> replacements;
  std::unordered_map<std::string, Product> products;
  std::unordered_map<std::string, DocumentDiscount> document_discounts;  // only documents with one

  void hold(std::string key, bool found) {
    if (complete) return;
    if (!held.insert(key).second || found) return;
    absent.push_back(std::move(key));
  }

  void hold_serial(const std::string& serial) {
    if (complete) return;
    SerialFacts& f = serials[serial];
    f.held = true;
    if (!has_facts(f)) absent.push_back(serial_key_of(serial));
  }

  static bool has_facts(const SerialFacts& f) {
    return f.newest_sale || f.purchased || f.contracts || f.replacement || f.registration;
  }

  // The serial is no longer held; an entry that only said so goes.
  void forget_serial(const std::string& serial) {
    auto it = serials.find(serial);
    if (it == serials.end()) return;
    if (has_facts(it->second)) {
      it->second.held = false;
    } else {
      serials.erase(it);
    }
  }

  void forget(const std::string& key) {
    if (key.front() == 's') {
      forget_serial(key.substr(1));
    } else {
      held.erase(key);
    }
  }

  // A unit's keys are no longer held: its document changed.
  void forget_keys_of(const SoldUnit& u) {
    if (!u.serial.empty()) forget_serial(u.serial);
    held.erase(customer_key_of(u.customer_id, u.sku));
    held.erase(line_key_of(u.document, u.line_no));
  }

  // Adds a unit unless it is held already (then it is the same row: puts keep held rows current).
  void add_sale(HeldSale u, std::vector<std::string>& touched) {
    if (!u.serial.empty()) touched.push_back(u.serial);
    sold.insert(std::move(u));
  }

  void add_purchase(HeldPurchase p) { purchased.insert(std::move(p)); }

  // Points the serial's facts at `value`; no entry is made for nothing.
  template <class T>
  void point(const std::string& serial, const T* SerialFacts::*member, const T* value) {
    if (value) {
      serials[serial].*member = value;
    } else if (auto it = serials.find(serial); it != serials.end()) {
      it->second.*member = nullptr;
    }
  }

  // The newest sale (purchase) of `serial`, recomputed after its sales (purchases) changed.
  void refresh_newest(const std::string& serial) {
    point<SoldUnit>(serial, &SerialFacts::newest_sale, newest_of(sold.get<serial_key>().equal_range(serial), newer));
  }

  void refresh_newest_purchase(const std::string& serial) {
    point<PurchasedUnit>(serial, &SerialFacts::purchased,
                         newest_of(purchased.get<serial_key>().equal_range(serial), newer_purchase));
  }

  void refresh(std::vector<std::string>& touched) {
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (const std::string& serial : touched) refresh_newest(serial);
  }

  void set_discount(const SalesDocument& d) {
    document_discounts.erase(d.id);
    if (d.discount <= 0) return;
    DocumentDiscount discount{d.id, d.discount, {}};
    // Import validation keeps unit_price × quantity within int64 and each line's discount below it.
    for (const SalesLine& l : d.lines) discount.lines.push_back({l.line_no, l.unit_price * l.quantity - l.discount});
    document_discounts.emplace(d.id, std::move(discount));
  }
};

UnitRegistry::UnitRegistry() : c_(std::make_unique<Containers>()) {}
UnitRegistry::~UnitRegistry() = default;

void UnitRegistry::clear() { c_ = std::make_unique<Containers>(); }

void UnitRegistry::set_complete() {
  c_->complete = true;
  c_->held.clear();
  c_->absent.clear();
}

void UnitRegistry::trim() {
  while (c_->absent.size() > kMaxAbsentKeys) {
    c_->forget(c_->absent.front());
    c_->absent.pop_front();
  }
}

bool UnitRegistry::complete() const { return c_->complete; }

bool UnitRegistry::holds_serial(const std::string& serial) const {
  const SerialFacts* f = nullptr;
  return held_facts(serial, f);
}

bool UnitRegistry::held_facts(const std::string& serial, const SerialFacts*& facts) const {
  auto it = c_->serials.find(serial);
  facts = it == c_->serials.end() ? nullptr : &it->second;
  return c_->complete || (facts && facts->held);
}

bool UnitRegistry::holds_customer(const std::string& customer_id, const std::string& sku) const {
  return c_->complete || c_->held.count(customer_key_of(customer_id, sku)) != 0;
}

bool UnitRegistry::holds_document(const std::string& document) const {
  return c_->complete || c_->held.count(document_key_of(document)) != 0;
}

bool UnitRegistry::holds_line(const std::string& document, std::int32_t line_no) const {
  return holds_document(document) || c_->held.count(line_key_of(document, line_no)) != 0;
}

bool UnitRegistry::holds_product(const std::string& sku) const {
  return c_->complete || c_->products.count(sku) != 0 || c_->held.count(product_key_of(sku)) != 0;
}

void UnitRegistry::fill_serial(const std::string& serial, const SerialRecords& r) {
  std::vector<std::string> touched;
  for (const SalesDocument& d : r.sales) {
    for (const SalesLine& l : d.lines) {
      auto it = std::find(l.serials.begin(), l.serials.end(), serial);
      if (it == l.serials.end()) continue;
      c_->add_sale(unit_of(d, l, serial, 1, static_cast<std::int32_t>(it - l.serials.begin())), touched);
    }
  }
  c_->refresh(touched);
  bool bought = false;
  for (const PurchaseDocument& d : r.purchases) {
    for (const PurchaseLine& l : d.lines) {
      auto it = std::find(l.serials.begin(), l.serials.end(), serial);
      if (it == l.serials.end()) continue;
      c_->add_purchase(HeldPurchase{{serial, l.sku, d.supplier_id, d.id, d.date, l.unit_cost, d.currency},
                                    l.line_no, static_cast<std::int32_t>(it - l.serials.begin())});
      bought = true;
    }
  }
  if (bought) c_->refresh_newest_purchase(serial);
  if (!r.contracts.empty()) {
    auto& list = c_->contracts[serial];
    list = r.contracts;
    std::sort(list.begin(), list.end(),
              [](const ExtendedWarranty& a, const ExtendedWarranty& b) { return a.contract < b.contract; });
    c_->serials[serial].contracts = &list;
  }
  if (r.replacement) put_replacement(*r.replacement);
  if (r.registration) put_registration(serial, *r.registration);
  c_->hold_serial(serial);
}

void UnitRegistry::fill_customer(const std::string& customer_id, const std::string& sku,
                                 const std::vector<SalesDocument>& sales) {
  std::vector<std::string> touched;
  bool found = false;
  for (const SalesDocument& d : sales) {
    if (d.customer_id != customer_id) continue;
    for (const SalesLine& l : d.lines) {
      if (l.sku != sku) continue;
      for_each_unit(d, l, [&](HeldSale u) { c_->add_sale(std::move(u), touched); });
      found = true;
    }
  }
  c_->refresh(touched);
  c_->hold(customer_key_of(customer_id, sku), found);
}

void UnitRegistry::fill_document(const std::string& document, const std::optional<SalesDocument>& d) {
  if (d) {
    std::vector<std::string> touched;
    for (const SalesLine& l : d->lines) for_each_unit(*d, l, [&](HeldSale u) { c_->add_sale(std::move(u), touched); });
    c_->refresh(touched);
    c_->set_discount(*d);
  }
  c_->hold(document_key_of(document), d.has_value());
}

void UnitRegistry::fill_line(const std::string& document, std::int32_t line_no, const std::optional<SalesDocument>& d) {
  bool found = false;
  if (d) {
    std::vector<std::string> touched;
    for (const SalesLine& l : d->lines) {
      if (l.line_no != line_no) continue;
      for_each_unit(*d, l, [&](HeldSale u) { c_->add_sale(std::move(u), touched); });
      found = true;
    }
    c_->refresh(touched);
  }
  c_->hold(line_key_of(document, line_no), found);
}

void UnitRegistry::fill_product(const std::string& sku, const std::optional<Product>& p) {
  if (p) {
    c_->products[sku] = *p;
  } else {
    c_->hold(product_key_of(sku), false);
  }
}

// A complete registry takes the document in. One that holds only some keys lets go of the keys
// the document changes, old lines and new, instead: a feed of documents nobody asked about does
// not fill it, and the next look-up of such a key reads it again.
void UnitRegistry::put_sales_document(const SalesDocument& d) {
  auto& lines = c_->sold.get<document_line_key>();
  auto first = lines.lower_bound(std::make_tuple(d.id));
  auto last = lines.upper_bound(std::make_tuple(d.id));
  std::vector<std::string> touched;
  for (auto it = first; it != last; ++it) {
    if (!it->serial.empty()) touched.push_back(it->serial);
    if (!c_->complete) c_->forget_keys_of(*it);
  }
  lines.erase(first, last);
  if (c_->complete) {
    for (const SalesLine& l : d.lines) for_each_unit(d, l, [&](HeldSale u) { c_->add_sale(std::move(u), touched); });
    c_->set_discount(d);
  } else {
    for (const SalesLine& l : d.lines) for_each_unit(d, l, [&](const HeldSale& u) { c_->forget_keys_of(u); });
    c_->held.erase(document_key_of(d.id));
    c_->document_discounts.erase(d.id);
  }
  c_->refresh(touched);
}

const DocumentDiscount* UnitRegistry::document_discount(const std::string& document) const {
  auto it = c_->document_discounts.find(document);
  return it == c_->document_discounts.end() ? nullptr : &it->second;
}

// As put_sales_document: taken in when complete, else the serials it changes are let go.
void UnitRegistry::put_purchase_document(const PurchaseDocument& d) {
  auto& lines = c_->purchased.get<document_line_key>();
  auto first = lines.lower_bound(std::make_tuple(d.id));
  auto last = lines.upper_bound(std::make_tuple(d.id));
  std::vector<std::string> touched;
  for (auto it = first; it != last; ++it) touched.push_back(it->serial);
  lines.erase(first, last);
  for (const PurchaseLine& l : d.lines) {
    for (std::size_t i = 0; i < l.serials.size(); ++i) {
      if (c_->complete) {
        c_->add_purchase(HeldPurchase{{l.serials[i], l.sku, d.supplier_id, d.id, d.date, l.unit_cost, d.currency},
                                      l.line_no, static_cast<std::int32_t>(i)});
      }
      touched.push_back(l.serials[i]);
    }
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (const std::string& serial : touched) {
    if (!c_->complete) c_->forget_serial(serial);
    c_->refresh_newest_purchase(serial);
  }
}

void UnitRegistry::put_product(const Product& p) { c_->products[p.sku] = p; }

void UnitRegistry::put_extended_warranty(const ExtendedWarranty& w) {
  auto& list = c_->contracts[w.serial];
  const auto before = [](const ExtendedWarranty& x, const std::string& contract) { return x.contract < contract; };
  auto it = std::lower_bound(list.begin(), list.end(), w.contract, before);
  if (it != list.end() && it->contract == w.contract) {
    *it = w;
  } else {
    list.insert(it, w);
  }
  c_->serials[w.serial].contracts = &list;
}

void UnitRegistry::put_replacement(const store::Store::Replacement& r) {
  store::Store::Replacement& slot = c_->replacements[r.serial];
  slot = r;
  c_->serials[r.serial].replacement = &slot;
}

void UnitRegistry::put_registration(const std::string& serial, Date on) { c_->serials[serial].registration = on; }

const UnitRegistry::SerialFacts* UnitRegistry::facts(const std::string& serial) const {
  auto it = c_->serials.find(serial);
  return it == c_->serials.end() ? nullptr : &it->second;
}

namespace {

template <class Range>
std::vector<const SoldUnit*> newest_first(Range range) {
  std::vector<const HeldSale*> held;
  for (auto it = range.first; it != range.second; ++it) held.push_back(&*it);
  std::sort(held.begin(), held.end(), newer);
  return std::vector<const SoldUnit*>(held.begin(), held.end());
}

}  // namespace

std::vector<const SoldUnit*> UnitRegistry::by_serial(const std::string& serial) const {
  return newest_first(c_->sold.get<serial_key>().equal_range(serial));
}

const SoldUnit* UnitRegistry::newest_by_serial(const std::string& serial) const {
  const SerialFacts* f = facts(serial);
  return f ? f->newest_sale : nullptr;
}

std::vector<const SoldUnit*> UnitRegistry::by_customer(const std::string& customer_id, const std::string& sku) const {
  return newest_first(c_->sold.get<customer_sku_key>().equal_range(std::make_tuple(customer_id, sku)));
}

std::vector<const SoldUnit*> UnitRegistry::by_document(const std::string& document) const {
  std::vector<const SoldUnit*> out;
  auto range = c_->sold.get<document_line_key>().equal_range(std::make_tuple(document));
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

std::optional<Date> UnitRegistry::registration(const std::string& serial) const {
  const SerialFacts* f = facts(serial);
  return f ? f->registration : std::nullopt;
}

std::int64_t UnitRegistry::sold_units() const { return static_cast<std::int64_t>(c_->sold.size()); }

std::int64_t UnitRegistry::keys() const {
  std::int64_t n = static_cast<std::int64_t>(c_->held.size() + c_->products.size());
  for (const auto& entry : c_->serials) n += entry.second.held ? 1 : 0;
  return n;
}

}  // namespace rma::index
