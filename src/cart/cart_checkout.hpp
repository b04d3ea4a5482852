#pragma once
// CONTRACT (written before the implementation; the cart work fills it in, the orders code relies on it).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pricing/pricing.hpp"
#include "storage/database.hpp"

namespace emporium::cart {

// A customer's cart as an order takes it.
struct CartForCheckout {
  std::vector<pricing::LineRequest> lines = {};  // in the order they were added
  std::optional<std::string> coupon_code = {};
};

// Reads the customer's cart in the caller's transaction (an empty cart when there is none), holding its lock
// until that transaction ends.
CartForCheckout cart_for_checkout(storage::Connection& connection, std::string_view customer_id);
// Empties the customer's cart (lines and coupon) in the caller's transaction, after the order was recorded.
void empty_cart(storage::Connection& connection, std::string_view customer_id);

}  // namespace emporium::cart
