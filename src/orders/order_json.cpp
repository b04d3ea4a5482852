#include "orders/order_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "orders/order_codec.hpp"

namespace emporium::orders {
namespace {

boost::json::value text_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

boost::json::value time_or_null(const std::optional<Timestamp>& time) {
  if (!time) return nullptr;
  return boost::json::string(to_iso8601(*time));
}

boost::json::value status_or_null(const std::optional<OrderStatus>& status) {
  if (!status) return nullptr;
  return boost::json::string(to_string(*status));
}

boost::json::object line_json(const OrderLine& line) {
  boost::json::object options;
  for (const auto& [name, value] : line.options) options[name] = value;
  return {{"id", line.id},
          {"productId", line.product_id},
          {"variantId", line.variant_id},
          {"name", line.product_name},
          {"sku", line.sku},
          {"options", std::move(options)},
          {"unitPrice", line.unit_price},
          {"quantity", line.quantity},
          {"lineTotal", line.line_total},
          {"vendorId", line.vendor_id},
          {"fulfillmentStatus", to_string(line.fulfillment)},
          {"carrier", text_or_null(line.carrier)},
          {"trackingNumber", text_or_null(line.tracking_number)},
          {"shippedAt", time_or_null(line.shipped_at)}};
}

boost::json::object payment_json(const PaymentSession& payment) {
  boost::json::object out{{"provider", payment.provider}, {"status", payment.status}};
  if (payment.client_secret) out["clientSecret"] = *payment.client_secret;
  if (payment.approval_url) out["approvalUrl"] = *payment.approval_url;
  if (payment.reference) out["reference"] = *payment.reference;
  if (payment.failure_reason) out["failureReason"] = *payment.failure_reason;
  return out;
}

boost::json::value coupon_json(const Order& order) {
  if (!order.coupon_id) return nullptr;
  return boost::json::object{{"id", *order.coupon_id}, {"code", order.coupon_code.value_or("")}};
}
}  // namespace

boost::json::object address_json(const AddressSnapshot& address) {
  return boost::json::parse(encode_address(address)).as_object();
}

boost::json::object order_json(const Order& order, const PaymentSession& payment) {
  boost::json::array items;
  for (const auto& line : order.lines) items.push_back(line_json(line));
  return {{"id", order.id},
          {"status", to_string(order.status)},
          {"customerId", order.customer_id},
          {"currency", order.currency},
          {"items", std::move(items)},
          {"subtotal", order.subtotal},
          {"discount", order.discount},
          {"shipping", order.shipping},
          {"tax", order.tax},
          {"total", order.total},
          {"coupon", coupon_json(order)},
          {"shippingAddress", address_json(order.shipping_address)},
          {"billingAddress", address_json(order.billing_address)},
          {"payment", payment_json(payment)},
          {"expiresAt", time_or_null(order.expires_at)},
          {"paidAt", time_or_null(order.paid_at)},
          {"cancelledAt", time_or_null(order.cancelled_at)},
          {"invoiceNumber", text_or_null(order.invoice_number)},
          {"createdAt", to_iso8601(order.created_at)},
          {"updatedAt", to_iso8601(order.updated_at)},
          {"version", order.version}};
}

boost::json::object vendor_order_json(const Order& order, std::string_view vendor_id) {
  boost::json::array items;
  std::int64_t subtotal = 0;
  for (const auto& line : order.lines) {
    if (line.vendor_id != vendor_id) continue;
    items.push_back(line_json(line));
    subtotal += line.line_total;
  }
  return {{"id", order.id},
          {"status", to_string(order.status)},
          {"currency", order.currency},
          {"items", std::move(items)},
          {"subtotal", subtotal},
          // The vendor needs the address to ship: from payment until delivery, never before or after a cancel.
          {"shippingAddress", is_paid(order.status) ? boost::json::value(address_json(order.shipping_address))
                                                    : boost::json::value(nullptr)},
          {"createdAt", to_iso8601(order.created_at)},
          {"updatedAt", to_iso8601(order.updated_at)},
          {"version", order.version}};
}

boost::json::object event_json(const OrderEvent& event, bool with_data) {
  boost::json::object out{{"id", event.id},
                          {"type", event.type},
                          {"fromStatus", status_or_null(event.from_status)},
                          {"toStatus", status_or_null(event.to_status)},
                          {"actorId", text_or_null(event.actor_id)},
                          {"note", text_or_null(event.note)},
                          {"createdAt", to_iso8601(event.created_at)}};
  if (with_data) out["data"] = boost::json::parse(event.data);
  return out;
}

}  // namespace emporium::orders
