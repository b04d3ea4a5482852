#include "notifications/mail_delivery.hpp"

#include <algorithm>
#include <cmath>

#include "notifications/mail_store.hpp"
#include "notifications/mime_message.hpp"
#include "support/log.hpp"
#include "support/random.hpp"

namespace emporium::notifications {
std::optional<std::chrono::milliseconds> retry_delay(std::span<const std::chrono::milliseconds> schedule,
                                                     std::int64_t failed_attempts, double unit_random) {
  if (failed_attempts < 1 || static_cast<std::size_t>(failed_attempts) > schedule.size()) return std::nullopt;
  const auto base = static_cast<double>(schedule[static_cast<std::size_t>(failed_attempts - 1)].count());
  const auto factor = 0.8 + 0.4 * std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds(std::llround(base * factor));
}

MailDelivery::MailDelivery(storage::Database& database, const Clock& clock, MailTransport& transport,
                           DeliverySettings settings)
    : database_(database), clock_(clock), transport_(transport), settings_(std::move(settings)) {}

std::size_t MailDelivery::deliver_due(const std::function<bool()>& stopping) {
  std::size_t sent = 0;
  for (;;) {
    std::size_t claimed = 0;
    sent += deliver_batch(claimed);
    if (claimed < static_cast<std::size_t>(settings_.batch) || stopping()) return sent;
  }
}

std::size_t MailDelivery::deliver_batch(std::size_t& claimed) {
  const auto token = random_token(16);
  const auto now = clock_.now();
  std::vector<ClaimedMail> batch;
  database_.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    batch = MailStore::claim(connection, database_.backend(), now, now + settings_.lease, token, settings_.batch);
    return true;
  });
  claimed = batch.size();
  const Envelope envelope_base{.from = parse_mailbox(settings_.from).address, .to = {}};
  std::size_t sent = 0;
  for (const auto& each : batch) {
    const auto& mail = each.mail;
    auto envelope = envelope_base;
    envelope.to = mail.message.to;
    try {
      // No transaction is open here: a slow SMTP server holds no database connection or lock.
      transport_.deliver(envelope, format_message(mail.message, settings_.from, mail.id, mail.created_at), mail.id);
    } catch (const DeliveryError& e) {
      record_failure(each, e.what(), e.permanent());
      continue;
    } catch (const std::exception& e) {
      record_failure(each, e.what(), false);
      continue;
    }
    record_sent(each);
    ++sent;
  }
  return sent;
}

void MailDelivery::record_sent(const ClaimedMail& claimed) {
  bool recorded = false;
  database_.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    recorded = MailStore::mark_sent(connection, claimed, clock_.now());
    return true;
  });
  const auto& mail = claimed.mail;
  if (recorded) {
    log::info("mail sent", {{"id", mail.id}, {"kind", mail.message.kind}, {"attempt", claimed.attempt}});
  } else {
    // Our lease ran out and another worker took the message over: it may be sent twice, never lost.
    log::warn("mail sent after its lease ran out", {{"id", mail.id}, {"kind", mail.message.kind}});
  }
}

void MailDelivery::record_failure(const ClaimedMail& claimed, const std::string& error, bool permanent) {
  const auto& mail = claimed.mail;
  const auto delay = permanent ? std::nullopt : retry_delay(settings_.retry_schedule, claimed.attempt, unit_random());
  bool recorded = false;
  database_.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    recorded = delay ? MailStore::retry_at(connection, claimed, clock_.now() + *delay, error)
                     : MailStore::mark_failed(connection, claimed, error);
    return true;
  });
  if (!recorded) {
    log::warn("mail attempt ended after its lease ran out", {{"id", mail.id}, {"error", error}});
  } else if (delay) {
    log::warn("mail not sent, will retry", {{"id", mail.id},
                                            {"kind", mail.message.kind},
                                            {"attempt", claimed.attempt},
                                            {"retry_in_ms", static_cast<std::int64_t>(delay->count())},
                                            {"error", error}});
  } else {
    log::error("mail failed", {{"id", mail.id},
                               {"kind", mail.message.kind},
                               {"attempts", claimed.attempt},
                               {"permanent", permanent},
                               {"error", error}});
  }
}

}  // namespace emporium::notifications
