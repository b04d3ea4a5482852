#include "paypal_checkout_suite.hpp"

#include <boost/json/array.hpp>

#include <iostream>

#include "catalog_api.hpp"

namespace emporium::testing {

namespace json = boost::json;

namespace {
std::string tail(const std::string& text, std::size_t size = 6000) {
  return text.size() <= size ? text : "…" + text.substr(text.size() - size);
}
}  // namespace

void PayPalCheckout::TearDown() {
  if (!HasFailure()) return;
  std::cerr << "--- server output (end):\n"
            << tail(server().output()) << "\n--- fake PayPal output (end):\n"
            << tail(fake().service().output()) << "\n";
}

PayPalCheckout::PayPalOrder PayPalCheckout::paypal_order(HttpClient& client, const Account& buyer, std::int64_t price) {
  const auto variant = stocked_product(client, vendor(), 20, price);
  auto body = order_body({item(variant, 1)});
  body["paymentMethod"] = "paypal";
  const auto response = place_order(client, buyer, body, {{"Idempotency-Key", unique_tag("paypal-order")}});
  if (response.status != 201) throw_failed("placing a PayPal order", response);
  auto order = response.json_object();
  const auto approval = std::string(order.at("payment").at("approvalUrl").as_string());
  const auto token = approval.find("token=");
  if (token == std::string::npos) throw std::runtime_error("no PayPal token in " + approval);
  auto id = std::string(order.at("id").as_string());
  return {.order = std::move(order), .id = std::move(id), .paypal_id = approval.substr(token + 6)};
}

json::object PayPalCheckout::paypal_state(const std::string& paypal_id) {
  const auto state = fake().state();
  for (const auto& entry : state.at("orders").as_array())
    if (entry.at("id").as_string() == paypal_id) return entry.as_object();
  throw std::runtime_error("the fake PayPal has no order " + paypal_id);
}

json::array PayPalCheckout::captures_of(const std::string& paypal_id) {
  const auto order = paypal_state(paypal_id);
  const auto* payments = order.at("purchase_units").at(0).as_object().if_contains("payments");
  return payments ? payments->at("captures").as_array() : json::array{};
}

HttpResponse PayPalCheckout::capture(HttpClient& client, const Account& actor, const std::string& order_id,
                                     Headers extra) {
  return client.request("POST", "/api/orders/" + order_id + "/payment/capture",
                        bearer(actor.access_token, std::move(extra)));
}

HttpResponse PayPalCheckout::refund(HttpClient& client, const std::string& order_id, const json::object& body) {
  return send_json(client, "POST", "/api/orders/" + order_id + "/refunds", body,
                   bearer(admin().access_token, {{"Idempotency-Key", unique_tag("paypal-refund")}}));
}

std::string PayPalCheckout::status_of(HttpClient& client, const std::string& order_id) {
  return std::string(order_json(client, admin(), order_id).at("status").as_string());
}

json::array PayPalCheckout::deliver(json::object request) {
  request["target"] = webhook_url();
  return fake().send_webhook(request).at("deliveries").as_array();
}

}  // namespace emporium::testing
