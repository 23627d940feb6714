#include "domain/decision_lock.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace rma::domain {
namespace {

template <class T>
bool changes(const std::optional<T>& value, const T& current) {
  return value && !(*value == current);
}

// The first member of line patch `lp` that changes line `l`, or nullptr.
const char* locked_line_member(const CaseLine& l, const LinePatch& lp) {
  if (changes(lp.qty_authorized, l.qty_authorized)) return "qty_authorized";
  if (changes(lp.qty_received, l.qty_received)) return "qty_received";
  if (changes(lp.qty_accepted, l.qty_accepted)) return "qty_accepted";
  if (changes(lp.reason_code, l.reason_code)) return "reason_code";
  if (changes(lp.condition, l.condition)) return "condition";
  if (changes(lp.void_conditions, l.void_conditions)) return "void_conditions";
  if (lp.unused && l.unused != lp.unused) return "unused";
  if (lp.original_packaging && l.original_packaging != lp.original_packaging) return "original_packaging";
  if (lp.accessories_complete && l.accessories_complete != lp.accessories_complete) return "accessories_complete";
  if (changes(lp.claimed_amount, l.claimed_amount)) return "claimed_amount";
  return nullptr;
}

}  // namespace

std::optional<std::string> locked_patch_member(const Case& c, const CasePatch& patch) {
  if (changes(patch.resolution, c.resolution)) return std::string("changes.resolution");
  for (std::size_t i = 0; i < patch.lines.size(); ++i) {
    const LinePatch& lp = patch.lines[i];
    const auto l = std::find_if(c.lines.begin(), c.lines.end(), [&](const CaseLine& x) { return x.line_no == lp.line_no; });
    if (l == c.lines.end()) continue;
    if (const char* member = locked_line_member(*l, lp)) {
      return "changes.lines[" + std::to_string(i) + "]." + member;
    }
  }
  return std::nullopt;
}

bool supplier_recoverable(const std::string& verdict) {
  if (verdict.empty()) return false;
  const nlohmann::json v = nlohmann::json::parse(verdict);
  const auto it = v.find("supplier_recoverable");
  return it != v.end() && it->is_boolean() && it->get<bool>();
}

bool verdict_changes_value(const std::string& before, const std::string& after) {
  return supplier_recoverable(before) != supplier_recoverable(after);
}

bool keeps_valuation(const Case& c, bool decides) { return c.decision_locked && !decides; }

}  // namespace rma::domain
