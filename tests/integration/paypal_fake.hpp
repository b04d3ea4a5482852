#pragma once
// The fake PayPal (tests/fakes/fake_paypal.py) as the PayPal tests drive it: its control API in C++.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "local_service.hpp"

namespace emporium::testing {

// The credentials the fake accepts unless told otherwise.
inline constexpr const char* kPayPalClientId = "test-client-id";
inline constexpr const char* kPayPalClientSecret = "test-client-secret";
inline constexpr const char* kPayPalWebhookId = "WH-TEST-0001";

class FakePayPal {
 public:
  FakePayPal() : service_("fake_paypal.py") {}

  std::string url() const { return service_.url(); }
  LocalService& service() { return service_; }

  // A control call that must answer 200: its JSON.
  boost::json::value control(std::string_view method, std::string_view path, const boost::json::object& body = {});

  // The buyer approves the PayPal order; its capture will come out with `capture_status`.
  void approve(const std::string& paypal_order_id, const std::string& capture_status = "COMPLETED") {
    control("POST", "/_fake/approve", {{"order_id", paypal_order_id}, {"capture_status", capture_status}});
  }
  // {mode: timeout|500|twice, path?, method?, count?, delay_ms?}
  void fail(const boost::json::object& rule) { control("POST", "/_fake/fail", rule); }
  void expire_tokens() { control("POST", "/_fake/expire-tokens"); }
  void configure(const boost::json::object& settings) { control("POST", "/_fake/config", settings); }
  void forget_requests() { control("DELETE", "/_fake/requests"); }
  // The API requests received whose path starts with `path_prefix` (and of `method`, when given).
  std::vector<boost::json::object> requests(std::string_view path_prefix = "", std::string_view method = "");
  // {orders, captures, refunds}
  boost::json::object state() { return control("GET", "/_fake/state").as_object(); }
  // {event, headers, body, deliveries}; see fake_paypal.py for the request's fields.
  boost::json::object send_webhook(const boost::json::object& request) {
    return control("POST", "/_fake/send-webhook", request).as_object();
  }

 private:
  LocalService service_;
};

}  // namespace emporium::testing
