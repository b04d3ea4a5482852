#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "users/user.hpp"

namespace emporium::users {

struct ApiKey {
  std::string id;
  std::string user_id;
  std::string name;
  std::string prefix;
  Timestamp created_at;
  std::optional<Timestamp> last_used_at;
};

// What authenticating with a key needs: its owner as they are now.
struct ApiKeyGrant {
  std::string key_id;
  std::string user_id;
  Role role = Role::Customer;
  bool usable = false;  // not revoked, owner not disabled
};

class ApiKeyStore {
 public:
  static void insert(storage::Connection& connection, const ApiKey& key, std::string_view key_hash);
  static std::vector<ApiKey> list_active(storage::Connection& connection, std::string_view user_id);
  static std::int64_t count_active(storage::Connection& connection, std::string_view user_id);
  // False when the key does not exist, is not the user's, or was already revoked.
  static bool revoke(storage::Connection& connection, std::string_view key_id, std::string_view user_id, Timestamp now);
  static void revoke_all(storage::Connection& connection, std::string_view user_id, Timestamp now);
  static std::optional<ApiKeyGrant> find_grant(storage::Connection& connection, std::string_view key_hash);
  static void touch(storage::Connection& connection, std::string_view key_id, Timestamp now);
};

}  // namespace emporium::users
