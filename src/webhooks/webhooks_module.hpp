#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "audit/audit_log.hpp"
#include "events/event_dispatcher.hpp"
#include "http/router.hpp"
#include "notifications/mailer.hpp"
#include "outbound/http_client.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::webhooks {

struct WebhookSettings {
  bool allow_private = false;  // EMPORIUM_WEBHOOKS_ALLOW_PRIVATE
  bool allow_http = false;     // EMPORIUM_WEBHOOKS_ALLOW_HTTP
  std::vector<std::chrono::milliseconds> retry_schedule = {};
  std::chrono::milliseconds timeout{10'000};
  std::chrono::milliseconds interval{1000};  // how often the delivery worker looks
};

struct WebhooksDependencies {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  outbound::HttpClient& http;
  notifications::Mailer& mailer;  // tells an endpoint's owner it was disabled
};

// Outgoing webhooks: subscriptions (admins for every event, vendors for their own), deliveries planned from
// the event stream, signed per the Standard Webhooks specification, retried with backoff, never sent to
// private addresses unless allowed.
class WebhooksModule {
 public:
  WebhooksModule(WebhooksDependencies dependencies, WebhookSettings settings);
  ~WebhooksModule();

  void register_routes(http::Router& router);
  events::EventConsumer& consumer();
  void start_jobs();
  void stop_jobs();
  // One run of the delivery worker. Returns how many attempts it made.
  std::size_t deliver_due();

 private:
  struct Parts;
  WebhooksDependencies dependencies_;
  WebhookSettings settings_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace emporium::webhooks
