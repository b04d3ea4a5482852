#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::users {

struct SessionRow {
  std::string id;
  std::string user_id;
  Timestamp created_at;
  Timestamp last_used_at;
  std::optional<Timestamp> revoked_at;
};

struct RefreshTokenRow {
  std::string session_id;
  std::optional<Timestamp> spent_at;
  SessionRow session;
};

// The SQL of sessions, refresh tokens and password resets.
class SessionStore {
 public:
  static void insert_session(storage::Connection& connection, const SessionRow& session, std::string_view client_ip,
                             std::string_view user_agent);
  static void insert_refresh_token(storage::Connection& connection, std::string_view token_hash,
                                   std::string_view session_id, Timestamp now);
  static std::optional<RefreshTokenRow> find_refresh_token(storage::Connection& connection,
                                                           std::string_view token_hash);
  // False when the token was already spent (by a concurrent refresh or a thief).
  static bool spend_refresh_token(storage::Connection& connection, std::string_view token_hash, Timestamp now);
  static void touch_session(storage::Connection& connection, std::string_view session_id, Timestamp now);
  static std::optional<SessionRow> find_session(storage::Connection& connection, std::string_view session_id);
  // Returns whether this call revoked it (false: it was already revoked or does not exist).
  static bool revoke_session(storage::Connection& connection, std::string_view session_id, std::string_view reason,
                             Timestamp now);
  // Returns the ids of the sessions this call revoked.
  static std::vector<std::string> revoke_user_sessions(storage::Connection& connection, std::string_view user_id,
                                                       std::string_view reason, Timestamp now);

  static void insert_password_reset(storage::Connection& connection, std::string_view token_hash,
                                    std::string_view user_id, Timestamp now, Timestamp expires_at);
  // Marks an unused, unexpired reset token used and returns its user; nullopt when it is not usable.
  static std::optional<std::string> use_password_reset(storage::Connection& connection, std::string_view token_hash,
                                                       Timestamp now);
  // Spends every unused reset code of the user: after a reset or a password change, older mails are void.
  static void spend_password_resets(storage::Connection& connection, std::string_view user_id, Timestamp now);
  static std::int64_t count_recent_resets(storage::Connection& connection, std::string_view user_id, Timestamp since);
};

}  // namespace emporium::users
