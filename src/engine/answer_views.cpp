// engine/answer_views.cpp — C++ values in the asker's view (see answer_views.hpp).
#include "engine/answer_views.hpp"

#include <limits>
#include <utility>

#include "domain/views.hpp"
#include "json/case.hpp"
#include "json/event.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"

namespace rma {

namespace {

using domain::Audience;
using domain::Document;

// What librma itself encoded decodes without size limits.
Limits unlimited() {
  Limits l;
  l.max_text_bytes = std::numeric_limits<std::int64_t>::max();
  l.max_note_bytes = l.max_text_bytes;
  return l;
}

nlohmann::json viewed(nlohmann::json document, Document kind, Audience audience) {
  domain::apply_view(document, kind, audience);
  return document;
}

}  // namespace

Case claimant_view(const Case& c) {
  return codec::case_from_json(viewed(codec::to_json_value(c), Document::case_, Audience::claimant));
}

Case seen_by(const Actor& by, Case c) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return c;
  return codec::case_from_json(viewed(codec::to_json_value(c), Document::case_, audience));
}

SplitResult seen_by(const Actor& by, SplitResult result) {
  return SplitResult{seen_by(by, std::move(result.original)), seen_by(by, std::move(result.created))};
}

Customer seen_by(const Actor& by, Customer customer) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return customer;
  // The id is the key a decoder needs; the view keeps it for whoever may read the record.
  nlohmann::json doc = viewed(codec::to_json_value(customer), Document::customer, audience);
  doc["id"] = customer.id;
  return codec::customer_from_json(doc, unlimited());
}

Supplier seen_by(const Actor& by, Supplier supplier) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return supplier;
  nlohmann::json doc = viewed(codec::to_json_value(supplier), Document::supplier, audience);
  doc["id"] = supplier.id;
  return codec::supplier_from_json(doc, unlimited());
}

Product seen_by(const Actor& by, Product product) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return product;
  nlohmann::json doc = viewed(codec::to_json_value(product), Document::product, audience);
  doc["sku"] = product.sku;
  return codec::product_from_json(doc, unlimited());
}

// ---- Values without a decoder: copied from the same allow-lists (views.cpp) ----------------------

CasePage seen_by(const Actor& by, CasePage page) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return page;
  CasePage out;
  out.total = page.total;
  out.total_exact = page.total_exact;
  out.next_cursor = page.next_cursor;
  for (const CaseSummary& s : page.items) {
    CaseSummary v;
    v.id = s.id;
    v.number = s.number;
    v.kind = s.kind;
    v.category = s.category;
    v.channel = s.channel;
    if (audience == Audience::claimant) v.customer_id = s.customer_id;
    v.status = s.status;
    v.priority = s.priority;
    v.created_at = s.created_at;
    v.updated_at = s.updated_at;
    v.version = s.version;
    out.items.push_back(std::move(v));
  }
  return out;
}

std::vector<SoldUnit> seen_by(const Actor& by, std::vector<SoldUnit> units) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return units;
  std::vector<SoldUnit> out;
  if (audience != Audience::claimant) return out;
  for (const SoldUnit& u : units) {
    SoldUnit v;
    v.serial = u.serial;
    v.sku = u.sku;
    v.customer_id = u.customer_id;
    v.document = u.document;
    v.line_no = u.line_no;
    v.quantity = u.quantity;
    v.sale_date = u.sale_date;
    v.delivery_date = u.delivery_date;
    v.channel = u.channel;
    v.distance_sale = u.distance_sale;
    v.currency = u.currency;
    v.unit_price = u.unit_price;
    v.vat_rate_bp = u.vat_rate_bp;
    v.line_discount = u.line_discount;
    v.lot = u.lot;
    v.dispatch_document = u.dispatch_document;
    out.push_back(std::move(v));
  }
  return out;
}

SalesDocument seen_by(const Actor& by, SalesDocument d) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return d;
  SalesDocument v;
  v.currency.clear();
  if (audience != Audience::claimant) return v;
  v.id = d.id;
  v.date = d.date;
  v.delivery_date = d.delivery_date;
  v.customer_id = d.customer_id;
  v.channel = d.channel;
  v.distance_sale = d.distance_sale;
  v.currency = d.currency;
  v.discount = d.discount;
  for (const SalesLine& l : d.lines) {
    SalesLine line;
    line.line_no = l.line_no;
    line.sku = l.sku;
    line.quantity = l.quantity;
    line.unit_price = l.unit_price;
    line.vat_rate_bp = l.vat_rate_bp;
    line.discount = l.discount;
    line.serials = l.serials;
    line.lot = l.lot;
    line.dispatch_document = l.dispatch_document;
    v.lines.push_back(std::move(line));
  }
  return v;
}

PurchaseDocument seen_by(const Actor& by, PurchaseDocument d) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return d;
  PurchaseDocument v;
  if (audience != Audience::supplier) return v;
  v.id = d.id;
  v.date = d.date;
  v.supplier_id = d.supplier_id;
  v.currency = d.currency;
  for (const PurchaseLine& l : d.lines) {
    PurchaseLine line;
    line.line_no = l.line_no;
    line.sku = l.sku;
    line.quantity = l.quantity;
    line.unit_cost = l.unit_cost;
    line.serials = l.serials;
    v.lines.push_back(std::move(line));
  }
  return v;
}

WarrantyVerdict seen_by(const Actor& by, WarrantyVerdict w) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return w;
  WarrantyVerdict v;
  if (audience != Audience::claimant) return v;
  v.covered = w.covered;
  v.coverage = w.coverage;
  v.expires = w.expires;
  v.days_remaining = w.days_remaining;
  v.presumption_until = w.presumption_until;
  v.reasons = w.reasons;
  v.today = w.today;
  v.sale_date = w.sale_date;
  v.delivery_date = w.delivery_date;
  v.start_date = w.start_date;
  v.document = w.document;
  v.manufacturer_expires = w.manufacturer_expires;
  v.legal_expires = w.legal_expires;
  v.extended_expires = w.extended_expires;
  v.periods = w.periods;
  return v;
}

Eligibility seen_by(const Actor& by, Eligibility e) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return e;
  Eligibility v;
  if (audience != Audience::claimant) return v;
  v.outcome = e.outcome;
  return v;
}

std::vector<TransitionOption> seen_by(const Actor& by, std::vector<TransitionOption> options) {
  if (domain::audience_of(by) == Audience::staff) return options;
  std::vector<TransitionOption> out;
  for (const TransitionOption& o : options) {
    TransitionOption v;
    v.name = o.name;
    v.label = o.label;
    v.to = o.to;
    v.available = o.available;
    for (const Denial& d : o.denials) v.denials.push_back(Denial{d.kind, d.code, std::string()});
    out.push_back(std::move(v));
  }
  return out;
}

CaseSla seen_by(const Actor& by, CaseSla sla) {
  if (domain::audience_of(by) == Audience::staff) return sla;
  CaseSla v;
  v.expected_completion = sla.expected_completion;
  return v;
}

std::optional<Event> event_seen_by(const Actor& by, const Event& event) {
  const Audience audience = domain::audience_of(by);
  if (audience == Audience::staff) return event;
  const std::optional<nlohmann::json> shown = domain::event_view(codec::to_json_value(event), audience);
  if (!shown) return std::nullopt;
  Event out;
  out.seq = event.seq;
  out.case_id = event.case_id;
  out.case_number = event.case_number;
  out.at = event.at;
  out.type = event.type;
  out.data = codec::dump_json(shown->at("data"));
  return out;
}

}  // namespace rma
