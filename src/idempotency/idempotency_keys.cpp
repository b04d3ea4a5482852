#include "idempotency/idempotency_keys.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "support/log.hpp"
#include "support/random.hpp"

namespace emporium::idempotency {
namespace {
using storage::Connection;

constexpr std::string_view kInsert =
    "INSERT INTO idempotency_keys (user_id, key, fingerprint, state, claim_token, locked_at, created_at) "
    "VALUES ($1, $2, $3, 'in_progress', $4, $5, $5) ON CONFLICT (user_id, key) DO NOTHING";
constexpr std::string_view kSelect =
    "SELECT fingerprint, state, claim_token, response_status, response_headers, response_body, locked_at, "
    "created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2";
// Both take over a row only if it is still the one that was read (same claim token).
constexpr std::string_view kRenew =
    "UPDATE idempotency_keys SET fingerprint = $4, state = 'in_progress', claim_token = $5, response_status = NULL, "
    "response_headers = NULL, response_body = NULL, locked_at = $6, created_at = $6 "
    "WHERE user_id = $1 AND key = $2 AND claim_token = $3";
constexpr std::string_view kTakeOver =
    "UPDATE idempotency_keys SET claim_token = $4, locked_at = $5 "
    "WHERE user_id = $1 AND key = $2 AND claim_token = $3 AND state = 'in_progress'";
constexpr std::string_view kComplete =
    "UPDATE idempotency_keys SET state = 'done', response_status = $4, response_headers = $5, response_body = $6 "
    "WHERE user_id = $1 AND key = $2 AND claim_token = $3 AND state = 'in_progress'";
constexpr std::string_view kRelease =
    "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND claim_token = $3 AND state = 'in_progress'";
constexpr std::string_view kPurge = "DELETE FROM idempotency_keys WHERE created_at <= $1";

// Attempts of claim(): a row can vanish (a rolled-back claim) or change between reading and taking it over.
constexpr int kClaimAttempts = 3;

std::string encode_headers(const std::vector<std::pair<std::string, std::string>>& headers) {
  boost::json::array out;
  for (const auto& [name, value] : headers) out.push_back(boost::json::array{name, value});
  return boost::json::serialize(out);
}

std::vector<std::pair<std::string, std::string>> decode_headers(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> headers;
  const auto value = boost::json::parse(text);
  for (const auto& pair : value.as_array()) {
    const auto& entry = pair.as_array();
    headers.emplace_back(std::string(entry.at(0).as_string()), std::string(entry.at(1).as_string()));
  }
  return headers;
}

StoredResponse stored_response(const storage::Row& row) {
  return StoredResponse{
      .status = static_cast<int>(row.integer(3)), .headers = decode_headers(row.text_view(4)), .body = row.text(5)};
}
}  // namespace

Claim IdempotencyKeys::claim(Connection& connection, const KeyUse& use) {
  const auto now = clock_.now();
  for (int attempt = 1; attempt <= kClaimAttempts; ++attempt) {
    if (auto claim = try_claim(connection, use, now)) return std::move(*claim);
  }
  // The row kept changing under us: somebody else is busy with this key right now.
  return Claim{.decision = Decision::InProgress};
}

std::optional<Claim> IdempotencyKeys::peek(Connection& connection, const KeyUse& use) {
  const auto now = clock_.now();
  const auto rows = connection.query(kSelect, {use.user_id, use.key});
  if (rows.empty() || expired(rows.front(), now)) return std::nullopt;
  return decided(rows.front(), use, now);
}

bool IdempotencyKeys::expired(const storage::Row& row, Timestamp now) const {
  return from_unix_millis(row.integer(7)) + settings_.lifetime <= now;
}

std::optional<Claim> IdempotencyKeys::decided(const storage::Row& row, const KeyUse& use, Timestamp now) const {
  if (row.text_view(0) != use.fingerprint) return Claim{.decision = Decision::Mismatch};
  if (row.text_view(1) == "done") return Claim{.decision = Decision::Replay, .response = stored_response(row)};
  if (from_unix_millis(row.integer(6)) + settings_.claim_timeout > now) return Claim{.decision = Decision::InProgress};
  return std::nullopt;  // a stale claim: only claim() may take it over
}

std::optional<Claim> IdempotencyKeys::try_claim(Connection& connection, const KeyUse& use, Timestamp now) {
  const auto token = random_token(16);
  const auto millis = to_unix_millis(now);
  if (connection.execute(kInsert, {use.user_id, use.key, use.fingerprint, token, millis}) == 1)
    return Claim{.decision = Decision::Proceed, .token = token, .claimed_at = now};
  const auto rows = connection.query(kSelect, {use.user_id, use.key});
  if (rows.empty()) return std::nullopt;  // released (rolled back) meanwhile: try the insert again
  const auto row = rows.front();
  const auto old_token = row.text(2);
  if (expired(row, now)) {  // a new use of the key
    if (connection.execute(kRenew, {use.user_id, use.key, old_token, use.fingerprint, token, millis}) != 1)
      return std::nullopt;
    return Claim{.decision = Decision::Proceed, .token = token, .claimed_at = now};
  }
  if (auto decision = decided(row, use, now)) return decision;
  if (connection.execute(kTakeOver, {use.user_id, use.key, old_token, token, millis}) != 1) return std::nullopt;
  return Claim{.decision = Decision::Resume, .token = token, .claimed_at = from_unix_millis(row.integer(7))};
}

bool IdempotencyKeys::complete(Connection& connection, const KeyUse& use, std::string_view token,
                               const StoredResponse& response) {
  const auto headers = encode_headers(response.headers);
  return connection.execute(kComplete, {use.user_id, use.key, token, std::int64_t{response.status},
                                        std::string_view(headers), std::string_view(response.body)}) == 1;
}

void IdempotencyKeys::release(Connection& connection, const KeyUse& use, std::string_view token) {
  connection.execute(kRelease, {use.user_id, use.key, token});
}

std::int64_t IdempotencyKeys::purge(Connection& connection) {
  return connection.execute(kPurge, {to_unix_millis(clock_.now() - settings_.lifetime)});
}

void IdempotencyKeys::complete_after(storage::Database& database, const KeyUse& use, std::string_view token,
                                     const StoredResponse& response) {
  try {
    database.transaction(storage::TxMode::Write, [&](Connection& connection) {
      complete(connection, use, token, response);
      return true;
    });
  } catch (const std::exception& e) {
    log::warn("idempotency key not completed", {{"error", e.what()}});
  }
}

}  // namespace emporium::idempotency
