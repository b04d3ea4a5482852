#pragma once
// Payments as the integration tests use them: the fake Stripe (tests/fakes/fake_stripe.py) and its control
// API, a server configured to pay through it, and the payment routes (webhooks, refunds, capture).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "accounts_api.hpp"
#include "environment.hpp"
#include "http_client.hpp"
#include "local_service.hpp"

namespace emporium::testing {

inline constexpr const char* kStripeSecretKey = "sk_test_emporium";
inline constexpr const char* kStripeWebhookSecret = "whsec_emporium_test";

// The fake Stripe API on loopback, with the secret key above.
class FakeStripe {
 public:
  FakeStripe();
  std::string url() const { return service_.url(); }

  // Every API request it received, oldest first ({"method", "path", "form", "idempotencyKey", "status", …}).
  boost::json::array requests();
  // The payment intents made for an order (metadata.order_id), and the requests that asked for one.
  boost::json::array intents_for(const std::string& order_id);
  boost::json::array refunds_for(const std::string& intent_id);
  // The next `count` API requests under `path` fail: "timeout" (done, answered after `delay_seconds`), "500"
  // (not done), "twice" (done, answered 500).
  void fail(const std::string& mode, int count, const std::string& path = "/v1/", double delay_seconds = 3);
  // Forgets the failures fail() queued that were not used up.
  void clear_failures();
  void set_refund_status(const std::string& status);
  // An intent made directly at the fake (as another system sharing the Stripe account would): its id.
  std::string create_intent(std::int64_t amount, const std::string& currency, const std::string& order_id);
  // POST /_fake/send-webhook with `spec` (type, intent, …; target and secret are filled in unless given):
  // {"status", "body", "event", "signature", "body_text"}.
  boost::json::object send_webhook(boost::json::object spec, const std::string& target);
  // The same, signed but not delivered: {"event", "body_text", "signature"}.
  boost::json::object signed_event(boost::json::object spec);

 private:
  LocalService service_;
};

// Configuration of a server that pays through `stripe` (manual stays available), `extra` on top.
EnvVars payments_config(const FakeStripe& stripe, const EnvVars& extra = {});
// The server's Stripe webhook URL.
std::string stripe_webhook_url(unsigned short port);

// POST /api/payments/webhooks/stripe with a raw body and Stripe-Signature (none when empty).
HttpResponse post_stripe_webhook(HttpClient& client, const std::string& body, const std::string& signature);
// POST /api/orders/:id/refunds as `actor`.
HttpResponse post_refund(HttpClient& client, const Account& actor, const std::string& order_id,
                         const boost::json::value& body, Headers headers = {});
// GET /api/orders/:id/refunds that must answer 200: its `data`.
boost::json::array refunds_of(HttpClient& client, const Account& viewer, const std::string& order_id);
HttpResponse post_capture(HttpClient& client, const Account& actor, const std::string& order_id, Headers headers = {});

}  // namespace emporium::testing
