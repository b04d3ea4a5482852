#include "cart/cart_errors.hpp"

namespace emporium::cart::errors {

Problem item_not_found() { return problems::not_found("No such cart item.").with_code("cart_item_not_found"); }

Problem product_not_found() { return problems::not_found("No such product.").with_code("product_not_found"); }

Problem variant_required() {
  return problems::validation_failed({{"variantId", "is required: the product has several variants"}})
      .with_code("variant_required")
      .with_detail("This product has several variants: name one with variantId.");
}

Problem unknown_variant() {
  return problems::validation_failed({{"variantId", "must name a variant of the product"}})
      .with_code("unknown_variant")
      .with_detail("The product has no such variant.");
}

Problem quantity_too_large(std::int64_t total, std::int64_t max) {
  return problems::validation_failed({{"quantity", "must make the line at most " + std::to_string(max)}})
      .with_code("quantity_too_large")
      .with_detail("The line would hold " + std::to_string(total) + "; a line holds at most " + std::to_string(max) +
                   ".");
}

Problem cart_limit_reached(std::int64_t max_lines) {
  return problems::conflict("cart_limit_reached",
                            "A cart holds at most " + std::to_string(max_lines) + " lines. Remove one to add another.");
}

Problem currency_mismatch(const std::string& cart_currency) {
  return problems::conflict("cart_currency_mismatch",
                            "The cart holds products priced in " + cart_currency + "; one cart holds one currency.");
}

}  // namespace emporium::cart::errors
