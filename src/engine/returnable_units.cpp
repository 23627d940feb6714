// The quantity bound in the engine: each checked case line claims no more units of its sales
// line, and of its serial, than were sold minus what other lines claimed before it
// (domain/returnable_units, docs/warranty.md). Bodies run inside the frames of engine.cpp.
#include <algorithm>
#include <limits>

#include "engine/engine_impl.hpp"
#include "engine/warranty_module.hpp"

namespace rma {
namespace {

std::int64_t saturated_sum(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::int64_t>::max() : sum;
}

bool on_sales_line(const CaseLine& l, const SalesDocumentRef& ref) {
  return l.sales_document.document == ref.document && l.sales_document.line == ref.line;
}

}  // namespace

std::optional<WarrantyModule::UnitsOfLine> WarrantyModule::units_of_line(const Case& c, const CaseLine& line) {
  const SalesDocumentRef& ref = line.sales_document;
  if (ref.document.empty()) return std::nullopt;
  const std::vector<const SoldUnit*> units = registry().by_line(ref.document, ref.line);
  if (units.empty()) return std::nullopt;  // a document librma was never fed: nothing to count against

  UnitsOfLine out;
  out.on_line.what = "sales line " + ref.document + "/" + std::to_string(ref.line);
  const SoldUnit* unit = nullptr;  // the line's serial among the units sold, if it is one
  for (const SoldUnit* u : units) {
    out.on_line.sold = saturated_sum(out.on_line.sold, u->quantity);
    if (!line.serial.empty() && u->serial == line.serial) unit = u;
  }
  if (unit) out.of_serial = domain::SoldUnits{"unit " + unit->serial, unit->quantity, 0};
  const auto count = [&](const std::string& serial, std::int64_t claimed) {
    out.on_line.claimed_before = saturated_sum(out.on_line.claimed_before, claimed);
    if (out.of_serial && serial == unit->serial) {
      out.of_serial->claimed_before = saturated_sum(out.of_serial->claimed_before, claimed);
    }
  };
  // Cases opened earlier own the first units of a sales line, as in the valuation (a new case
  // has no id yet: every stored case is earlier); within a case, its earlier lines come first.
  const std::int64_t before_case = c.id == 0 ? std::numeric_limits<std::int64_t>::max() : c.id;
  for (const store::Store::EarlierReturn& r : e_.store->earlier_returns(ref.document, ref.line, before_case)) {
    count(r.serial, r.claimed);
  }
  for (const CaseLine& l : c.lines) {
    if (l.line_no == line.line_no) break;
    if (on_sales_line(l, ref)) count(l.serial, domain::claimed_units(l));
  }
  return out;
}

std::int64_t WarrantyModule::units_claimed_before(const Case& c, const CaseLine& line) {
  const std::optional<UnitsOfLine> units = units_of_line(c, line);
  return units ? units->on_line.claimed_before : 0;
}

void WarrantyModule::check_returnable_units(const Case& c, const std::vector<domain::QuantityFields>& checks) {
  for (const domain::QuantityFields& check : checks) {
    auto line = std::find_if(c.lines.begin(), c.lines.end(), [&](const CaseLine& l) { return l.line_no == check.line_no; });
    if (line == c.lines.end()) continue;
    const std::optional<UnitsOfLine> units = units_of_line(c, *line);
    if (!units) continue;
    domain::check_line_returnable(*line, check, units->on_line);
    if (units->of_serial) domain::check_line_returnable(*line, check, *units->of_serial);
  }
}

}  // namespace rma
