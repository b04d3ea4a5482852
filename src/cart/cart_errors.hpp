#pragma once
// The stable error codes of the cart and the wishlist.

#include <cstdint>
#include <string>

#include "support/problem.hpp"

namespace emporium::cart::errors {

Problem item_not_found();     // 404 cart_item_not_found (also another's item)
Problem product_not_found();  // 404 product_not_found (unknown or not active)
Problem variant_required();   // 422 variant_required
Problem unknown_variant();    // 422 unknown_variant (not a live variant of the product)
Problem quantity_too_large(std::int64_t total, std::int64_t max);  // 422 quantity_too_large
Problem cart_limit_reached(std::int64_t max_lines);                // 409 cart_limit_reached
Problem currency_mismatch(const std::string& cart_currency);       // 409 cart_currency_mismatch

}  // namespace emporium::cart::errors
