#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "notifications/mail_store.hpp"
#include "notifications/mail_transport.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::notifications {

struct DeliverySettings {
  std::string from = {};  // "Store <no-reply@shop.example>": the From header and the envelope's reverse path
  std::vector<std::chrono::milliseconds> retry_schedule = {};  // the waits after the 1st, 2nd… failed attempt
  std::chrono::milliseconds lease{std::chrono::minutes(5)};    // how long a claimed batch is a worker's
  std::int64_t batch = 8;
};

// The delay before the next attempt after `failed_attempts` failures (1 after the first), with ±20 % jitter
// (`unit_random` in [0, 1)) so that messages failing together do not retry together; nullopt when the
// schedule is used up.
std::optional<std::chrono::milliseconds> retry_delay(std::span<const std::chrono::milliseconds> schedule,
                                                     std::int64_t failed_attempts, double unit_random);

// The delivery worker's work: claims due messages with a lease (one write transaction), sends each with no
// transaction open, and records each outcome only while its claim still holds. Several workers (threads,
// nodes) may run at once.
class MailDelivery {
 public:
  MailDelivery(storage::Database& database, const Clock& clock, MailTransport& transport, DeliverySettings settings);
  // Sends what is due, batch after batch, until nothing is. Returns how many messages were sent.
  std::size_t deliver_due(const std::function<bool()>& stopping = [] { return false; });

 private:
  std::size_t deliver_batch(std::size_t& claimed);
  void record_sent(const ClaimedMail& claimed);
  void record_failure(const ClaimedMail& claimed, const std::string& error, bool permanent);

  storage::Database& database_;
  const Clock& clock_;
  MailTransport& transport_;
  DeliverySettings settings_;
};

}  // namespace emporium::notifications
