#include "users/sessions.hpp"

#include "support/crypto.hpp"
#include "support/log.hpp"
#include "support/random.hpp"
#include "users/session_store.hpp"
#include "users/user_store.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {
namespace {
constexpr std::size_t kRefreshTokenBytes = 32;  // 256 bits
}  // namespace

Sessions::Sessions(UsersContext& context, const AccessTokens& tokens, SessionCache& cache, SessionPolicy policy)
    : context_(context), tokens_(tokens), cache_(cache), policy_(policy) {}

TokenPair Sessions::issue(storage::Connection& connection, const User& user, const std::string& session_id) {
  TokenPair pair;
  pair.refresh_token = random_token(kRefreshTokenBytes);
  SessionStore::insert_refresh_token(connection, sha256_hex(pair.refresh_token), session_id, context_.clock.now());
  pair.access_token = tokens_.issue(user.id, user.role, session_id);
  pair.expires_in = tokens_.lifetime().count();
  return pair;
}

TokenPair Sessions::start(storage::Connection& connection, const User& user, const ClientInfo& client) {
  const auto now = context_.clock.now();
  const SessionRow session{context_.ids.next("ses"), user.id, now, now, std::nullopt};
  SessionStore::insert_session(connection, session, client.ip, client.user_agent);
  return issue(connection, user, session.id);
}

bool Sessions::expired(Timestamp created_at, Timestamp last_used_at) const {
  const auto now = context_.clock.now();
  return now - created_at >= policy_.max_age || now - last_used_at >= policy_.idle_timeout;
}

Result<TokenPair> Sessions::rotate(std::string_view refresh_token, const ClientInfo& client) {
  const auto hash = sha256_hex(refresh_token);
  std::optional<Result<TokenPair>> outcome;
  std::string revoked_session;
  context_.database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    revoked_session.clear();
    const auto now = context_.clock.now();
    const auto token = SessionStore::find_refresh_token(connection, hash);
    if (!token || token->session.revoked_at || expired(token->session.created_at, token->session.last_used_at)) {
      outcome = errors::invalid_refresh_token();
      return false;
    }
    if (token->spent_at || !SessionStore::spend_refresh_token(connection, hash, now)) {
      // Someone presents a token that was already exchanged: either the client or a thief holds a copy.
      SessionStore::revoke_session(connection, token->session_id, "refresh_token_reuse", now);
      context_.audit.record(connection, {std::nullopt,
                                         "session.token_reuse_detected",
                                         "session",
                                         token->session_id,
                                         {{"userId", token->session.user_id}},
                                         client.ip});
      revoked_session = token->session_id;
      outcome = errors::invalid_refresh_token();
      return true;  // the revocation must commit even though the answer is an error
    }
    const auto user = UserStore::find_by_id(connection, token->session.user_id);
    if (!user || user->user.disabled) {
      outcome = errors::invalid_refresh_token();
      return false;
    }
    SessionStore::touch_session(connection, token->session_id, now);
    outcome = issue(connection, user->user, token->session_id);
    return true;
  });
  if (!revoked_session.empty()) {
    log::warn("refresh token reuse: session revoked", {{"sessionId", revoked_session}, {"client", client.ip}});
    cache_.remember_revoked(revoked_session);
  }
  return std::move(*outcome);
}

void Sessions::end(std::string_view refresh_token) {
  const auto hash = sha256_hex(refresh_token);
  std::optional<std::string> ended;
  context_.database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    ended.reset();
    const auto token = SessionStore::find_refresh_token(connection, hash);
    if (!token) return false;
    SessionStore::revoke_session(connection, token->session_id, "logout", context_.clock.now());
    ended = token->session_id;
    return true;
  });
  if (ended) cache_.remember_revoked(*ended);
}

std::vector<std::string> Sessions::end_all(storage::Connection& connection, std::string_view user_id,
                                           std::string_view reason) {
  return SessionStore::revoke_user_sessions(connection, user_id, reason, context_.clock.now());
}

void Sessions::forget(const std::vector<std::string>& session_ids) {
  for (const auto& id : session_ids) cache_.remember_revoked(id);
}

bool Sessions::is_active(const std::string& session_id) {
  switch (cache_.state(session_id)) {
    case SessionCache::State::Active:
      return true;
    case SessionCache::State::Revoked:
      return false;
    case SessionCache::State::Unknown:
      break;
  }
  const auto session = storage::with_connection(context_.database, [&](storage::Connection& connection) {
    return SessionStore::find_session(connection, session_id);
  });
  // Idle expiry is the refresh token's business; an access token only needs its session alive and young enough.
  const bool active = session && !session->revoked_at && context_.clock.now() - session->created_at < policy_.max_age;
  if (active) {
    cache_.remember_active(session_id);
  } else {
    cache_.remember_revoked(session_id);
  }
  return active;
}

}  // namespace emporium::users
