#include "payments_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::testing {
namespace json = boost::json;

namespace {
json::value must_json(const HttpResponse& response, const std::string& what) {
  if (response.status != 200) throw_failed(what, response);
  return response.json();
}

std::string text_at(const json::value& value, std::string_view key) {
  const auto* found = value.as_object().if_contains(key);
  return found && found->is_string() ? std::string(found->as_string()) : std::string();
}
}  // namespace

FakeStripe::FakeStripe() : service_("fake_stripe.py", {"--secret-key", kStripeSecretKey}) {}

json::array FakeStripe::requests() {
  auto client = service_.client();
  return must_json(client.get("/_fake/requests"), "reading the fake Stripe's requests").as_array();
}

json::array FakeStripe::intents_for(const std::string& order_id) {
  auto client = service_.client();
  json::array out;
  const auto intents = must_json(client.get("/_fake/intents"), "reading the fake Stripe's intents");
  for (const auto& intent : intents.as_array()) {
    if (text_at(intent.as_object().at("metadata"), "order_id") == order_id) out.push_back(intent);
  }
  return out;
}

json::array FakeStripe::refunds_for(const std::string& intent_id) {
  auto client = service_.client();
  json::array out;
  const auto refunds = must_json(client.get("/_fake/refunds"), "reading the fake Stripe's refunds");
  for (const auto& refund : refunds.as_array()) {
    if (text_at(refund, "payment_intent") == intent_id) out.push_back(refund);
  }
  return out;
}

void FakeStripe::fail(const std::string& mode, int count, const std::string& path, double delay_seconds) {
  auto client = service_.client();
  must_json(send_json(client, "POST", "/_fake/fail",
                      json::object{{"mode", mode}, {"count", count}, {"path", path}, {"delay", delay_seconds}}),
            "telling the fake Stripe to fail");
}

void FakeStripe::clear_failures() {
  auto client = service_.client();
  must_json(send_json(client, "POST", "/_fake/clear-failures", json::object{}), "clearing the fake Stripe's failures");
}

void FakeStripe::set_refund_status(const std::string& status) {
  auto client = service_.client();
  must_json(send_json(client, "POST", "/_fake/refund-status", json::object{{"status", status}}),
            "setting the fake Stripe's refund status");
}

std::string FakeStripe::create_intent(std::int64_t amount, const std::string& currency, const std::string& order_id) {
  auto client = service_.client();
  std::string body = "amount=" + std::to_string(amount) + "&currency=" + currency;
  if (!order_id.empty()) body += "&metadata%5Border_id%5D=" + order_id;
  const auto response = client.request("POST", "/v1/payment_intents",
                                       {{"Authorization", std::string("Bearer ") + kStripeSecretKey},
                                        {"Content-Type", "application/x-www-form-urlencoded"}},
                                       body);
  return text_at(must_json(response, "making an intent at the fake Stripe"), "id");
}

json::object FakeStripe::send_webhook(json::object spec, const std::string& target) {
  if (!spec.contains("target")) spec["target"] = target;
  if (!spec.contains("secret")) spec["secret"] = kStripeWebhookSecret;
  auto client = service_.client();
  return must_json(send_json(client, "POST", "/_fake/send-webhook", spec), "sending a webhook").as_object();
}

json::object FakeStripe::signed_event(json::object spec) {
  spec["deliver"] = false;
  return send_webhook(std::move(spec), "http://127.0.0.1:9/unused");
}

EnvVars payments_config(const FakeStripe& stripe, const EnvVars& extra) {
  EnvVars vars{{"EMPORIUM_STRIPE_SECRET_KEY", kStripeSecretKey},
               {"EMPORIUM_STRIPE_WEBHOOK_SECRET", kStripeWebhookSecret},
               {"EMPORIUM_STRIPE_API_BASE", stripe.url()}};
  vars.insert(vars.end(), extra.begin(), extra.end());
  return accounts_config(vars);
}

std::string stripe_webhook_url(unsigned short port) {
  return "http://127.0.0.1:" + std::to_string(port) + "/api/payments/webhooks/stripe";
}

HttpResponse post_stripe_webhook(HttpClient& client, const std::string& body, const std::string& signature) {
  Headers headers{{"Content-Type", "application/json; charset=utf-8"}};
  if (!signature.empty()) headers.emplace_back("Stripe-Signature", signature);
  return client.request("POST", "/api/payments/webhooks/stripe", headers, body);
}

HttpResponse post_refund(HttpClient& client, const Account& actor, const std::string& order_id, const json::value& body,
                         Headers headers) {
  return send_json(client, "POST", "/api/orders/" + order_id + "/refunds", body,
                   bearer(actor.access_token, std::move(headers)));
}

json::array refunds_of(HttpClient& client, const Account& viewer, const std::string& order_id) {
  const auto response = client.get("/api/orders/" + order_id + "/refunds", bearer(viewer.access_token));
  if (response.status != 200) throw_failed("reading the refunds of " + order_id, response);
  return response.json_object().at("data").as_array();
}

HttpResponse post_capture(HttpClient& client, const Account& actor, const std::string& order_id, Headers headers) {
  return client.request("POST", "/api/orders/" + order_id + "/payment/capture",
                        bearer(actor.access_token, std::move(headers)));
}

}  // namespace emporium::testing
