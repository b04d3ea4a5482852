#include "users/api_key_service.hpp"

#include "support/crypto.hpp"
#include "support/random.hpp"
#include "users/user_store.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {
namespace {
// last_used_at is for humans ("used 3 minutes ago"): writing it more often than this would put a database
// write on every authenticated request.
constexpr auto kLastUsedResolution = std::chrono::minutes(1);
}  // namespace

ApiKeyService::ApiKeyService(UsersContext& context, ApiKeyCache& cache) : context_(context), cache_(cache) {}

Result<CreatedApiKey> ApiKeyService::create(const http::Principal& owner, std::string name, const ClientInfo& client) {
  if (!owner.api_key_id.empty()) return errors::api_key_not_allowed();
  CreatedApiKey created;
  created.secret = std::string(kSecretPrefix) + random_token(32);
  created.key = {context_.ids.next("key"),     owner.user_id,        std::move(name),
                 created.secret.substr(0, 12), context_.clock.now(), std::nullopt};
  return storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<CreatedApiKey> {
        // The owner's row lock serialises concurrent creates, so the count below sees every committed key.
        if (!UserStore::lock_live_user(connection, owner.user_id)) return errors::user_not_found();
        if (ApiKeyStore::count_active(connection, owner.user_id) >= kMaxKeysPerUser)
          return errors::limit_reached("api_key_limit_reached", "At most 20 active API keys per user.");
        ApiKeyStore::insert(connection, created.key, sha256_hex(created.secret));
        context_.audit.record(
            connection,
            {owner.user_id, "api_key.created", "api_key", created.key.id, {{"name", created.key.name}}, client.ip});
        return created;
      });
}

Result<std::vector<ApiKey>> ApiKeyService::list(const http::Principal& owner) {
  if (!owner.api_key_id.empty()) return errors::api_key_not_allowed();
  return storage::with_connection(context_.database, [&](storage::Connection& connection) {
    return ApiKeyStore::list_active(connection, owner.user_id);
  });
}

Result<void> ApiKeyService::revoke(const http::Principal& owner, const std::string& key_id, const ClientInfo& client) {
  if (!owner.api_key_id.empty()) return errors::api_key_not_allowed();
  auto result = storage::transact(
      context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<void> {
        if (!ApiKeyStore::revoke(connection, key_id, owner.user_id, context_.clock.now()))
          return problems::not_found("No such API key.");
        context_.audit.record(connection, {owner.user_id, "api_key.revoked", "api_key", key_id, {}, client.ip});
        return {};
      });
  if (result) cache_.forget_all();
  return result;
}

std::optional<http::Principal> ApiKeyService::authenticate(std::string_view secret) {
  if (!secret.starts_with(kSecretPrefix) || secret.size() > 128) return std::nullopt;
  const auto hash = sha256_hex(secret);
  if (auto cached = cache_.find(hash)) {
    note_use(cached->api_key_id);
    return cached;
  }
  const auto grant = storage::with_connection(
      context_.database, [&](storage::Connection& connection) { return ApiKeyStore::find_grant(connection, hash); });
  if (!grant || !grant->usable) return std::nullopt;
  const http::Principal principal{grant->user_id, grant->role, "", grant->key_id};
  cache_.remember(hash, principal);
  note_use(grant->key_id);
  return principal;
}

void ApiKeyService::note_use(const std::string& key_id) {
  const auto now = context_.clock.now();
  {
    const std::lock_guard lock(last_used_mutex_);
    auto& written = last_used_written_[key_id];
    if (now - written < kLastUsedResolution) return;
    written = now;
  }
  storage::with_connection(context_.database,
                           [&](storage::Connection& connection) { ApiKeyStore::touch(connection, key_id, now); });
}

}  // namespace emporium::users
