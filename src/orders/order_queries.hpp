#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/principal.hpp"
#include "orders/order.hpp"
#include "orders/order_store.hpp"
#include "orders/orders_context.hpp"
#include "support/problem.hpp"

namespace emporium::orders {

struct OrderListParams {
  std::optional<OrderStatus> status = {};
  std::optional<std::string> customer_id = {};  // admins only
  std::optional<Timestamp> created_from = {};
  std::optional<Timestamp> created_to = {};
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

struct OrderPage {
  std::vector<Order> orders = {};
  std::int64_t total = 0;
};

// Reading orders with their ownership rules: a customer sees its own orders, a vendor the orders holding its
// lines, an admin every order. Anything else is a 404, as if it did not exist.
class OrderQueries {
 public:
  explicit OrderQueries(OrdersContext& context) : context_(context) {}

  // Newest first.
  OrderPage list(const http::Principal& principal, const OrderListParams& params);
  Result<Order> get(const http::Principal& principal, std::string_view order_id);
  // The timeline, oldest first. Vendors see every status change but only their own shipping entries.
  Result<std::vector<OrderEvent>> events(const http::Principal& principal, std::string_view order_id);

 private:
  OrdersContext& context_;
};

// True when the principal may see the order at all.
bool can_see(const http::Principal& principal, const Order& order);

}  // namespace emporium::orders
