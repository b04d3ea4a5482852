#include "payments/paypal/paypal_provider.hpp"

#include <boost/json/parse.hpp>

#include "payments/paypal/paypal_api.hpp"
#include "payments/paypal/paypal_errors.hpp"
#include "payments/paypal/paypal_json.hpp"
#include "payments/paypal/paypal_orders.hpp"
#include "payments/paypal/paypal_webhook.hpp"
#include "support/log.hpp"

namespace emporium::payments::paypal {
namespace {

namespace json = boost::json;

// What PayPal's 4xx answer means for the operation `what`: a business refusal the client can act on is 422;
// our own malformed request or an unknown resource is PayPal disagreeing with this store (503).
Problem refusal(const ApiReply& reply, std::string_view what) {
  const auto issue = first_issue(reply);
  log::warn("paypal refused a call", {{"operation", what},
                                      {"status", static_cast<std::int64_t>(reply.status)},
                                      {"issue", issue},
                                      {"debugId", reply.debug_id}});
  if (issue == "ORDER_NOT_APPROVED") return errors::not_approved();
  if (reply.status == 422) return errors::refused(what, issue);
  return errors::provider_error();
}

class PayPalProvider final : public orders::PaymentProvider {
 public:
  PayPalProvider(const PayPalSettings& settings, outbound::HttpClient& http, const Clock& clock)
      : api_(settings, http, clock), clock_(clock) {}

  std::string_view name() const override { return "paypal"; }

  Result<orders::StartedPayment> start(const orders::Order& order) override {
    auto body = create_order_body(order, api_.settings());
    if (!body) return body.error();
    auto reply = api_.send(
        {.method = "POST", .path = "/v2/checkout/orders", .body = *body, .request_id = create_request_id(order.id)});
    if (!reply) return reply.error();
    if (reply->status != 200 && reply->status != 201) return refusal(*reply, "payment");
    return read_created_order(reply->body);
  }

  Result<orders::CaptureResult> capture(const orders::Order& order, const orders::PaymentRecord& payment) override {
    if (payment.reference.empty()) return errors::not_started();
    if (!is_paypal_id(payment.reference)) return errors::provider_error();
    auto reply = api_.send({.method = "POST",
                            .path = "/v2/checkout/orders/" + payment.reference + "/capture",
                            .body = "{}",
                            .request_id = capture_request_id(order.id)});
    if (!reply) return reply.error();
    if (reply->status == 200 || reply->status == 201) return read_capture(reply->body, order.id);
    // Captured before (by an earlier attempt whose answer was lost): report that capture.
    if (reply->status == 422 && first_issue(*reply) == "ORDER_ALREADY_CAPTURED") return fetch_capture(order, payment);
    return refusal(*reply, "capture");
  }

  Result<orders::RefundResult> refund(const orders::Order& order, const orders::PaymentRecord& payment,
                                      const orders::RefundRequest& request) override {
    if (!payment.capture_id) return errors::not_captured();
    if (!is_paypal_id(*payment.capture_id)) return errors::provider_error();
    auto body = refund_body(order, request);
    if (!body) return body.error();
    auto reply = api_.send({.method = "POST",
                            .path = "/v2/payments/captures/" + *payment.capture_id + "/refund",
                            .body = *body,
                            .request_id = request.refund_id});
    if (!reply) return reply.error();
    if (reply->status != 200 && reply->status != 201) return refusal(*reply, "refund");
    return read_refund(reply->body);
  }

  Result<orders::ProviderEvent> verify_webhook(const orders::WebhookRequest& request) override {
    const auto received = request.received_at == Timestamp{} ? clock_.now() : request.received_at;
    auto transmission = read_transmission(request, received);
    if (!transmission) return transmission.error();
    boost::system::error_code error;
    const auto event = json::parse(request.body, error);
    if (error || !event.is_object()) return errors::invalid_webhook("The webhook body is not a JSON object.");
    auto verified = verify(*transmission, request.body);
    if (!verified) return verified.error();
    return translate_event(event.get_object(), received);
  }

 private:
  Result<orders::CaptureResult> fetch_capture(const orders::Order& order, const orders::PaymentRecord& payment) {
    auto reply = api_.send({.method = "GET", .path = "/v2/checkout/orders/" + payment.reference});
    if (!reply) return reply.error();
    if (reply->status != 200) return refusal(*reply, "capture");
    return read_capture(reply->body, order.id);
  }

  // Asks PayPal whether it sent this transmission: only verification_status SUCCESS counts.
  Result<void> verify(const Transmission& transmission, std::string_view raw_event) {
    const auto& webhook_id = api_.settings().webhook_id;
    if (webhook_id.empty()) return errors::provider_error();
    auto reply = api_.send({.method = "POST",
                            .path = "/v1/notifications/verify-webhook-signature",
                            .body = verify_request_body(transmission, webhook_id, raw_event),
                            .read_only = true});
    if (!reply) return reply.error();
    if (reply->status != 200) return refusal(*reply, "webhook verification");
    const auto status = string_at(reply->body.if_object(), "verification_status");
    if (status != "SUCCESS") {
      log::warn("paypal did not verify a webhook",
                {{"transmissionId", transmission.id}, {"status", status.value_or("")}});
      return errors::invalid_signature("PayPal did not verify the webhook's signature.");
    }
    return {};
  }

  PayPalApi api_;
  const Clock& clock_;
};

}  // namespace

std::unique_ptr<orders::PaymentProvider> make_paypal_provider(const PayPalSettings& settings,
                                                              outbound::HttpClient& http, const Clock& clock) {
  return std::make_unique<PayPalProvider>(settings, http, clock);
}

}  // namespace emporium::payments::paypal
