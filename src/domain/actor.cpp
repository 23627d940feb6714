#include "rma/actor.hpp"

#include <string>

#include "domain/quoted.hpp"
#include "json/utf8.hpp"
#include "rma/error.hpp"

namespace rma {

namespace {

constexpr std::size_t max_id_bytes = 256;

using detail::quoted;

}  // namespace

const char* role_name(Role role) noexcept {
  switch (role) {
    case Role::admin: return "admin";
    case Role::operator_: return "operator";
    case Role::customer: return "customer";
    case Role::supplier: return "supplier";
    case Role::system: return "system";
  }
  return "unknown";
}

std::optional<Role> role_from_name(std::string_view name) noexcept {
  for (Role role : {Role::admin, Role::operator_, Role::customer, Role::supplier, Role::system})
    if (name == role_name(role)) return role;
  return std::nullopt;
}

Actor Actor::parse(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos)
    throw Error(Status::invalid_argument, "actor", quoted(text) + " is not \"role:id\" (no colon)");
  const std::string_view role_text = text.substr(0, colon);
  // The id is everything after the first colon, so ids may contain colons ("system:erp:sync").
  const std::string_view id = text.substr(colon + 1);
  const std::optional<Role> role = role_from_name(role_text);
  if (!role)
    throw Error(Status::unknown_value, "actor",
                "unknown role " + quoted(role_text) + "; expected admin, operator, customer, supplier or system");
  if (id.empty()) throw Error(Status::invalid_argument, "actor", quoted(text) + " has an empty id");
  if (id.size() > max_id_bytes)
    throw Error(Status::too_large, "actor",
                "the id is " + std::to_string(id.size()) + " bytes; at most 256 are allowed");
  if (!detail::is_valid_utf8(id)) throw Error(Status::invalid_utf8, "actor", "the id is not valid UTF-8");
  for (std::size_t i = 0; i < id.size(); ++i) {
    const auto byte = static_cast<unsigned char>(id[i]);
    // C0 controls, DEL, and C1 controls (U+0080..U+009F, encoded C2 80..C2 9F).
    const bool c1 = byte == 0xC2 && i + 1 < id.size() && static_cast<unsigned char>(id[i + 1]) <= 0x9F;
    if (byte < 0x20 || byte == 0x7F || c1)
      throw Error(Status::invalid_argument, "actor",
                  "the id contains a control character at byte " + std::to_string(i));
  }
  return Actor{*role, std::string(id)};
}

std::string Actor::to_string() const { return std::string(role_name(role)) + ":" + id; }

}  // namespace rma
