#include "notifications/mail_store.hpp"

#include "storage/sql_lists.hpp"

namespace emporium::notifications {
namespace {
using storage::Connection;
using storage::Param;

constexpr std::string_view kInsert =
    "INSERT INTO mail_messages (id, event_id, kind, recipient, recipient_name, subject, text_body, html_body, "
    "state, attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9) "
    "ON CONFLICT (event_id, kind, recipient) DO NOTHING";
constexpr std::string_view kDue =
    "SELECT id, event_id, kind, recipient, recipient_name, subject, text_body, html_body, attempts, created_at "
    "FROM mail_messages WHERE (state = 'pending' AND next_attempt_at <= $1) "
    "OR (state = 'sending' AND lease_until <= $1) ORDER BY next_attempt_at, id LIMIT $2";
constexpr std::string_view kLease =
    "UPDATE mail_messages SET state = 'sending', attempts = attempts + 1, lease_until = $2, claim_token = $3 "
    "WHERE id = $1";
// The bodies of a sent message are dropped: the queue is no archive of personal data or of reset codes.
constexpr std::string_view kSent =
    "UPDATE mail_messages SET state = 'sent', sent_at = $3, lease_until = NULL, claim_token = NULL, "
    "last_error = NULL, text_body = '', html_body = NULL WHERE id = $1 AND claim_token = $2 AND state = 'sending'";
constexpr std::string_view kRetryAt =
    "UPDATE mail_messages SET state = 'pending', next_attempt_at = $3, last_error = $4, lease_until = NULL, "
    "claim_token = NULL WHERE id = $1 AND claim_token = $2 AND state = 'sending'";
constexpr std::string_view kFailed =
    "UPDATE mail_messages SET state = 'failed', last_error = $3, lease_until = NULL, claim_token = NULL "
    "WHERE id = $1 AND claim_token = $2 AND state = 'sending'";

Param optional_text(const std::string& text) {
  if (text.empty()) return nullptr;
  return std::string_view(text);
}

QueuedMail read_mail(const storage::Row& row) {
  return {.id = row.text(0),
          .event_id = row.optional_text(1),
          .message = {.to = row.text(3),
                      .subject = row.text(5),
                      .text = row.text(6),
                      .html = row.optional_text(7).value_or(""),
                      .to_name = row.optional_text(4).value_or(""),
                      .kind = row.text(2)},
          .created_at = from_unix_millis(row.integer(9))};
}

}  // namespace

bool MailStore::insert(Connection& connection, const QueuedMail& mail) {
  const auto& message = mail.message;
  return connection.execute(
             kInsert, {std::string_view(mail.id), storage::nullable(mail.event_id), std::string_view(message.kind),
                       std::string_view(message.to), optional_text(message.to_name), std::string_view(message.subject),
                       std::string_view(message.text), optional_text(message.html), to_unix_millis(mail.created_at)}) >
         0;
}

std::vector<ClaimedMail> MailStore::claim(Connection& connection, storage::Backend backend, Timestamp now,
                                          Timestamp lease_until, const std::string& token, std::int64_t limit) {
  const auto sql = std::string(kDue) + std::string(storage::skip_locked(backend));
  std::vector<ClaimedMail> claimed;
  for (const auto row : connection.query(sql, {to_unix_millis(now), limit})) {
    claimed.push_back({.mail = read_mail(row), .attempt = row.integer(8) + 1, .token = token});
  }
  for (const auto& each : claimed) {
    connection.execute(kLease, {std::string_view(each.mail.id), to_unix_millis(lease_until), std::string_view(token)});
  }
  return claimed;
}

bool MailStore::mark_sent(Connection& connection, const ClaimedMail& claimed, Timestamp now) {
  return connection.execute(
             kSent, {std::string_view(claimed.mail.id), std::string_view(claimed.token), to_unix_millis(now)}) > 0;
}

bool MailStore::retry_at(Connection& connection, const ClaimedMail& claimed, Timestamp when, std::string_view error) {
  return connection.execute(kRetryAt, {std::string_view(claimed.mail.id), std::string_view(claimed.token),
                                       to_unix_millis(when), error}) > 0;
}

bool MailStore::mark_failed(Connection& connection, const ClaimedMail& claimed, std::string_view error) {
  return connection.execute(kFailed, {std::string_view(claimed.mail.id), std::string_view(claimed.token), error}) > 0;
}

}  // namespace emporium::notifications
