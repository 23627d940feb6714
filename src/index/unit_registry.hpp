// index/unit_registry.hpp — everything a warranty check needs, in memory: sold units (by serial,
// by customer and SKU, by document and line), purchased units, the catalogue, extended warranty
// contracts, replacements and registrations.
//
// A cache keyed by what was asked. The engine makes sure a key is held before it looks it up
// (engine/unit_cache.hpp): it reads what the store holds for the key and hands it over with one of
// the fill_* calls (engine/index_loading.hpp). A held key is complete: the registry holds every
// stored row it stands for, and the engine keeps it so with every write of its own (put_*), which
// may also bring in rows of keys not held. Nothing is ever held that the store does not hold, so
// a registry never grows past the full load (set_complete), after which every key is held. A key
// found absent is remembered as held too, but only the last kMaxAbsentKeys of them: the memory of
// look-ups that found nothing stays bounded however many a long-lived engine makes.
//
// Pointers handed out stay valid until clear(), trim() or a put_* of the document they belong to:
// filling a key never replaces rows already held. Not thread-safe: the engine serializes access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rma/product.hpp"
#include "rma/sales.hpp"
#include "rma/valuation.hpp"
#include "store/store.hpp"

namespace rma::index {

class UnitRegistry {
 public:
  // Keys found absent that trim() keeps; the older ones are forgotten (and asked again).
  static constexpr std::size_t kMaxAbsentKeys = 4096;

  UnitRegistry();
  ~UnitRegistry();
  UnitRegistry(const UnitRegistry&) = delete;
  UnitRegistry& operator=(const UnitRegistry&) = delete;

  // Forgets every row and key.
  void clear();
  // Every key is held from now on: called after the whole store was put (engine/index_loading).
  void set_complete();
  bool complete() const;
  // Forgets the oldest keys found absent beyond kMaxAbsentKeys; the engine calls it between
  // commands, when no pointer handed out is still in use.
  void trim();

  // Whether a look-up of the key may be answered from memory.
  bool holds_serial(const std::string& serial) const;
  bool holds_customer(const std::string& customer_id, const std::string& sku) const;
  bool holds_document(const std::string& document) const;
  bool holds_line(const std::string& document, std::int32_t line_no) const;  // or its document
  bool holds_product(const std::string& sku) const;

  // What the store holds for one key; afterwards the key is held. Documents may carry lines or
  // serials beyond the key's: only the key's units are taken.
  struct SerialRecords {
    std::vector<SalesDocument> sales;         // documents selling it, with (at least) the lines listing it
    std::vector<PurchaseDocument> purchases;  // the same for our purchases
    std::vector<ExtendedWarranty> contracts;
    std::optional<store::Store::Replacement> replacement;  // if it replaced another unit
    std::optional<Date> registration;
  };
  void fill_serial(const std::string& serial, const SerialRecords& records);
  void fill_customer(const std::string& customer_id, const std::string& sku, const std::vector<SalesDocument>& sales);
  void fill_document(const std::string& document, const std::optional<SalesDocument>& d);
  void fill_line(const std::string& document, std::int32_t line_no, const std::optional<SalesDocument>& d);
  void fill_product(const std::string& sku, const std::optional<Product>& p);

  // This engine's writes (and the full load): each replaces whatever the registry held of the same
  // document, product, contract, unit, and leaves every held key complete.
  void put_sales_document(const SalesDocument& d);
  void put_purchase_document(const PurchaseDocument& d);
  void put_product(const Product& p);
  void put_extended_warranty(const ExtendedWarranty& w);
  void put_replacement(const store::Store::Replacement& r);
  void put_registration(const std::string& serial, Date on);

  // Everything known about one serial, found with one look-up (the warranty check's hot path).
  // Kept small, with pointers to the rarer facts, so that a million of them stay cache friendly.
  struct SerialFacts {
    const SoldUnit* newest_sale = nullptr;
    const PurchasedUnit* purchased = nullptr;  // the newest purchase
    const std::vector<ExtendedWarranty>* contracts = nullptr;  // by contract id
    const store::Store::Replacement* replacement = nullptr;  // set if this serial replaced another
    std::optional<Date> registration;
    bool held = false;  // the registry holds every stored fact about the serial
  };
  // The look-ups below answer for held keys only (the engine asks holds_* first).
  const SerialFacts* facts(const std::string& serial) const;
  // holds_serial and facts with one look-up: whether the serial is held; `facts` is set to its
  // facts, or nullptr. A serial found absent may have facts with nothing in them.
  bool held_facts(const std::string& serial, const SerialFacts*& facts) const;

  // Newest sale first (then document, line and place on the line, so every mode lists alike).
  std::vector<const SoldUnit*> by_serial(const std::string& serial) const;
  const SoldUnit* newest_by_serial(const std::string& serial) const;
  std::vector<const SoldUnit*> by_customer(const std::string& customer_id, const std::string& sku) const;
  // In line order, serials in the order the line lists them.
  std::vector<const SoldUnit*> by_document(const std::string& document) const;
  // The units of one sales line (one per serial, or one for the whole line).
  std::vector<const SoldUnit*> by_line(const std::string& document, std::int32_t line_no) const;
  // A sales document's discount with each line's total after its own discount (the weights it
  // is shared by); nullptr when the document has no discount. Needs the document held.
  const DocumentDiscount* document_discount(const std::string& document) const;

  const PurchasedUnit* purchased(const std::string& serial) const;
  const Product* product(const std::string& sku) const;
  std::vector<ExtendedWarranty> contracts(const std::string& serial) const;
  const store::Store::Replacement* replacement_of(const std::string& serial) const;  // serial is the new unit
  std::optional<Date> registration(const std::string& serial) const;

  // Sold units held (one per serial, one per quantity line) and keys held.
  std::int64_t sold_units() const;
  std::int64_t keys() const;

 private:
  struct Containers;
  std::unique_ptr<Containers> c_;
};

}  // namespace rma::index
