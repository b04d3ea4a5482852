#pragma once

#include <boost/json/object.hpp>

#include "cart/cart_view.hpp"

namespace emporium::cart {

// {items: [{id, productId, variantId, name, sku, options, unitPrice, quantity, lineTotal, available, issue,
// availableQuantity?}], coupon: {code, type, discount} | null, couponIssue: {code, reason, detail} | null,
// subtotal, discount, shipping, tax, total, currency, itemCount, updatedAt}
boost::json::object to_json(const CartView& view);

}  // namespace emporium::cart
