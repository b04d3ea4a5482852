#pragma once
// Webhooks as the integration tests use them: a server configured for deliveries to loopback, the receiver
// (tests/fakes/webhook_receiver.py, which checks every signature itself), and the /api/webhooks routes.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts_api.hpp"
#include "http_client.hpp"
#include "local_service.hpp"

namespace emporium::testing {

inline constexpr std::chrono::milliseconds kWebhookTimeout{1000};  // EMPORIUM_WEBHOOK_TIMEOUT_MS of webhooks_config
inline constexpr std::chrono::seconds kDeliveryDeadline{20};       // how long a test waits for a delivery

// accounts_config() for webhook tests: deliveries to loopback over http, the dispatcher and the worker looking
// every 50 ms, retries after 100, 200 and 300 ms, a 1 s timeout; `extra` on top.
EnvVars webhooks_config(const EnvVars& extra = {});

// The receiver on loopback (on `port` when given: one that comes back where another went down).
class WebhookReceiver {
 public:
  explicit WebhookReceiver(std::optional<unsigned short> port = std::nullopt);

  unsigned short port() const { return service_->port(); }
  std::string url(const std::string& path) const { return service_->url() + path; }
  // The secret it checks requests to `path` with.
  void expect_secret(const std::string& path, const std::string& secret);
  // Answers for the next requests to `path`: {"status", "headers"?, "body"?, "sleepMs"?} each, then 200s.
  void script(const std::string& path, const boost::json::array& responses);
  // What it received at `path`: {method, path, headers, body, receivedAt, signatureValid, verifyError} each.
  boost::json::array requests(const std::string& path) const;
  // Waits until `count` requests to `path` arrived; throws, quoting what did, when not within kDeliveryDeadline.
  boost::json::array await_requests(const std::string& path, std::size_t count) const;
  void stop() { service_->stop(); }
  std::string output() const { return service_->output(); }

 private:
  std::unique_ptr<LocalService> service_;
};

// {"url", "events", "description"?}.
boost::json::object webhook_body(const std::string& url, const std::vector<std::string>& events,
                                 const std::optional<std::string>& description = std::nullopt);
// POST /api/webhooks as `owner` (anonymous when null).
HttpResponse post_webhook(HttpClient& client, const Account* owner, const boost::json::value& body);
// POST that must answer 201: the endpoint, with its secret. Throws, quoting the response, otherwise.
boost::json::object created_webhook(HttpClient& client, const Account& owner, const std::string& url,
                                    const std::vector<std::string>& events = {"*"});
HttpResponse get_webhook(HttpClient& client, const Account* viewer, const std::string& id);
HttpResponse patch_webhook(HttpClient& client, const Account* actor, const std::string& id,
                           const boost::json::value& body);
HttpResponse delete_webhook(HttpClient& client, const Account* actor, const std::string& id);
// GET /api/webhooks/:id/deliveries`query`.
HttpResponse get_deliveries(HttpClient& client, const Account* viewer, const std::string& id,
                            const std::string& query = "");
// The deliveries (entries of `data`) of an endpoint, newest first; throws unless 200.
boost::json::array deliveries_of(HttpClient& client, const Account& viewer, const std::string& id);
HttpResponse retry_delivery(HttpClient& client, const Account* actor, const std::string& id,
                            const std::string& delivery_id);
// The delivery of `endpoint_id` of an event of `type` whose payload data has `key` == `value`, once it is in
// `state`; throws, quoting the log, when it is not within kDeliveryDeadline.
boost::json::object await_delivery(HttpClient& client, const Account& viewer, const std::string& endpoint_id,
                                   const std::string& type, const std::string& key, const std::string& value,
                                   const std::string& state);
// The deliveries of `endpoint_id` of events of `type` whose payload data has `key` == `value`.
boost::json::array deliveries_about(HttpClient& client, const Account& viewer, const std::string& endpoint_id,
                                    const std::string& type, const std::string& key, const std::string& value);

// The .eml files in <data dir>/outbox whose text contains `needle`.
std::vector<std::string> outbox_mails_containing(const std::filesystem::path& data_dir, const std::string& needle);

}  // namespace emporium::testing
