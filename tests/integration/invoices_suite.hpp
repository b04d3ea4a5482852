#pragma once
// One server per invoices suite, configured with the store details of invoices_api.hpp, with the orders cast
// (an admin, two vendors, two customers).

#include <gtest/gtest.h>

#include <string>

#include "invoices/pdf_text.hpp"
#include "invoices_api.hpp"
#include "orders_suite.hpp"

namespace emporium::testing {

using invoices::testing::pdf_info_field;
using invoices::testing::pdf_pages;
using invoices::testing::pdf_to_text;
using invoices::testing::squeeze_spaces;

template <class Suite>
class InvoicesSuite : public OrdersSuite<Suite> {
 public:
  static EnvVars config() { return invoices_config(); }

 protected:
  // A placed order of `customer` moved to paid by the suite's admin: the order as the admin's answer shows it.
  static boost::json::object paid_order(HttpClient& client, const Account& customer, const boost::json::object& body) {
    const auto order = placed_order(client, customer, body);
    return moved_to(client, CatalogSuite<Suite>::admin(), str(order.at("id")), "paid");
  }
};

}  // namespace emporium::testing
