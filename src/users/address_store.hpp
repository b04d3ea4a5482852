#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "storage/database.hpp"
#include "users/address.hpp"

namespace emporium::users {

// The SQL of the addresses table, one function per statement. Every lookup is scoped to its owner: an address
// id alone never finds anything.
class AddressStore {
 public:
  // Locks the owner's users row until the transaction ends (a no-op UPDATE, valid on both backends), so that the
  // address-book writes of one user run one after another. False when there is no such live (undeleted) user.
  static bool lock_owner(storage::Connection& connection, std::string_view user_id);

  static void insert(storage::Connection& connection, const Address& address);
  // Replaces every field but id, user_id and created_at. False when the user has no such address.
  static bool update(storage::Connection& connection, const Address& address);
  static bool remove(storage::Connection& connection, std::string_view user_id, std::string_view id);
  // Every address of the user, locking the owner row first (see lock_owner) so that a concurrent create cannot
  // slip in between; for account deletion.
  static void delete_all_for_user(storage::Connection& connection, std::string_view user_id);

  static std::optional<Address> find(storage::Connection& connection, std::string_view user_id, std::string_view id);
  // In order of creation.
  static std::vector<Address> list(storage::Connection& connection, std::string_view user_id);
  static std::int64_t count(storage::Connection& connection, std::string_view user_id);
  static std::optional<Address> default_shipping(storage::Connection& connection, std::string_view user_id);

  // Take the default flag of that kind from whichever of the user's addresses other than `except_id` has it:
  // the partial unique indexes refuse a second default, so this runs before the new one is set.
  static void clear_default_shipping(storage::Connection& connection, std::string_view user_id,
                                     std::string_view except_id, Timestamp now);
  static void clear_default_billing(storage::Connection& connection, std::string_view user_id,
                                    std::string_view except_id, Timestamp now);
};

}  // namespace emporium::users
