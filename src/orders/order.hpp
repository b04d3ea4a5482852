#pragma once
// Orders as values: no I/O here.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "orders/order_status.hpp"
#include "support/clock.hpp"

namespace emporium::orders {

// An address as it was when the order was placed (stored as a JSON object): later edits of the address book
// do not change it.
struct AddressSnapshot {
  std::string full_name = {};
  std::string line1 = {};
  std::optional<std::string> line2 = {};
  std::string city = {};
  std::optional<std::string> region = {};
  std::optional<std::string> postal_code = {};
  std::string country = {};  // ISO 3166-1 alpha-2
  std::optional<std::string> phone = {};
};

// One line as sold: a snapshot of the product and variant (name, SKU, options, unit price, vendor).
struct OrderLine {
  std::string id = {};  // oli_…
  std::string order_id = {};
  std::int64_t position = 0;
  std::string product_id = {};
  std::string variant_id = {};
  std::string vendor_id = {};
  std::string product_name = {};
  std::string sku = {};
  std::map<std::string, std::string> options = {};
  std::int64_t unit_price = 0;
  std::int64_t quantity = 0;
  std::int64_t line_total = 0;
  FulfillmentStatus fulfillment = FulfillmentStatus::Unfulfilled;
  std::optional<std::string> carrier = {};
  std::optional<std::string> tracking_number = {};
  std::optional<Timestamp> shipped_at = {};
};

struct Order {
  std::string id = {};  // ord_…
  std::string customer_id = {};
  OrderStatus status = OrderStatus::PendingPayment;
  std::string currency = {};
  std::int64_t subtotal = 0;
  std::int64_t discount = 0;
  std::int64_t shipping = 0;
  std::int64_t tax = 0;
  std::int64_t total = 0;
  std::optional<std::string> coupon_id = {};
  std::optional<std::string> coupon_code = {};
  AddressSnapshot shipping_address = {};
  AddressSnapshot billing_address = {};
  std::string payment_provider = {};  // manual | stripe | paypal
  std::string payment_status = {};    // see PaymentStatus in payment_provider.hpp
  std::optional<std::string> idempotency_key = {};
  std::optional<Timestamp> expires_at = {};  // while pending_payment
  std::optional<Timestamp> paid_at = {};
  std::optional<Timestamp> cancelled_at = {};
  Timestamp created_at = {};
  Timestamp updated_at = {};
  std::int64_t version = 1;
  std::optional<std::string> invoice_number = {};  // "INV-2026-000042", given when it is paid
  std::vector<OrderLine> lines = {};               // in position order
};

// One entry of an order's timeline.
struct OrderEvent {
  std::string id = {};  // oev_…
  std::string order_id = {};
  std::string type = {};  // created | status_changed | lines_shipped | refunded
  std::optional<OrderStatus> from_status = {};
  std::optional<OrderStatus> to_status = {};
  std::optional<std::string> actor_id = {};  // empty: the system
  std::optional<std::string> note = {};
  std::string data = "{}";  // a JSON object
  Timestamp created_at = {};
};

namespace event_types {
inline constexpr std::string_view kCreated = "created";
inline constexpr std::string_view kStatusChanged = "status_changed";
inline constexpr std::string_view kLinesShipped = "lines_shipped";
inline constexpr std::string_view kRefunded = "refunded";
}  // namespace event_types

}  // namespace emporium::orders
