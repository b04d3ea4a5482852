#include "orders/order_errors.hpp"

namespace emporium::orders::errors {

Problem order_not_found() { return problems::not_found("No such order."); }

Problem invalid_transition(OrderStatus from, OrderStatus to) {
  return problems::conflict("invalid_transition", "An order cannot go from " + std::string(to_string(from)) + " to " +
                                                      std::string(to_string(to)) + " here.");
}

Problem order_changed() {
  return problems::conflict("invalid_transition",
                            "The order changed while this request was processed. Read it again and retry.");
}

Problem insufficient_stock(std::vector<FieldError> lines) {
  return problems::conflict("insufficient_stock", "Not enough stock for some items. Nothing was reserved.")
      .with_errors(std::move(lines));
}

Problem lines_already_shipped() {
  return problems::conflict("lines_already_shipped", "Your lines of this order are shipped already.");
}

Problem order_partly_shipped() {
  return problems::conflict("order_partly_shipped", "Lines of this order have shipped; it can no longer be cancelled.");
}

Problem vendor_may_only_ship() {
  return problems::forbidden("Vendors may only mark their own lines of an order shipped (status \"shipped\").");
}

Problem currency_mismatch(std::vector<FieldError> lines) {
  return problems::validation_failed(std::move(lines))
      .with_code("currency_mismatch")
      .with_detail("Every item of an order must be sold in the same currency.");
}

Problem items_unavailable(std::vector<FieldError> lines) {
  return problems::validation_failed(std::move(lines))
      .with_code("item_unavailable")
      .with_detail("Some items cannot be ordered.");
}

Problem payment_method_unavailable(std::string_view method) {
  return problems::validation_failed({{"paymentMethod", "is not available in this store"}})
      .with_code("payment_method_unavailable")
      .with_detail("The payment method \"" + std::string(method) + "\" is not available in this store.");
}

Problem shipping_address_required() {
  return problems::validation_failed({{"shippingAddress", "is required (you have no default shipping address)"}})
      .with_code("shipping_address_required")
      .with_detail("Give a shippingAddress or a shippingAddressId, or set a default shipping address.");
}

Problem address_not_found(std::string field) {
  return problems::validation_failed({{std::move(field), "is not an address of your address book"}})
      .with_code("address_not_found")
      .with_detail("No such address in your address book.");
}

Problem cart_empty() {
  return problems::validation_failed({{"items", "are required: your cart is empty"}})
      .with_code("cart_empty")
      .with_detail("Your cart is empty: add items to it or send them with the order.");
}

Problem too_many_lines(std::int64_t max_lines) {
  return problems::validation_failed({{"items", "must have at most " + std::to_string(max_lines) + " distinct items"}})
      .with_code("too_many_items");
}

}  // namespace emporium::orders::errors
