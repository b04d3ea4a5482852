#pragma once
// The role table's rows for inventory, the cart, the wishlist, coupons, orders and reviews (see role_table.hpp).
// Cart and wishlist belong to customers; coupons to admins; stock to the vendor who owns the product.

#include <vector>

#include "role_table.hpp"

namespace emporium::testing {

// clang-format off
inline std::vector<RoleRow> commerce_role_table() {
  using W = RoleWorld;
  using A = const Account*;
  constexpr std::array<int, 5> admins_200{401, 403, 403, 403, 200};
  constexpr std::array<int, 5> admins_201{401, 403, 403, 403, 201};
  constexpr std::array<int, 5> owner_200{401, 403, 200, 404, 200};
  constexpr std::array<int, 5> owner_201{401, 403, 201, 404, 201};
  constexpr std::array<int, 5> customers_200{401, 200, 403, 403, 403};
  constexpr std::array<int, 5> customers_201{401, 201, 403, 403, 403};
  constexpr std::array<int, 5> customers_204{401, 204, 403, 403, 403};
  return {
    // Inventory: the owner and admins change and read stock; the low-stock list is every seller's (own products).
    {"POST /api/products/:id/variants/:variantId/stock", owner_201, [](W& w, A) {
       return with_body("/api/products/" + w.variant_product() + "/variants/" + w.variant() + "/stock",
                        boost::json::object{{"delta", 1}, {"reason", "role table"}});
     }},
    {"GET /api/products/:id/stock-movements", owner_200, [](W& w, A) {
       return no_body("/api/products/" + w.variant_product() + "/stock-movements");
     }},
    {"GET /api/inventory/low-stock", {401, 403, 200, 200, 200}, [](W&, A) {
       return no_body("/api/inventory/low-stock");
     }},

    // The cart: customers only, each their own (the ids are the fixture customer's).
    {"GET /api/cart", customers_200, [](W&, A) { return no_body("/api/cart"); }},
    {"DELETE /api/cart", customers_204, [](W&, A) { return no_body("/api/cart"); }, true},
    {"POST /api/cart/items", customers_200, [](W& w, A) {
       return with_body("/api/cart/items", boost::json::object{{"productId", w.product()}, {"quantity", 1}});
     }, true},
    {"PATCH /api/cart/items/:itemId", customers_200, [](W& w, A) {
       return with_body("/api/cart/items/" + w.cart_item(), boost::json::object{{"quantity", 2}});
     }},
    {"DELETE /api/cart/items/:itemId", customers_200, [](W& w, A) {
       return no_body("/api/cart/items/" + w.fresh_cart_item());
     }},
    {"POST /api/cart/coupon", customers_200, [](W& w, A) {
       return with_body("/api/cart/coupon", boost::json::object{{"code", w.coupon_code()}});
     }},
    {"DELETE /api/cart/coupon", customers_200, [](W&, A) { return no_body("/api/cart/coupon"); }},

    // The wishlist: customers only.
    {"GET /api/wishlist", customers_200, [](W&, A) { return no_body("/api/wishlist"); }},
    {"POST /api/wishlist", customers_201, [](W& w, A) {
       return with_body("/api/wishlist", boost::json::object{{"productId", w.fresh_product()}});
     }},
    {"DELETE /api/wishlist/:productId", customers_204, [](W& w, A) {
       return no_body("/api/wishlist/" + w.product());
     }},

    // Coupons: admins only.
    {"GET /api/coupons", admins_200, [](W&, A) { return no_body("/api/coupons"); }},
    {"POST /api/coupons", admins_201, [](W&, A) {
       return with_body("/api/coupons", coupon_body(unique_code("TABLE")));
     }},
    {"GET /api/coupons/:id", admins_200, [](W& w, A) { return no_body("/api/coupons/" + w.coupon()); }},
    {"PUT /api/coupons/:id", admins_200, [](W& w, A) {
       return with_body("/api/coupons/" + w.coupon(), coupon_body(w.coupon_code(), "percentage", 15));
     }},
    {"DELETE /api/coupons/:id", {401, 403, 403, 403, 204}, [](W& w, A) {
       return no_body("/api/coupons/" + w.fresh_coupon());
     }},

    // Orders: customers place and read their own; the vendor reads the orders holding its products (the other
    // vendor has no line in them: 404) and ships its lines; admins see and move every order.
    {"POST /api/orders", customers_201, [](W& w, A) {
       return with_body("/api/orders", order_body({item(w.order_variant(), 1)}));
     }},
    {"GET /api/orders", {401, 200, 200, 200, 200}, [](W&, A) { return no_body("/api/orders"); }},
    {"GET /api/orders/:id", {401, 200, 200, 404, 200}, [](W& w, A) { return no_body("/api/orders/" + w.order()); }},
    {"GET /api/orders/:id/events", {401, 200, 200, 404, 200}, [](W& w, A) {
       return no_body("/api/orders/" + w.order() + "/events");
     }},
    {"PUT /api/orders/:id/status", {401, 403, 200, 404, 200}, [](W& w, A) {
       return with_body("/api/orders/" + w.fresh_paid_order() + "/status",
                        boost::json::object{{"status", "shipped"}, {"carrier", "DHL"}, {"trackingNumber", "TABLE-1"}});
     }},
    {"POST /api/orders/:id/cancel", {401, 200, 403, 403, 200}, [](W& w, A) {
       return no_body("/api/orders/" + w.fresh_order() + "/cancel");
     }},

    // Reviews: anyone reads; customers write their own; admins hide and delete any.
    {"GET /api/products/:id/reviews", {200, 200, 200, 200, 200}, [](W& w, A) {
       return no_body("/api/products/" + w.product() + "/reviews");
     }},
    {"POST /api/products/:id/reviews", customers_201, [](W& w, A) {
       return with_body("/api/products/" + w.fresh_product() + "/reviews", review_body(5));
     }},
    {"PUT /api/reviews/:id", {401, 200, 404, 404, 404}, [](W& w, A) {
       return with_body("/api/reviews/" + w.review(), review_body(3, "Changed my mind"));
     }},
    {"PATCH /api/reviews/:id", admins_200, [](W& w, A) {
       return with_body("/api/reviews/" + w.review(), boost::json::object{{"hidden", false}});
     }},
    {"DELETE /api/reviews/:id", {401, 204, 404, 404, 204}, [](W& w, A) {
       return no_body("/api/reviews/" + w.fresh_review());
     }},
  };
}
// clang-format on

}  // namespace emporium::testing
