#include "payments/stripe/stripe_events.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace emporium::payments::stripe {
namespace {
namespace json = boost::json;
using orders::ProviderEvent;
using Kind = ProviderEvent::Kind;

Problem unreadable(std::string detail) {
  return problems::bad_request("The Stripe event cannot be read: " + std::move(detail)).with_code("invalid_webhook");
}

std::optional<std::string> text_at(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string()) return std::nullopt;
  return std::string(value->as_string());
}

std::optional<std::int64_t> integer_at(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value->as_uint64());
  return std::nullopt;
}

const json::object* object_at(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_object() ? &value->as_object() : nullptr;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

std::optional<std::string> order_id_of(const json::object& object) {
  const auto* metadata = object_at(object, "metadata");
  return metadata ? text_at(*metadata, "order_id") : std::nullopt;
}

// Our refund's id (rfd_…), which every refund we ask for carries as metadata.refund_id.
std::optional<std::string> refund_id_of(const json::object& refund) {
  const auto* metadata = object_at(refund, "metadata");
  return metadata ? text_at(*metadata, "refund_id") : std::nullopt;
}

// The money fields every handled type needs; false when one is missing.
bool read_money(const json::object& object, std::string_view amount_key, ProviderEvent& event) {
  const auto amount = integer_at(object, amount_key);
  const auto currency = text_at(object, "currency");
  if (!amount || !currency) return false;
  event.amount = *amount;
  event.currency = upper(*currency);
  return true;
}

Result<ProviderEvent> intent_event(const json::object& intent, ProviderEvent event, Kind kind) {
  event.kind = kind;
  event.reference = text_at(intent, "id");
  event.order_id = order_id_of(intent);
  const auto* amount_key = kind == Kind::PaymentSucceeded ? "amount_received" : "amount";
  if (!event.reference || !read_money(intent, amount_key, event))
    return unreadable("a payment intent needs id, " + std::string(amount_key) + " and currency.");
  event.capture_id = text_at(intent, "latest_charge");
  if (kind == Kind::PaymentFailed) {
    const auto* last_error = object_at(intent, "last_payment_error");
    event.failure_reason = last_error ? text_at(*last_error, "message").value_or("") : "";
    if (event.failure_reason.empty()) event.failure_reason = "The payment failed.";
  }
  return event;
}

Result<ProviderEvent> refund_event(const json::object& charge, ProviderEvent event) {
  event.kind = Kind::Refunded;
  event.capture_id = text_at(charge, "id");
  event.reference = text_at(charge, "payment_intent");
  event.order_id = order_id_of(charge);
  if (!event.capture_id || !read_money(charge, "amount_refunded", event))
    return unreadable("a refunded charge needs id, amount_refunded and currency.");
  // Stripe lists a charge's refunds newest first (when the list is included at all: API versions since
  // 2022-11-15 leave it out, and then the event names no refund).
  if (const auto* refunds = object_at(charge, "refunds")) {
    const auto* data = refunds->if_contains("data");
    if (data && data->is_array() && !data->as_array().empty() && data->as_array().front().is_object()) {
      const auto& newest = data->as_array().front().as_object();
      event.refund_id = text_at(newest, "id");
      event.our_refund_id = refund_id_of(newest);
    }
  }
  return event;
}

// charge.refund.updated / refund.updated: data.object is the Refund itself.
Result<ProviderEvent> refund_update_event(const json::object& refund, ProviderEvent event) {
  event.kind = Kind::RefundUpdated;
  event.refund_id = text_at(refund, "id");
  event.our_refund_id = refund_id_of(refund);
  event.order_id = order_id_of(refund);
  event.reference = text_at(refund, "payment_intent");
  event.capture_id = text_at(refund, "charge");
  const auto status = text_at(refund, "status");
  if (!event.refund_id || !status || !read_money(refund, "amount", event))
    return unreadable("a refund needs id, status, amount and currency.");
  event.refund_status = our_refund_status(*status);
  event.failure_reason = text_at(refund, "failure_reason").value_or("");
  return event;
}
}  // namespace

std::string our_refund_status(std::string_view stripe_status) {
  if (stripe_status == "succeeded") return "succeeded";
  if (stripe_status == "failed" || stripe_status == "canceled") return "failed";
  return "pending";
}

Result<ProviderEvent> parse_event(std::string_view body) {
  boost::system::error_code error;
  const auto value = json::parse(body, error);
  if (error || !value.is_object()) return unreadable("it is not a JSON object.");
  const auto& root = value.as_object();
  ProviderEvent event{.provider = "stripe"};
  const auto id = text_at(root, "id");
  const auto type = text_at(root, "type");
  const auto* data = object_at(root, "data");
  const auto* object = data ? object_at(*data, "object") : nullptr;
  if (!id || id->empty() || !type || !object) return unreadable("it needs id, type and data.object.");
  event.event_id = *id;
  event.type = *type;
  event.occurred_at = from_unix_millis(integer_at(root, "created").value_or(0) * 1000);
  if (*type == "payment_intent.succeeded") return intent_event(*object, std::move(event), Kind::PaymentSucceeded);
  if (*type == "payment_intent.payment_failed") return intent_event(*object, std::move(event), Kind::PaymentFailed);
  if (*type == "charge.refunded") return refund_event(*object, std::move(event));
  if (*type == "charge.refund.updated" || *type == "refund.updated")
    return refund_update_event(*object, std::move(event));
  event.kind = Kind::Ignored;
  return event;
}

}  // namespace emporium::payments::stripe
