#pragma once
// The stable error codes of orders, as problems.

#include <string>
#include <string_view>
#include <vector>

#include "orders/order_status.hpp"
#include "support/problem.hpp"

namespace emporium::orders::errors {

Problem order_not_found();                                     // 404 not_found (also someone else's order)
Problem invalid_transition(OrderStatus from, OrderStatus to);  // 409 invalid_transition
Problem order_changed();                                       // 409 invalid_transition: it moved meanwhile
Problem insufficient_stock(std::vector<FieldError> lines);     // 409, errors name items[i]
Problem lines_already_shipped();                               // 409
Problem order_partly_shipped();                                // 409
Problem vendor_may_only_ship();                                // 403
Problem currency_mismatch(std::vector<FieldError> lines);      // 422
Problem items_unavailable(std::vector<FieldError> lines);      // 422 item_unavailable
Problem payment_method_unavailable(std::string_view method);   // 422
Problem shipping_address_required();                           // 422
Problem address_not_found(std::string field);                  // 422: not in the caller's address book
Problem cart_empty();                                          // 422
Problem too_many_lines(std::int64_t max_lines);                // 422 (an order from a cart over the limit)

}  // namespace emporium::orders::errors
