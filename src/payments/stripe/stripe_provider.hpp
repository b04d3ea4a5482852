#pragma once
// Stripe PaymentIntents behind the PaymentProvider port.

#include <chrono>
#include <memory>
#include <string>

#include "orders/payment_provider.hpp"
#include "outbound/http_client.hpp"
#include "support/clock.hpp"

namespace emporium::payments::stripe {

struct StripeSettings {
  std::string secret_key = {};      // sk_…; empty: Stripe is not offered
  std::string webhook_secret = {};  // whsec_…, the endpoint's signing secret
  std::string api_base = "https://api.stripe.com";
  std::chrono::milliseconds timeout{15'000};
};

std::unique_ptr<orders::PaymentProvider> make_stripe_provider(const StripeSettings& settings,
                                                              outbound::HttpClient& http, const Clock& clock);

}  // namespace emporium::payments::stripe
