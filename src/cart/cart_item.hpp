#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/clock.hpp"

namespace emporium::cart {

inline constexpr std::string_view kCartItemIdPrefix = "item";

// One line of a customer's cart as stored: the variant is always resolved when the line is added.
struct CartItem {
  std::string id = {};
  std::string customer_id = {};
  std::string product_id = {};
  std::string variant_id = {};
  std::int64_t quantity = 0;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// The cart row and its lines, in the order they were added.
struct StoredCart {
  std::optional<std::string> coupon_code = {};
  std::optional<Timestamp> updated_at = {};  // none: the customer never had a cart
  std::vector<CartItem> items = {};
};

}  // namespace emporium::cart
