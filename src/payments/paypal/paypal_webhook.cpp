#include "payments/paypal/paypal_webhook.hpp"

#include <boost/json/serialize.hpp>

#include "payments/paypal/paypal_errors.hpp"
#include "payments/paypal/paypal_json.hpp"

namespace emporium::payments::paypal {
namespace {

namespace json = boost::json;
using Kind = orders::ProviderEvent::Kind;

std::optional<std::string> header(const orders::WebhookRequest& request, std::string_view lower_name) {
  auto value = request.header ? request.header(lower_name) : std::nullopt;
  if (value && value->find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  return value;
}

Problem unreadable_event(std::string_view why) {
  return errors::invalid_webhook("The PayPal event cannot be read: " + std::string(why) + ".");
}

// Fills what every capture event carries: the capture, its amount, our order and PayPal's.
Result<orders::ProviderEvent> with_capture(orders::ProviderEvent event, const json::object* capture) {
  const auto money = read_money(object_at(capture, "amount"));
  if (!money) return unreadable_event("the capture has no readable amount");
  event.capture_id = string_at(capture, "id");
  event.amount = money->amount;
  event.currency = money->currency;
  event.order_id = string_at(capture, "custom_id");
  event.reference = string_at(object_at(object_at(capture, "supplementary_data"), "related_ids"), "order_id");
  if (!event.reference) event.reference = linked_id(capture, "up", "orders");
  return event;
}

Result<orders::ProviderEvent> with_refund(orders::ProviderEvent event, const json::object* refund) {
  auto money = read_money(object_at(object_at(refund, "seller_payable_breakdown"), "total_refunded_amount"));
  if (!money) money = read_money(object_at(refund, "amount"));
  if (!money) return unreadable_event("the refund has no readable amount");
  event.refund_id = string_at(refund, "id");
  event.capture_id = linked_id(refund, "up", "captures");
  event.amount = money->amount;
  event.currency = money->currency;
  event.order_id = string_at(refund, "custom_id");
  return event;
}

}  // namespace

Result<Transmission> read_transmission(const orders::WebhookRequest& request, Timestamp now) {
  Transmission transmission;
  const std::pair<std::string_view, std::string*> wanted[] = {{"paypal-transmission-id", &transmission.id},
                                                              {"paypal-transmission-time", &transmission.time},
                                                              {"paypal-transmission-sig", &transmission.signature},
                                                              {"paypal-cert-url", &transmission.cert_url},
                                                              {"paypal-auth-algo", &transmission.auth_algo}};
  for (const auto& [name, out] : wanted) {
    auto value = header(request, name);
    if (!value) return errors::invalid_signature("The webhook lacks PayPal's " + std::string(name) + " header.");
    *out = std::move(*value);
  }
  const auto sent = parse_iso8601(transmission.time);
  if (!sent) return errors::invalid_signature("The webhook's paypal-transmission-time is not a timestamp.");
  if (*sent < now - kTransmissionTolerance || *sent > now + kTransmissionTolerance)
    return errors::invalid_signature("The webhook's transmission time is too far from now (a replay?).");
  return transmission;
}

std::string verify_request_body(const Transmission& transmission, std::string_view webhook_id,
                                std::string_view raw_event) {
  auto body = json::serialize(json::object{{"auth_algo", transmission.auth_algo},
                                           {"cert_url", transmission.cert_url},
                                           {"transmission_id", transmission.id},
                                           {"transmission_sig", transmission.signature},
                                           {"transmission_time", transmission.time},
                                           {"webhook_id", webhook_id}});
  body.pop_back();  // the closing brace: the raw event follows as the last member
  body += ",\"webhook_event\":";
  body += raw_event;
  body += '}';
  return body;
}

Result<orders::ProviderEvent> translate_event(const json::object& event, Timestamp received_at) {
  const auto id = string_at(&event, "id");
  const auto type = string_at(&event, "event_type");
  if (!id || !type) return unreadable_event("no id or event_type");
  const auto created = string_at(&event, "create_time");
  const auto occurred = created ? parse_iso8601(*created) : std::nullopt;
  orders::ProviderEvent translated{
      .provider = "paypal", .event_id = *id, .type = *type, .occurred_at = occurred.value_or(received_at)};
  const auto* resource = object_at(&event, "resource");
  if (*type == "PAYMENT.CAPTURE.COMPLETED" && string_at(resource, "status") == "COMPLETED") {
    translated.kind = Kind::PaymentSucceeded;
    return with_capture(std::move(translated), resource);
  }
  if (*type == "PAYMENT.CAPTURE.DENIED") {
    translated.kind = Kind::PaymentFailed;
    translated.failure_reason = string_at(object_at(resource, "status_details"), "reason")
                                    .value_or(string_at(resource, "status").value_or("DENIED"));
    return with_capture(std::move(translated), resource);
  }
  if (*type == "PAYMENT.CAPTURE.REFUNDED") {
    translated.kind = Kind::Refunded;
    return with_refund(std::move(translated), resource);
  }
  return translated;
}

}  // namespace emporium::payments::paypal
