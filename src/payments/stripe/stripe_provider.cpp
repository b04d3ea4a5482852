#include "payments/stripe/stripe_provider.hpp"

#include <algorithm>
#include <cctype>

#include "payments/stripe/stripe_api.hpp"
#include "payments/stripe/stripe_events.hpp"
#include "payments/stripe/stripe_signature.hpp"
#include "support/log.hpp"

namespace emporium::payments::stripe {
namespace {
using orders::Order;
using orders::PaymentRecord;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::optional<std::string> text_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string()) return std::nullopt;
  return std::string(value->as_string());
}

Problem odd_answer(std::string what) {
  return problems::service_unavailable("Stripe's answer lacks " + std::move(what) + ".")
      .with_code("payment_provider_unavailable");
}

class StripeProvider final : public orders::PaymentProvider {
 public:
  StripeProvider(const StripeSettings& settings, outbound::HttpClient& http)
      : settings_(settings), api_(settings, http) {}

  std::string_view name() const override { return "stripe"; }

  // One PaymentIntent per order: the idempotency key is the order's, so asking again (a retry after a
  // timeout, a second request for the same order) answers the same intent.
  Result<orders::StartedPayment> start(const Order& order) override {
    auto intent = api_.post("/v1/payment_intents",
                            {{"amount", std::to_string(order.total)},
                             {"currency", lower(order.currency)},
                             {"metadata[order_id]", order.id},
                             {"automatic_payment_methods[enabled]", "true"}},
                            "emporium-intent-" + order.id);
    if (!intent) return intent.error();
    auto id = text_at(*intent, "id");
    auto secret = text_at(*intent, "client_secret");
    if (!id || !secret) return odd_answer("the intent's id or client_secret");
    return orders::StartedPayment{.reference = std::move(*id), .client_secret = std::move(secret)};
  }

  // The refund's own id is the idempotency key: resending it (the refund job after a crash) refunds once.
  Result<orders::RefundResult> refund(const Order& order, const PaymentRecord& payment,
                                      const orders::RefundRequest& request) override {
    if (payment.reference.empty())
      return problems::validation_failed({})
          .with_code("payment_provider_refused")
          .with_detail("The order has no Stripe payment to refund.");
    auto refund = api_.post("/v1/refunds",
                            {{"payment_intent", payment.reference},
                             {"amount", std::to_string(request.amount)},
                             {"metadata[order_id]", order.id},
                             {"metadata[refund_id]", request.refund_id}},
                            request.refund_id);
    if (!refund) return refund.error();
    auto id = text_at(*refund, "id");
    const auto status = text_at(*refund, "status");
    if (!id || !status) return odd_answer("the refund's id or status");
    return orders::RefundResult{.provider_refund_id = std::move(*id), .status = our_refund_status(*status)};
  }

  Result<orders::ProviderEvent> verify_webhook(const orders::WebhookRequest& request) override {
    const auto header = request.header ? request.header("stripe-signature") : std::nullopt;
    const auto problem = signature_problem({.header = header.value_or(""),
                                            .body = request.body,
                                            .secret = settings_.webhook_secret,
                                            .now = request.received_at});
    if (problem) {
      log::warn("stripe webhook refused", {{"reason", *problem}});
      return problems::bad_request(*problem).with_code("invalid_signature");
    }
    return parse_event(request.body);
  }

 private:
  StripeSettings settings_;
  StripeApi api_;
};
}  // namespace

std::unique_ptr<orders::PaymentProvider> make_stripe_provider(const StripeSettings& settings,
                                                              outbound::HttpClient& http, const Clock&) {
  return std::make_unique<StripeProvider>(settings, http);
}

}  // namespace emporium::payments::stripe
