#pragma once

#include <optional>
#include <string>

#include "support/clock.hpp"

namespace emporium::users {

// One entry of a user's address book. Optional text fields are absent (never empty strings).
struct Address {
  std::string id = {};
  std::string user_id = {};
  std::optional<std::string> label = {};  // "Home", "Office"
  std::string full_name = {};
  std::string line1 = {};
  std::optional<std::string> line2 = {};
  std::string city = {};
  std::optional<std::string> region = {};  // state, province, county
  std::optional<std::string> postal_code = {};
  std::string country = {};  // ISO 3166-1 alpha-2, upper case
  std::optional<std::string> phone = {};
  bool is_default_shipping = false;
  bool is_default_billing = false;
  Timestamp created_at = {};
  Timestamp updated_at = {};
};

// What a client sends to create an address or to replace one (PUT: every field again). An absent default flag
// means false, except on a user's first address (see AddressService::create).
struct AddressInput {
  std::optional<std::string> label = {};
  std::string full_name = {};
  std::string line1 = {};
  std::optional<std::string> line2 = {};
  std::string city = {};
  std::optional<std::string> region = {};
  std::optional<std::string> postal_code = {};
  std::string country = {};
  std::optional<std::string> phone = {};
  std::optional<bool> is_default_shipping = {};
  std::optional<bool> is_default_billing = {};
};

}  // namespace emporium::users
