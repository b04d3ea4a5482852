#pragma once
// What clients send to the order routes, read and checked before any service runs (400 for malformed JSON,
// 422 listing every broken field at once, unknown fields included).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "orders/order_status.hpp"
#include "support/problem.hpp"
#include "users/address.hpp"

namespace emporium::orders {

struct ItemInput {
  std::string product_id = {};
  std::optional<std::string> variant_id = {};
  std::int64_t quantity = 0;
};

// POST /api/orders. Addresses are normalised (users::normalised_address) and valid once read.
struct PlaceOrderInput {
  std::optional<std::vector<ItemInput>> items = {};  // absent: the customer's cart
  std::optional<users::AddressInput> shipping_address = {};
  std::optional<std::string> shipping_address_id = {};
  std::optional<users::AddressInput> billing_address = {};
  std::optional<std::string> coupon_code = {};
  std::string payment_method = {};
};

struct InputLimits {
  std::int64_t max_lines = 50;
  std::int64_t max_line_quantity = 99;
};

Result<PlaceOrderInput> read_place_order(const http::Request& request, const InputLimits& limits);

// PUT /api/orders/:id/status
struct StatusChange {
  OrderStatus status = OrderStatus::PendingPayment;
  std::optional<std::string> note = {};
  std::optional<std::string> carrier = {};
  std::optional<std::string> tracking_number = {};
};

Result<StatusChange> read_status_change(const http::Request& request);

// POST /api/orders/:id/cancel: no body, or {note?}.
Result<std::optional<std::string>> read_cancel_note(const http::Request& request);

}  // namespace emporium::orders
