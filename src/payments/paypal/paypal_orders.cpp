#include "payments/paypal/paypal_orders.hpp"

#include <boost/json/serialize.hpp>

#include "payments/paypal/paypal_errors.hpp"
#include "payments/paypal/paypal_json.hpp"
#include "payments/paypal/paypal_money.hpp"
#include "support/log.hpp"

namespace emporium::payments::paypal {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxNoteBytes = 255;  // PayPal's limit for note_to_payer

Problem unreadable(std::string_view what) {
  log::error("paypal answered an unreadable resource", {{"resource", what}});
  return errors::provider_error();
}

// At most `limit` bytes, cut at a character boundary.
std::string utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  auto end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

json::object experience_context(const PayPalSettings& settings) {
  json::object context{{"user_action", "PAY_NOW"}, {"shipping_preference", "NO_SHIPPING"}};
  if (!settings.return_url.empty()) context["return_url"] = settings.return_url;
  if (!settings.cancel_url.empty()) context["cancel_url"] = settings.cancel_url;
  return context;
}

// The capture that decides: the first COMPLETED one, else the last one seen.
const json::object* deciding_capture(const json::array& units) {
  const json::object* last = nullptr;
  for (const auto& unit : units) {
    const auto* captures = array_at(object_at(unit.if_object(), "payments"), "captures");
    if (!captures) continue;
    for (const auto& capture : *captures) {
      if (!capture.is_object()) continue;
      last = &capture.get_object();
      if (string_at(last, "status") == "COMPLETED") return last;
    }
  }
  return last;
}

bool names_other_order(const json::array& units, std::string_view order_id) {
  for (const auto& unit : units) {
    const auto reference = string_at(unit.if_object(), "reference_id");
    if (reference && *reference != order_id) return true;
  }
  return false;
}

}  // namespace

std::string create_request_id(std::string_view order_id) { return "emporium-" + std::string(order_id) + "-create"; }
std::string capture_request_id(std::string_view order_id) { return "emporium-" + std::string(order_id) + "-capture"; }

Result<std::string> create_order_body(const orders::Order& order, const PayPalSettings& settings) {
  const auto value = format_amount(order.total, order.currency);
  if (!value || order.total <= 0) return errors::refused("payment", "amount not payable through PayPal");
  json::object unit{{"reference_id", order.id},
                    {"custom_id", order.id},
                    {"description", "Order " + order.id},
                    {"amount", {{"currency_code", order.currency}, {"value", *value}}}};
  json::object body{{"intent", "CAPTURE"}, {"purchase_units", json::array{std::move(unit)}}};
  // Without a way back the buyer is sent by the client itself; PayPal then offers the "approve" link.
  if (!settings.return_url.empty() || !settings.cancel_url.empty())
    body["payment_source"] = {{"paypal", {{"experience_context", experience_context(settings)}}}};
  return json::serialize(body);
}

Result<orders::StartedPayment> read_created_order(const json::value& body) {
  const auto* order = body.if_object();
  const auto id = string_at(order, "id");
  if (!id || !is_paypal_id(*id)) return unreadable("order");
  auto approval = link_href(order, "payer-action");
  if (!approval) approval = link_href(order, "approve");
  return orders::StartedPayment{.reference = *id, .client_secret = std::nullopt, .approval_url = approval};
}

Result<orders::CaptureResult> read_capture(const json::value& body, std::string_view order_id) {
  const auto* order = body.if_object();
  const auto status = string_at(order, "status");
  const auto* units = array_at(order, "purchase_units");
  if (!status) return unreadable("order");
  if (units && names_other_order(*units, order_id)) {
    log::error("a paypal order names another order", {{"orderId", order_id}});
    return errors::provider_error();
  }
  const auto* capture = units ? deciding_capture(*units) : nullptr;
  if (!capture) return orders::CaptureResult{.completed = false, .status = *status};
  const auto id = string_at(capture, "id");
  const auto capture_status = string_at(capture, "status");
  const auto money = read_money(object_at(capture, "amount"));
  if (!id || !is_paypal_id(*id) || !capture_status || !money) return unreadable("capture");
  return orders::CaptureResult{.completed = *capture_status == "COMPLETED",
                               .capture_id = *id,
                               .status = *capture_status,
                               .amount = money->amount,
                               .currency = money->currency};
}

Result<std::string> refund_body(const orders::Order& order, const orders::RefundRequest& request) {
  const auto value = format_amount(request.amount, request.currency);
  if (!value || request.amount <= 0) return errors::refused("refund", "amount not refundable through PayPal");
  json::object body{{"amount", {{"value", *value}, {"currency_code", request.currency}}}, {"custom_id", order.id}};
  if (!request.reason.empty()) body["note_to_payer"] = utf8_prefix(request.reason, kMaxNoteBytes);
  return json::serialize(body);
}

Result<orders::RefundResult> read_refund(const json::value& body) {
  const auto* refund = body.if_object();
  const auto id = string_at(refund, "id");
  const auto status = string_at(refund, "status");
  if (!id || !status) return unreadable("refund");
  const auto ours = *status == "COMPLETED" ? "succeeded" : *status == "PENDING" ? "pending" : "failed";
  return orders::RefundResult{.provider_refund_id = *id, .status = ours};
}

}  // namespace emporium::payments::paypal
