#pragma once
// Orders as the API shows them.

#include <boost/json/object.hpp>

#include <string_view>

#include "orders/order.hpp"
#include "orders/payment_provider.hpp"

namespace emporium::orders {

boost::json::object address_json(const AddressSnapshot& address);

// The whole order, as its customer and admins see it.
boost::json::object order_json(const Order& order, const PaymentSession& payment);
// The order as one vendor sees it: only its own lines, `subtotal` of those lines, the shipping address (it
// ships them), and none of the customer's totals, billing address, coupon or payment.
boost::json::object vendor_order_json(const Order& order, std::string_view vendor_id);

// One timeline entry; `with_data` false leaves out `data` (vendors see what happened, not the details).
boost::json::object event_json(const OrderEvent& event, bool with_data = true);

}  // namespace emporium::orders
