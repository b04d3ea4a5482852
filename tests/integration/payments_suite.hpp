#pragma once
// One server per payments suite, paying through a fake Stripe of its own (started first: the server's
// configuration names it), with the orders suites' cast. Tests make their own products and orders and find
// what the fake received by their order's id, so tests of one suite never see each other's payments.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "eventually.hpp"
#include "orders_suite.hpp"
#include "payments_api.hpp"

namespace emporium::testing {

template <class Suite>
class PaymentsSuite : public OrdersSuite<Suite> {
 public:
  static void SetUpTestSuite() {
    stripe_ = std::make_unique<FakeStripe>();
    OrdersSuite<Suite>::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    OrdersSuite<Suite>::TearDownTestSuite();
    stripe_.reset();
  }
  static EnvVars config() { return payments_config(stripe()); }

 protected:
  static FakeStripe& stripe() {
    if (!stripe_) throw std::runtime_error("the suite's fake Stripe did not start");
    return *stripe_;
  }
  static std::string webhook_url() { return stripe_webhook_url(SharedServerTest<Suite>::server().port()); }

  // An order of `quantity` × a new product (price 2500) paid with Stripe: the order as placed.
  static boost::json::object stripe_order(HttpClient& client, const Account& buyer, std::int64_t quantity = 1,
                                          std::int64_t stock = 10) {
    const auto variant = stocked_product(client, CatalogSuite<Suite>::vendor(), stock, 2500);
    auto body = order_body({item(variant, quantity)});
    body["paymentMethod"] = "stripe";
    return placed_order(client, buyer, body);
  }
  // The id of the order's (one) intent at the fake.
  static std::string intent_of(const std::string& order_id) {
    const auto intents = stripe().intents_for(order_id);
    if (intents.size() != 1)
      throw std::runtime_error("order " + order_id + " has " + std::to_string(intents.size()) + " intents");
    return std::string(intents.front().at("id").as_string());
  }
  // payment_intent.succeeded for the order's intent, delivered by the fake: the server's answer.
  static boost::json::object pay(const std::string& order_id, boost::json::object extra = {}) {
    extra["type"] = "payment_intent.succeeded";
    extra["intent"] = intent_of(order_id);
    return stripe().send_webhook(std::move(extra), webhook_url());
  }
  static std::string status_of(HttpClient& client, const Account& viewer, const std::string& order_id) {
    return str(order_json(client, viewer, order_id).at("status"));
  }
  // Waits (polling) until the order has `status` and `payment_status`; true when it did in time.
  static bool reaches(HttpClient& client, const Account& viewer, const std::string& order_id, const std::string& status,
                      const std::string& payment_status) {
    return eventually(
        [&] {
          const auto order = order_json(client, viewer, order_id);
          return str(order.at("status")) == status && str(order.at("payment").at("status")) == payment_status;
        },
        std::chrono::seconds(15), std::chrono::milliseconds(50));
  }

 private:
  static inline std::unique_ptr<FakeStripe> stripe_;
};

}  // namespace emporium::testing
