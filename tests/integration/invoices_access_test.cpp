// Who gets an order's invoice: its customer and admins (200), nobody else. Someone else's order is a 404 as on
// GET /api/orders/:id, vendors are refused (403: the invoice is the customer's whole document, with other
// vendors' lines), anonymous callers get 401, and an order that is not paid has no invoice (409).
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "invoices_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class InvoiceAccess : public InvoicesSuite<InvoiceAccess> {
 protected:
  static json::object unpaid_order(HttpClient& client) {
    const auto product = stocked_product(client, vendor(), 10, 1500);
    return placed_order(client, customer(), order_body({item(product, 1)}));
  }
};

TEST_F(InvoiceAccess, TheCustomerAndAdminsGetThePdf) {
  auto client = this->client();
  const auto product = stocked_product(client, vendor(), 10, 1500);
  const auto order = paid_order(client, customer(), order_body({item(product, 1)}));
  const auto id = str(order.at("id"));
  for (const auto* viewer : {&customer(), &admin()}) {
    const auto response = get_invoice(client, viewer, id);
    ASSERT_EQ(response.status, 200) << viewer->role << "\n" << response.describe();
    EXPECT_EQ(response.header("Content-Type"), "application/pdf");
    EXPECT_NE(pdf_to_text(response.body).find(str(order.at("invoiceNumber"))), std::string::npos);
  }
}

TEST_F(InvoiceAccess, OthersAreRefusedWithoutLearningAnything) {
  auto client = this->client();
  const auto product = stocked_product(client, vendor(), 10, 1500);
  const auto paid = paid_order(client, customer(), order_body({item(product, 1)}));
  const auto unpaid = unpaid_order(client);
  for (const auto& order : {paid, unpaid}) {
    const auto id = str(order.at("id"));
    // The same 404 for another customer's paid and unpaid orders and for no order at all.
    EXPECT_TRUE(is_problem(get_invoice(client, &other_customer(), id), 404, "not_found")) << id;
    EXPECT_TRUE(is_problem(get_invoice(client, nullptr, id), 401, "unauthorized")) << id;
    // Vendors: refused whether or not the order holds their lines.
    EXPECT_TRUE(is_problem(get_invoice(client, &vendor(), id), 403, "forbidden")) << id;
    EXPECT_TRUE(is_problem(get_invoice(client, &other_vendor(), id), 403, "forbidden")) << id;
  }
  EXPECT_TRUE(is_problem(get_invoice(client, &other_customer(), "ord_00000000000000000000000000"), 404, "not_found"));
}

TEST_F(InvoiceAccess, UnknownAndMalformedIdsAre404) {
  auto client = this->client();
  for (const auto* id : {"ord_00000000000000000000000000", "ord_7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "nonsense",
                         "usr_00000000000000000000000000"}) {
    EXPECT_TRUE(is_problem(get_invoice(client, &customer(), id), 404, "not_found")) << id;
    EXPECT_TRUE(is_problem(get_invoice(client, &admin(), id), 404, "not_found")) << id;
  }
}

TEST_F(InvoiceAccess, AnUnpaidOrderHasNoInvoiceYet) {
  auto client = this->client();
  const auto order = unpaid_order(client);
  const auto id = str(order.at("id"));
  ASSERT_TRUE(order.at("invoiceNumber").is_null());
  EXPECT_TRUE(is_problem(get_invoice(client, &customer(), id), 409, "invoice_not_available"));
  EXPECT_TRUE(is_problem(get_invoice(client, &admin(), id), 409, "invoice_not_available"));
  // Cancelled before payment: never paid, never an invoice.
  ASSERT_EQ(cancel_order(client, customer(), id).status, 200);
  EXPECT_TRUE(is_problem(get_invoice(client, &customer(), id), 409, "invoice_not_available"));
  EXPECT_TRUE(order_json(client, admin(), id).at("invoiceNumber").is_null());
}

TEST_F(InvoiceAccess, OnlyGetIsAnswered) {
  auto client = this->client();
  const auto product = stocked_product(client, vendor(), 10, 1500);
  const auto id = str(paid_order(client, customer(), order_body({item(product, 1)})).at("id"));
  for (const auto* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    const auto response = client.request(method, "/api/orders/" + id + "/invoice", bearer(customer().access_token));
    EXPECT_TRUE(is_problem(response, 405, "method_not_allowed")) << method;
  }
}

}  // namespace
}  // namespace emporium::testing
