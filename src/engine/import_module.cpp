// engine/import_module.cpp — the ERP feed: parse, check against what is stored, write what changed.
#include "engine/import_module.hpp"

#include <unordered_map>
#include <variant>

#include "domain/import_parse.hpp"
#include "domain/import_unchanged.hpp"
#include "engine/engine_impl.hpp"

namespace rma {
namespace {

// Remembers which ids exist, so a large import asks the store once per distinct id.
class KnownIds {
 public:
  template <class Lookup>
  bool contains(const std::string& id, Lookup lookup) {
    auto it = known_.find(id);
    if (it == known_.end()) it = known_.emplace(id, lookup(id)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, bool> known_;
};

}  // namespace

ImportReport ImportModule::run(const Actor& by, ImportKind kind, ImportFormat format, std::string_view content,
                               const ImportOptions& options_in) {
  e_.require_staff(by, "import data");
  domain::ParsedImport parsed =
      domain::parse_import(kind, format, content, e_.options.limits, options_in.progress, options_in.progress_every);
  ImportReport report;
  report.rows_read = parsed.rows_read;
  domain::ImportErrorLog& errors = parsed.errors;  // listed up to the limit, all counted

  // Checks against what is stored: customers and suppliers named by documents must exist, and a
  // serialized product's line must list one serial per unit.
  KnownIds customers;
  KnownIds suppliers;
  UnitCache& reg = e_.warranty.registry();
  std::vector<const domain::ParsedRecord*> valid;
  for (const domain::ParsedRecord& r : parsed.records) {
    std::optional<ImportRowError> problem;
    if (const auto* d = std::get_if<SalesDocument>(&r.record)) {
      if (!customers.contains(d->customer_id, [&](const std::string& id) { return e_.store->find_customer(id).has_value(); })) {
        problem = ImportRowError{r.line, "customer_id", "no customer '" + d->customer_id + "'",
                                 status_name(Status::not_found)};
      }
      for (std::size_t i = 0; !problem && i < d->lines.size(); ++i) {
        const SalesLine& l = d->lines[i];
        const Product* p = reg.product(l.sku);
        if (p && p->serialized && static_cast<std::int64_t>(l.serials.size()) != l.quantity) {
          // CSV documents know each line's own row; JSON Lines name the line by its path.
          const bool csv = i < r.line_rows.size();
          problem = ImportRowError{csv ? r.line_rows[i] : r.line, csv ? "serials" : "lines[" + std::to_string(i) + "].serials",
                                   "'" + l.sku + "' is serialized: list one serial per unit (" +
                                       std::to_string(l.quantity) + ")",
                                   status_name(Status::invalid_argument)};
        }
      }
    } else if (const auto* p = std::get_if<PurchaseDocument>(&r.record)) {
      if (!suppliers.contains(p->supplier_id, [&](const std::string& id) { return e_.store->find_supplier(id).has_value(); })) {
        problem = ImportRowError{r.line, "supplier_id", "no supplier '" + p->supplier_id + "'",
                                 status_name(Status::not_found)};
      }
    }
    if (problem) {
      errors.add(std::move(*problem));
    } else {
      valid.push_back(&r);
    }
  }
  errors.fill(report);
  if (errors.total() > 0 && !options_in.skip_bad_rows) return report;  // atomic: nothing written

  const Timestamp at = e_.now();
  for (const domain::ParsedRecord* r : valid) {
    bool changed = true;
    if (const auto* c = std::get_if<Customer>(&r->record)) {
      auto old = e_.store->find_customer(c->id);
      changed = !old || !domain::same_record(*old, *c);
      // No event holds an imported record, so it needs no key yet (its first upsert makes one).
      if (changed) e_.store->put_customer(*c, at, std::string());
    } else if (const auto* p = std::get_if<Product>(&r->record)) {
      auto old = e_.store->find_product(p->sku);
      changed = !old || !domain::same_record(*old, *p);
      if (changed) {
        e_.store->put_product(*p, at);
        reg.put_product(*p);
      }
    } else if (const auto* s = std::get_if<Supplier>(&r->record)) {
      auto old = e_.store->find_supplier(s->id);
      changed = !old || !domain::same_record(*old, *s);
      if (changed) e_.store->put_supplier(*s, at);
    } else if (const auto* d = std::get_if<SalesDocument>(&r->record)) {
      auto old = e_.store->find_sales_document(d->id);
      changed = !old || !domain::same_record(*old, *d);
      if (changed) {
        e_.store->put_sales_document(*d, at, old.has_value());
        reg.put_sales_document(*d);
      }
    } else if (const auto* pd = std::get_if<PurchaseDocument>(&r->record)) {
      auto old = e_.store->find_purchase_document(pd->id);
      changed = !old || !domain::same_record(*old, *pd);
      if (changed) {
        e_.store->put_purchase_document(*pd, at);
        reg.put_purchase_document(*pd);
      }
    }
    if (changed) {
      ++report.records_written;
    } else {
      ++report.records_unchanged;
    }
  }
  e_.warranty.units_changed();
  if (kind == ImportKind::customers || kind == ImportKind::suppliers) {
    e_.operator_roles.clear();
    e_.customer_tiers.clear();
  }
  report.committed = true;
  // An import that changed nothing leaves no trace: importing a file twice changes nothing.
  if (report.records_written == 0) return report;
  e_.emit(nullptr, by, events::import_completed(kind, format, report));
  return report;
}

}  // namespace rma
