// engine/customer_tiers.hpp — the tier of each customer the SLA clocks asked for, so that a
// command moving a case's clocks does not read its customer's row again.
//
// Cleared wherever customers may have changed, as the operators' roles are: this engine's own
// upsert or import, another process's commit (the engine's sync), a rolled-back command. Bounded
// the simple way: a cache that grew past its capacity starts over.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace rma {

class CustomerTiers {
 public:
  static constexpr std::size_t kCapacity = 4096;

  // The tier of customer `id`; `load(id)` gives it when it is not kept (empty: no tier or no
  // such customer).
  template <class Load>
  const std::string& get(const std::string& id, Load load) {
    auto it = tiers_.find(id);
    if (it != tiers_.end()) return it->second;
    if (tiers_.size() >= kCapacity) tiers_.clear();
    return tiers_.emplace(id, load(id)).first->second;
  }
  void erase(const std::string& id) { tiers_.erase(id); }
  void clear() noexcept { tiers_.clear(); }

 private:
  std::unordered_map<std::string, std::string> tiers_;
};

}  // namespace rma
