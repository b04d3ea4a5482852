#include "users/session_store.hpp"

namespace emporium::users {
namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (id, user_id, created_at, last_used_at, client_ip, user_agent) VALUES ($1, $2, $3, $4, $5, "
    "$6)";
constexpr std::string_view kInsertRefreshToken =
    "INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES ($1, $2, $3)";
constexpr std::string_view kFindRefreshToken =
    "SELECT r.session_id, r.spent_at, s.user_id, s.created_at, s.last_used_at, s.revoked_at "
    "FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = $1";
constexpr std::string_view kSpendRefreshToken =
    "UPDATE refresh_tokens SET spent_at = $2 WHERE token_hash = $1 AND spent_at IS NULL";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_used_at = $2 WHERE id = $1";
constexpr std::string_view kFindSession =
    "SELECT id, user_id, created_at, last_used_at, revoked_at FROM sessions WHERE id = $1";
constexpr std::string_view kRevokeSession =
    "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL";
constexpr std::string_view kRevokeUserSessions =
    "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id";
constexpr std::string_view kInsertReset =
    "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kUseReset =
    "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 "
    "RETURNING user_id";
constexpr std::string_view kSpendResets =
    "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL";
constexpr std::string_view kCountRecentResets =
    "SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at >= $2";

std::optional<Timestamp> optional_time(const storage::Row& row, std::size_t column) {
  if (const auto millis = row.optional_integer(column)) return from_unix_millis(*millis);
  return std::nullopt;
}

}  // namespace

void SessionStore::insert_session(storage::Connection& connection, const SessionRow& session,
                                  std::string_view client_ip, std::string_view user_agent) {
  connection.execute(kInsertSession, {std::string_view(session.id), std::string_view(session.user_id),
                                      to_unix_millis(session.created_at), to_unix_millis(session.last_used_at),
                                      client_ip, user_agent.substr(0, 300)});
}

void SessionStore::insert_refresh_token(storage::Connection& connection, std::string_view token_hash,
                                        std::string_view session_id, Timestamp now) {
  connection.execute(kInsertRefreshToken, {token_hash, session_id, to_unix_millis(now)});
}

std::optional<RefreshTokenRow> SessionStore::find_refresh_token(storage::Connection& connection,
                                                                std::string_view token_hash) {
  const auto rows = connection.query(kFindRefreshToken, {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto row = rows.front();
  RefreshTokenRow token;
  token.session_id = row.text(0);
  token.spent_at = optional_time(row, 1);
  token.session = {token.session_id, row.text(2), from_unix_millis(row.integer(3)), from_unix_millis(row.integer(4)),
                   optional_time(row, 5)};
  return token;
}

bool SessionStore::spend_refresh_token(storage::Connection& connection, std::string_view token_hash, Timestamp now) {
  return connection.execute(kSpendRefreshToken, {token_hash, to_unix_millis(now)}) == 1;
}

void SessionStore::touch_session(storage::Connection& connection, std::string_view session_id, Timestamp now) {
  connection.execute(kTouchSession, {session_id, to_unix_millis(now)});
}

std::optional<SessionRow> SessionStore::find_session(storage::Connection& connection, std::string_view session_id) {
  const auto rows = connection.query(kFindSession, {session_id});
  if (rows.empty()) return std::nullopt;
  const auto row = rows.front();
  return SessionRow{row.text(0), row.text(1), from_unix_millis(row.integer(2)), from_unix_millis(row.integer(3)),
                    optional_time(row, 4)};
}

bool SessionStore::revoke_session(storage::Connection& connection, std::string_view session_id, std::string_view reason,
                                  Timestamp now) {
  return connection.execute(kRevokeSession, {session_id, to_unix_millis(now), reason}) == 1;
}

std::vector<std::string> SessionStore::revoke_user_sessions(storage::Connection& connection, std::string_view user_id,
                                                            std::string_view reason, Timestamp now) {
  std::vector<std::string> ids;
  for (const auto row : connection.query(kRevokeUserSessions, {user_id, to_unix_millis(now), reason}))
    ids.push_back(row.text(0));
  return ids;
}

void SessionStore::insert_password_reset(storage::Connection& connection, std::string_view token_hash,
                                         std::string_view user_id, Timestamp now, Timestamp expires_at) {
  connection.execute(kInsertReset, {token_hash, user_id, to_unix_millis(now), to_unix_millis(expires_at)});
}

std::optional<std::string> SessionStore::use_password_reset(storage::Connection& connection,
                                                            std::string_view token_hash, Timestamp now) {
  const auto rows = connection.query(kUseReset, {token_hash, to_unix_millis(now)});
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

void SessionStore::spend_password_resets(storage::Connection& connection, std::string_view user_id, Timestamp now) {
  connection.execute(kSpendResets, {user_id, to_unix_millis(now)});
}

std::int64_t SessionStore::count_recent_resets(storage::Connection& connection, std::string_view user_id,
                                               Timestamp since) {
  return connection.query(kCountRecentResets, {user_id, to_unix_millis(since)}).front().integer(0);
}

}  // namespace emporium::users
