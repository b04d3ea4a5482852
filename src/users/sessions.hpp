#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "users/access_tokens.hpp"
#include "users/credential_cache.hpp"
#include "users/user.hpp"
#include "users/users_context.hpp"

namespace emporium::users {

struct SessionPolicy {
  std::chrono::seconds idle_timeout{std::chrono::hours(24 * 7)};  // without a refresh
  std::chrono::seconds max_age{std::chrono::hours(24 * 30)};      // whatever happens
};

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
  std::int64_t expires_in = 0;  // seconds the access token lives
};

// Logins as sessions: each a family of rotating refresh tokens (stored as hashes only) plus short-lived access
// tokens that name the session, so that ending the session also refuses its access tokens from the next request.
class Sessions {
 public:
  Sessions(UsersContext& context, const AccessTokens& tokens, SessionCache& cache, SessionPolicy policy);

  // Inside the caller's transaction: a new session for `user` and its first pair of tokens.
  TokenPair start(storage::Connection& connection, const User& user, const ClientInfo& client);
  // Spends the refresh token and returns a new pair. A token presented a second time is theft: the whole
  // session is revoked and the answer is 401.
  Result<TokenPair> rotate(std::string_view refresh_token, const ClientInfo& client);
  // Ends the session of this refresh token (logout). Unknown or spent tokens are not an error.
  void end(std::string_view refresh_token);
  // Inside the caller's transaction; pass the result to forget() once it committed.
  std::vector<std::string> end_all(storage::Connection& connection, std::string_view user_id, std::string_view reason);
  void forget(const std::vector<std::string>& session_ids);
  // Live, not revoked, not past its maximum age. Served from the cache when it can.
  bool is_active(const std::string& session_id);

  const AccessTokens& tokens() const { return tokens_; }

 private:
  TokenPair issue(storage::Connection& connection, const User& user, const std::string& session_id);
  bool expired(Timestamp created_at, Timestamp last_used_at) const;

  UsersContext& context_;
  const AccessTokens& tokens_;
  SessionCache& cache_;
  SessionPolicy policy_;
};

}  // namespace emporium::users
