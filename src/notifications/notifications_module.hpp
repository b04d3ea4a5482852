#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "events/event_dispatcher.hpp"
#include "notifications/mailer.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::notifications {

struct MailSettings {
  std::string smtp_url = {};    // empty: .eml files in outbox_dir
  std::string outbox_dir = {};  // <data_dir>/outbox
  std::string from = {};        // "Emporium <no-reply@…>"
  std::string store_name = {};
  std::string storefront_url = {};  // links in messages; empty: none
  std::vector<std::chrono::milliseconds> retry_schedule = {};
  std::chrono::milliseconds interval{1000};  // how often the delivery worker looks
};

// E-mail: messages for business events (order placed, paid, shipped, cancelled, refunded; low stock to the
// vendor) planned from the event stream into a durable mail queue, and every other message (password reset,
// webhook endpoint disabled) queued through mailer(); a worker sends the queue through SMTP or into .eml
// files, retrying with backoff.
class NotificationsModule {
 public:
  NotificationsModule(storage::Database& database, IdGenerator& ids, const Clock& clock, MailSettings settings);
  ~NotificationsModule();

  // Queues a message (send() returns once it is stored; delivery happens on the worker).
  Mailer& mailer();
  // Plans the mail of each event (for the event dispatcher).
  events::EventConsumer& consumer();
  void start_jobs();
  void stop_jobs();
  // One run of the delivery worker: sends what is due (to SMTP when smtp_url is set, else .eml files in
  // outbox_dir). Returns how many messages it sent.
  std::size_t deliver_due();

 private:
  struct Parts;
  storage::Database& database_;
  IdGenerator& ids_;
  const Clock& clock_;
  MailSettings settings_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace emporium::notifications
