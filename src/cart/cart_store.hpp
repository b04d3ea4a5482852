#pragma once

#include <optional>
#include <string_view>

#include "cart/cart_item.hpp"
#include "storage/database.hpp"

namespace emporium::cart {

// The SQL of carts and their lines, one function per statement. Every lookup is scoped to the customer: an
// item id alone never finds anything.
class CartStore {
 public:
  // Creates the customer's cart row or moves its updated_at on; either way its row is locked (PostgreSQL) until
  // the transaction ends, so that one customer's cart writes run one after another.
  static void touch(storage::Connection& connection, std::string_view customer_id, Timestamp now);
  // Locks the customer's cart row, if there is one, until the transaction ends (a no-op write).
  static void lock(storage::Connection& connection, std::string_view customer_id);
  static StoredCart load(storage::Connection& connection, std::string_view customer_id);
  static std::optional<CartItem> find_item(storage::Connection& connection, std::string_view customer_id,
                                           std::string_view id);
  static std::optional<CartItem> find_by_variant(storage::Connection& connection, std::string_view customer_id,
                                                 std::string_view variant_id);
  static std::int64_t count_items(storage::Connection& connection, std::string_view customer_id);
  static void insert_item(storage::Connection& connection, const CartItem& item);
  static bool set_quantity(storage::Connection& connection, std::string_view customer_id, std::string_view id,
                           std::int64_t quantity, Timestamp now);
  static bool delete_item(storage::Connection& connection, std::string_view customer_id, std::string_view id);
  static void delete_items(storage::Connection& connection, std::string_view customer_id);
  // Sets or clears the coupon code; the cart row must exist (touch).
  static void set_coupon(storage::Connection& connection, std::string_view customer_id,
                         const std::optional<std::string>& code);
};

}  // namespace emporium::cart
