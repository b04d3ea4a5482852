#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/problem.hpp"
#include "users/address.hpp"
#include "users/users_context.hpp"

namespace emporium::users {

// A user's address book: at most kMaxAddresses entries, at most one default shipping and one default billing
// address. Each public method is one transaction; every lookup is scoped to the owner, so another user's
// address id (or an unknown one) is a 404 like a missing one, without telling which.
//
// Rules:
// - Input is normalised first (normalised_address), then validated (address_errors): 422 with every error.
// - Creating the 21st address is a 409 `address_limit_reached`, also when many creates race.
// - The first address of an empty address book becomes the default shipping and billing address, unless the
//   input says false explicitly; later addresses are defaults only when they say so (absent means false).
// - Setting a default (on create or replace) takes the flag from the previous default of that kind in the same
//   transaction. Replacing is a full replace: absent default flags mean false, so a replace without them
//   leaves the address no longer a default.
// - Deleting the default address leaves the user without one: no other address is promoted.
class AddressService {
 public:
  static constexpr std::int64_t kMaxAddresses = 20;

  explicit AddressService(UsersContext& context) : context_(context) {}

  // In order of creation.
  std::vector<Address> list(const std::string& user_id);
  Result<Address> get(const std::string& user_id, const std::string& address_id);
  Result<Address> create(const std::string& user_id, AddressInput input);
  Result<Address> replace(const std::string& user_id, const std::string& address_id, AddressInput input);
  Result<void> remove(const std::string& user_id, const std::string& address_id);

  // For other domains (orders): the user's address, if it is theirs.
  std::optional<Address> find_for_user(const std::string& user_id, const std::string& address_id);
  std::optional<Address> default_shipping(const std::string& user_id);

 private:
  UsersContext& context_;
};

// Trims every text; optional texts left empty become absent; the country code is upper-cased.
AddressInput normalised_address(AddressInput input);

// Every rule a normalised input breaks, named by JSON field ("fullName", "postalCode", …); empty when valid.
// Lengths are in characters: fullName 1–100, line1 1–200, line2 ≤ 200, city 1–100, region ≤ 100, label ≤ 50;
// postalCode ≤ 20 of letters, digits, spaces and hyphens; phone ≤ 30 of digits, spaces and + ( ) - . with at
// least one digit; country an assigned ISO 3166-1 alpha-2 code. No text may hold control characters.
std::vector<FieldError> address_errors(const AddressInput& input);

}  // namespace emporium::users
