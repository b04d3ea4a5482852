#pragma once
// PayPal Orders v2 behind the PaymentProvider port.

#include <chrono>
#include <memory>
#include <string>

#include "orders/payment_provider.hpp"
#include "outbound/http_client.hpp"
#include "support/clock.hpp"

namespace emporium::payments::paypal {

struct PayPalSettings {
  std::string client_id = {};  // empty: PayPal is not offered
  std::string client_secret = {};
  std::string webhook_id = {};  // the id PayPal gave our webhook endpoint (for verify-webhook-signature)
  std::string api_base = "https://api-m.paypal.com";
  std::string return_url = {};  // where PayPal sends the buyer after approving (the storefront)
  std::string cancel_url = {};
  std::chrono::milliseconds timeout{15'000};
};

std::unique_ptr<orders::PaymentProvider> make_paypal_provider(const PayPalSettings& settings,
                                                              outbound::HttpClient& http, const Clock& clock);

}  // namespace emporium::payments::paypal
