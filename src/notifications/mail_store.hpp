#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "notifications/mailer.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::notifications {

// A message in the queue.
struct QueuedMail {
  std::string id = {};                       // msg_…
  std::optional<std::string> event_id = {};  // the event it was planned from
  MailMessage message = {};
  Timestamp created_at = {};
};

// A message a worker claimed: its attempt number (1 for the first) and the token that holds its lease.
struct ClaimedMail {
  QueuedMail mail = {};
  std::int64_t attempt = 0;
  std::string token = {};
};

// The SQL of the mail queue (mail_messages). No rules here: the planner and the delivery worker decide.
class MailStore {
 public:
  // Queues the message, due now. False when the event already queued this kind of message to this recipient.
  static bool insert(storage::Connection& connection, const QueuedMail& mail);
  // Up to `limit` messages that are due (pending, or sending with a lease that ran out) by `now`, leased to
  // `token` until `lease_until`. Rows other workers hold are skipped (PostgreSQL) or waited for (SQLite).
  static std::vector<ClaimedMail> claim(storage::Connection& connection, storage::Backend backend, Timestamp now,
                                        Timestamp lease_until, const std::string& token, std::int64_t limit);
  // The outcome of an attempt, written only while `token` still holds the lease; false otherwise. A sent
  // message keeps its recipient and subject, not its bodies.
  static bool mark_sent(storage::Connection& connection, const ClaimedMail& claimed, Timestamp now);
  static bool retry_at(storage::Connection& connection, const ClaimedMail& claimed, Timestamp when,
                       std::string_view error);
  static bool mark_failed(storage::Connection& connection, const ClaimedMail& claimed, std::string_view error);
};

}  // namespace emporium::notifications
