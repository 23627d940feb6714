// rma/sales.hpp — what the ERP knows about what we sold and bought: sales documents, purchase
// documents, and the sold units derived from them.
//
// Documents are upserted by their external id (the ERP's document number): importing the same
// document again replaces it and changes nothing if it is equal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rma/case.hpp"
#include "rma/time.hpp"

namespace rma {

struct SalesLine {
  std::int32_t line_no = 0;  // 1-based within the document
  std::string sku;
  std::int64_t quantity = 0;            // ≥ 1
  std::int64_t unit_price = 0;          // minor units of the document currency (cents), net of VAT
  std::int32_t vat_rate_bp = 0;         // VAT in basis points: 2200 = 22.00 %
  // Net discount on the whole line, minor units, 0 to unit_price × quantity: a refund gives
  // back what was paid, so each returned unit carries its slice of it.
  std::int64_t discount = 0;
  std::vector<std::string> serials;     // one per unit for serialized products, else empty
  std::string lot;
  std::string dispatch_document;        // delivery note number
  std::vector<std::string> packers;     // who packed it
};

struct SalesDocument {
  std::string id;  // the ERP's document number, unique
  Date date;       // the date on the document, in the seller's calendar
  std::optional<Date> delivery_date;  // absent: not delivered (yet)
  std::string customer_id;
  Channel channel = Channel::b2c;
  bool distance_sale = true;  // sold online or by phone: the withdrawal window applies
  std::string currency = "EUR";  // ISO 4217
  std::string jurisdiction;      // ISO 3166-1 country whose consumer law applies, e.g. "IT"
  // Net discount on the whole document, minor units, 0 to the lines' total after their own
  // discounts; the valuation shares it over the lines in proportion to those totals.
  std::int64_t discount = 0;
  std::vector<SalesLine> lines;
};

struct PurchaseLine {
  std::int32_t line_no = 0;
  std::string sku;
  std::int64_t quantity = 0;
  std::int64_t unit_cost = 0;  // minor units of the document currency
  std::vector<std::string> serials;
};

// A document from our supplier: the start of back-to-back warranty recovery.
struct PurchaseDocument {
  std::string id;
  Date date;
  std::string supplier_id;
  std::string currency = "EUR";
  std::vector<PurchaseLine> lines;
};

// One sold unit (a serial), or the whole line of a non-serialized product (serial empty).
struct SoldUnit {
  std::string serial;
  std::string sku;
  std::string customer_id;
  std::string document;     // sales document id
  std::int32_t line_no = 0;
  std::int64_t quantity = 1;  // 1 for a serial, the line quantity otherwise
  Date sale_date;
  std::optional<Date> delivery_date;
  Channel channel = Channel::b2c;
  bool distance_sale = true;
  std::string jurisdiction;
  std::string currency;
  std::int64_t unit_price = 0;
  std::int32_t vat_rate_bp = 0;
  std::int64_t line_discount = 0;  // SalesLine::discount of the whole line, not of this unit
  std::string lot;
  std::string dispatch_document;
  std::vector<std::string> packers;
};

// Where a serial came from on the purchase side.
struct PurchasedUnit {
  std::string serial;
  std::string sku;
  std::string supplier_id;
  std::string document;
  Date purchase_date;
  std::int64_t unit_cost = 0;
  std::string currency;
};

// An extended warranty contract on one serial, valid from `start` to `end` inclusive.
struct ExtendedWarranty {
  std::string serial;
  std::string contract;  // the contract number
  Date start;
  Date end;
  std::string coverage;  // "full", "parts", "labour", or the host's own word
};

}  // namespace rma
