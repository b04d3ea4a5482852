#pragma once
// PayPal end to end: one server per suite, configured with a fake PayPal (tests/fakes/fake_paypal.py) that
// the suite starts first, and the orders cast. Each test places its own orders; the fake's state is shared,
// so tests look at the PayPal orders, captures and refunds of their own order only.

#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <memory>
#include <string>

#include "orders_suite.hpp"
#include "paypal_fake.hpp"

namespace emporium::testing {

class PayPalCheckout : public OrdersSuite<PayPalCheckout> {
 public:
  static void SetUpTestSuite() {
    fake_ = std::make_unique<FakePayPal>();
    OrdersSuite<PayPalCheckout>::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    OrdersSuite<PayPalCheckout>::TearDownTestSuite();
    fake_.reset();
  }
  static EnvVars config() {
    return accounts_config({{"EMPORIUM_PAYPAL_CLIENT_ID", kPayPalClientId},
                            {"EMPORIUM_PAYPAL_CLIENT_SECRET", kPayPalClientSecret},
                            {"EMPORIUM_PAYPAL_WEBHOOK_ID", kPayPalWebhookId},
                            {"EMPORIUM_PAYPAL_API_BASE", fake().url()},
                            {"EMPORIUM_PAYPAL_RETURN_URL", "https://shop.example/paypal/return"},
                            {"EMPORIUM_PAYPAL_CANCEL_URL", "https://shop.example/paypal/cancel"},
                            {"EMPORIUM_PAYMENT_PROVIDER_TIMEOUT_MS", "1500"}});
  }

 protected:
  // A failed test shows the end of what the server and the fake printed.
  void TearDown() override;

  // An order placed with paymentMethod "paypal", and the PayPal order behind its approvalUrl.
  struct PayPalOrder {
    boost::json::object order = {};
    std::string id = {};         // ord_…
    std::string paypal_id = {};  // the PayPal order id
  };

  static FakePayPal& fake() {
    if (!fake_) throw std::runtime_error("the fake PayPal did not start");
    return *fake_;
  }
  static std::string webhook_url() {
    return "http://127.0.0.1:" + std::to_string(server().port()) + "/api/payments/webhooks/paypal";
  }

  static PayPalOrder paypal_order(HttpClient& client, const Account& buyer, std::int64_t price = 1250);
  // The PayPal order with this id as the fake sees it.
  static boost::json::object paypal_state(const std::string& paypal_id);
  static boost::json::array captures_of(const std::string& paypal_id);
  static HttpResponse capture(HttpClient& client, const Account& actor, const std::string& order_id,
                              Headers extra = {});
  static HttpResponse refund(HttpClient& client, const std::string& order_id, const boost::json::object& body);
  static std::string status_of(HttpClient& client, const std::string& order_id);
  // PAYPAL webhook `request` (event_type, order_id…) sent by the fake to the server: its deliveries.
  static boost::json::array deliver(boost::json::object request);

 private:
  static inline std::unique_ptr<FakePayPal> fake_;
};

}  // namespace emporium::testing
