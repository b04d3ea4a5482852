#pragma once

#include <optional>
#include <string>

#include "http/principal.hpp"
#include "support/clock.hpp"

namespace emporium::users {

using http::Role;

struct Preferences {
  bool email_order_updates = true;
  bool marketing_emails = false;
  std::string language = "en";
  std::string currency = "USD";
};

// An account. The password hash never leaves the users domain.
struct User {
  std::string id;
  std::string email;
  std::string name;
  Role role = Role::Customer;
  bool disabled = false;
  Preferences preferences;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> deleted_at;
};

}  // namespace emporium::users
