// rma/actor.hpp — who runs a command. Every engine command names its actor.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rma {

enum class Role { admin, operator_, customer, supplier, system };
const char* role_name(Role role) noexcept;                     // "operator"
std::optional<Role> role_from_name(std::string_view name) noexcept;

// An actor is a role plus an id: an operator's login, a customer's or supplier's id, or a name
// for automated jobs ("system:erp-sync"). Text form "role:id", as the C ABI and Python take it.
struct Actor {
  Role role = Role::system;
  std::string id;

  static Actor parse(std::string_view text);  // "operator:anna"; throws Error
  std::string to_string() const;
  bool is_staff() const { return role == Role::admin || role == Role::operator_ || role == Role::system; }
};

}  // namespace rma
