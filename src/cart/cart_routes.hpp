#pragma once

#include "cart/cart_service.hpp"
#include "cart/wishlist_service.hpp"
#include "http/router.hpp"

namespace emporium::cart {

// GET|DELETE /api/cart, POST /api/cart/items, PATCH|DELETE /api/cart/items/:itemId, POST|DELETE /api/cart/coupon
// — customers only. Every answer but DELETE /api/cart (204) is the whole cart.
void register_cart_routes(http::Router& router, CartService& cart);

// GET|POST /api/wishlist, DELETE /api/wishlist/:productId — customers only.
void register_wishlist_routes(http::Router& router, WishlistService& wishlist);

}  // namespace emporium::cart
