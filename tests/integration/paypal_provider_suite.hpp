#pragma once
// The PayPal provider class on its own against a fresh fake PayPal per test: no server and no database.
// Token expiry runs on a manual clock; webhook times are real (the fake stamps them with the real time).

#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "orders/payment_provider.hpp"
#include "outbound/http_client.hpp"
#include "payments/paypal/paypal_provider.hpp"
#include "paypal_fake.hpp"

namespace emporium::testing {

using namespace std::chrono_literals;

class PayPalProviderTest : public ::testing::Test {
 protected:
  payments::paypal::PayPalSettings settings() const {
    return {.client_id = kPayPalClientId,
            .client_secret = kPayPalClientSecret,
            .webhook_id = kPayPalWebhookId,
            .api_base = fake.url(),
            .return_url = "https://shop.example/paypal/return",
            .cancel_url = "https://shop.example/paypal/cancel",
            .timeout = 1000ms};
  }
  std::unique_ptr<orders::PaymentProvider> provider_with(const payments::paypal::PayPalSettings& s) {
    return payments::paypal::make_paypal_provider(s, http, clock);
  }

  // An order as the payments service hands it over (only what a provider reads).
  static orders::Order order(std::int64_t total = 2500, std::string currency = "USD") {
    static int counter = 0;
    return orders::Order{.id = "ord_test" + std::to_string(++counter), .currency = std::move(currency), .total = total};
  }
  // The payment of `order` once start() succeeded.
  static orders::PaymentRecord record_of(const orders::Order& order, const orders::StartedPayment& started) {
    return {.order_id = order.id,
            .provider = "paypal",
            .reference = started.reference,
            .amount = order.total,
            .currency = order.currency};
  }
  // Starts, approves and captures a payment: the record with its capture id.
  orders::PaymentRecord captured(const orders::Order& order) {
    const auto started = provider->start(order);
    if (!started) throw std::runtime_error("start failed: " + started.error().detail);
    fake.approve(started->reference);
    auto record = record_of(order, *started);
    const auto capture = provider->capture(order, record);
    if (!capture || !capture->completed) throw std::runtime_error("capture failed");
    record.capture_id = capture->capture_id;
    return record;
  }
  std::size_t token_calls() { return fake.requests("/v1/oauth2/token").size(); }

  FakePayPal fake;
  outbound::CurlHttpClient http;
  ManualClock clock{SystemClock().now()};
  std::unique_ptr<orders::PaymentProvider> provider = provider_with(settings());
};

}  // namespace emporium::testing
