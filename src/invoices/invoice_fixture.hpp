#pragma once
// For tests: a paid order and a store to render invoices of, without a database.

#include <string>

#include "invoices/store_details.hpp"
#include "orders/order.hpp"

namespace emporium::invoices::testing {

inline StoreDetails sample_store() {
  return {.name = "Emporium Test Store",
          .address = {"Hauptstraße 1", "10115 Berlin", "Germany"},
          .tax_id = "DE123456789",
          .email = "billing@example.com"};
}

inline orders::OrderLine sample_line(int index, std::int64_t unit_price = 1250, std::int64_t quantity = 2) {
  return {.id = "oli_" + std::to_string(index),
          .position = index,
          .product_name = "Product number " + std::to_string(index),
          .sku = "SKU-" + std::to_string(1000 + index),
          .unit_price = unit_price,
          .quantity = quantity,
          .line_total = unit_price * quantity};
}

// A paid EUR order with `lines` lines (see sample_line), totals that add up, and a 10.00 EUR coupon.
inline orders::Order sample_order(int lines = 3) {
  orders::Order order{.id = "ord_01JTESTORDER00000000000042",
                      .customer_id = "usr_1",
                      .status = orders::OrderStatus::Paid,
                      .currency = "EUR",
                      .coupon_id = "cpn_1",
                      .coupon_code = "SPRING10",
                      .shipping_address = {.full_name = "Ada Lovelace",
                                           .line1 = "1 Analytical Way",
                                           .line2 = "Floor 2",
                                           .city = "London",
                                           .region = "Greater London",
                                           .postal_code = "NW1 6XE",
                                           .country = "GB"},
                      .billing_address = {.full_name = "Charles Babbage",
                                          .line1 = "5 Difference Street",
                                          .city = "Berlin",
                                          .postal_code = "10117",
                                          .country = "DE"},
                      .payment_provider = "manual",
                      .payment_status = "paid",
                      .paid_at = from_unix_millis(1'772'366'400'000),     // 2026-03-01T12:00:00Z
                      .created_at = from_unix_millis(1'772'280'000'000),  // 2026-02-28T12:00:00Z
                      .invoice_number = "INV-2026-000042"};
  for (int i = 1; i <= lines; ++i) {
    order.lines.push_back(sample_line(i));
    order.subtotal += order.lines.back().line_total;
  }
  order.discount = order.subtotal > 1000 ? 1000 : 0;
  order.shipping = 499;
  order.tax = (order.subtotal - order.discount) * 19 / 100;
  order.total = order.subtotal - order.discount + order.shipping + order.tax;
  return order;
}

}  // namespace emporium::invoices::testing
