#include "http/principal.hpp"

#include "http/route.hpp"

namespace emporium::http {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::Customer:
      return "customer";
    case Role::Vendor:
      return "vendor";
    case Role::Admin:
      return "admin";
  }
  return "customer";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (const auto role : {Role::Customer, Role::Vendor, Role::Admin}) {
    if (text == to_string(role)) return role;
  }
  return std::nullopt;
}

bool Access::allows(Role role) const {
  switch (kind) {
    case Kind::Public:
    case Kind::OwnCredentials:
    case Kind::Authenticated:
      return true;
    case Kind::Roles:
      for (const auto allowed : roles) {
        if (allowed == role) return true;
      }
      return false;
  }
  return false;
}

}  // namespace emporium::http
