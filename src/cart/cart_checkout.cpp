#include "cart/cart_checkout.hpp"

#include "cart/cart_store.hpp"

namespace emporium::cart {

// The cart's row lock first: two checkouts of one cart run one after the other (the second finds it empty), and
// a line or coupon added meanwhile waits for the order instead of being emptied away unordered.
CartForCheckout cart_for_checkout(storage::Connection& connection, std::string_view customer_id) {
  CartStore::lock(connection, customer_id);
  auto stored = CartStore::load(connection, customer_id);
  CartForCheckout cart{.lines = {}, .coupon_code = std::move(stored.coupon_code)};
  cart.lines.reserve(stored.items.size());
  for (auto& item : stored.items) {
    cart.lines.push_back(pricing::LineRequest{
        .product_id = std::move(item.product_id), .variant_id = std::move(item.variant_id), .quantity = item.quantity});
  }
  return cart;
}

// The cart row stays (with its updated_at); only its lines and coupon go.
void empty_cart(storage::Connection& connection, std::string_view customer_id) {
  CartStore::delete_items(connection, customer_id);
  CartStore::set_coupon(connection, customer_id, std::nullopt);
}

}  // namespace emporium::cart
