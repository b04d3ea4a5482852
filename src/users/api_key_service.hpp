#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/principal.hpp"
#include "support/problem.hpp"
#include "users/api_key_store.hpp"
#include "users/credential_cache.hpp"
#include "users/users_context.hpp"

namespace emporium::users {

struct CreatedApiKey {
  ApiKey key;
  std::string secret;  // "ek_live_…": shown once, stored only as a hash
};

// API keys for server-to-server use. A key acts with its owner's current role. Managing keys needs a
// logged-in session: a leaked key cannot mint or hide other keys.
class ApiKeyService {
 public:
  static constexpr std::string_view kSecretPrefix = "ek_live_";
  static constexpr std::int64_t kMaxKeysPerUser = 20;

  ApiKeyService(UsersContext& context, ApiKeyCache& cache);

  Result<CreatedApiKey> create(const http::Principal& owner, std::string name, const ClientInfo& client);
  Result<std::vector<ApiKey>> list(const http::Principal& owner);
  Result<void> revoke(const http::Principal& owner, const std::string& key_id, const ClientInfo& client);
  // The principal a key acts as, or nullopt for an unknown, revoked or disowned key.
  std::optional<http::Principal> authenticate(std::string_view secret);

 private:
  void note_use(const std::string& key_id);

  UsersContext& context_;
  ApiKeyCache& cache_;
  std::mutex last_used_mutex_;
  std::unordered_map<std::string, Timestamp> last_used_written_;
};

}  // namespace emporium::users
