// Cancelling: customers cancel their unpaid orders, admins any order not yet shipped; the stock comes back
// exactly once, whatever races; a paid order cancelled leaves a refund due.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "inventory_api.hpp"
#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class OrderCancels : public OrdersSuite<OrderCancels> {
 protected:
  static int cancellations(HttpClient& client, const std::string& order_id) {
    int count = 0;
    for (const auto& event : order_events(client, admin(), order_id))
      count += str(event.at("toStatus")) == "cancelled" ? 1 : 0;
    return count;
  }
};

TEST_F(OrderCancels, ACustomerCancelsAnUnpaidOrderAndTheStockComesBack) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5);
  const auto scarf = stocked_product(client, other_vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 2), item(scarf, 5)})).at("id"));
  EXPECT_EQ(product_json(client, scarf.product_id).at("inStock"), json::value(false));
  const auto response = cancel_order(client, customer(), id);
  ASSERT_EQ(response.status, 200) << response.describe();
  const auto order = response.json_object();
  EXPECT_EQ(str(order.at("status")), "cancelled");
  EXPECT_FALSE(order.at("cancelledAt").is_null());
  EXPECT_EQ(str(order.at("payment").at("status")), "voided");
  EXPECT_EQ(stock_level(client, vendor(), hat), 5);
  EXPECT_EQ(stock_level(client, other_vendor(), scarf), 5);
  EXPECT_EQ(product_json(client, scarf.product_id).at("inStock"), json::value(true));
  const auto last = order_events(client, customer(), id).back().as_object();
  EXPECT_EQ(str(last.at("fromStatus")), "pending_payment");
  EXPECT_EQ(str(last.at("toStatus")), "cancelled");
  EXPECT_EQ(str(last.at("actorId")), customer().id);
  EXPECT_EQ(last.at("data"), (json::object{{"reason", "customer"}}));
}

TEST_F(OrderCancels, CancellingTwiceIs409AndGivesNothingBackTwice) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 3)})).at("id"));
  ASSERT_EQ(cancel_order(client, customer(), id).status, 200);
  EXPECT_TRUE(is_problem(cancel_order(client, customer(), id), 409, "invalid_transition"));
  EXPECT_TRUE(is_problem(cancel_order(client, admin(), id), 409, "invalid_transition"));
  EXPECT_EQ(stock_level(client, vendor(), hat), 5);
  EXPECT_EQ(cancellations(client, id), 1);
  expect_ledger_balances(client, vendor(), hat.product_id);
}

TEST_F(OrderCancels, APaidOrderIsCancelledByAnAdminOnlyAndOwesARefund) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5, 1234);
  const auto order = placed_order(client, customer(), order_body({item(hat, 1)}));
  const auto id = str(order.at("id"));
  moved_to(client, admin(), id, "paid");
  const auto refused = cancel_order(client, customer(), id);
  EXPECT_TRUE(is_problem(refused, 409, "invalid_transition"));
  EXPECT_EQ(stock_level(client, vendor(), hat), 4);
  const auto response = client.request("POST", "/api/orders/" + id + "/cancel",
                                       bearer(admin().access_token, {{"Content-Type", "application/json"}}),
                                       R"({"note": "customer called"})");
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(str(response.json_object().at("payment").at("status")), "refund_due");
  EXPECT_EQ(stock_level(client, vendor(), hat), 5);
  const auto last = order_events(client, customer(), id).back().as_object();
  EXPECT_EQ(str(last.at("note")), "customer called");
  EXPECT_EQ(last.at("data"), (json::object{{"reason", "admin"}, {"refundDue", order.at("total")}}));
  // A manual payment is not refunded by the payments job: it waits for an admin to record the refund.
  EXPECT_EQ(str(order_json(client, admin(), id).at("payment").at("status")), "refund_due");
}

TEST_F(OrderCancels, AnAdminMayCancelThroughTheStatusRouteToo) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 2)})).at("id"));
  moved_to(client, admin(), id, "paid");
  moved_to(client, admin(), id, "processing");
  EXPECT_EQ(str(moved_to(client, admin(), id, "cancelled").at("status")), "cancelled");
  EXPECT_EQ(stock_level(client, vendor(), hat), 5);
}

TEST_F(OrderCancels, ShippedOrdersCannotBeCancelled) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 2)})).at("id"));
  moved_to(client, admin(), id, "paid");
  moved_to(client, admin(), id, "shipped");
  EXPECT_TRUE(is_problem(cancel_order(client, admin(), id), 409, "invalid_transition"));
  EXPECT_EQ(stock_level(client, vendor(), hat), 3);
}

TEST_F(OrderCancels, OnlyTheOwnerOrAnAdminCancels) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 1)})).at("id"));
  EXPECT_TRUE(is_problem(cancel_order(client, other_customer(), id), 404, "not_found"));
  EXPECT_TRUE(is_problem(cancel_order(client, vendor(), id), 403, "forbidden"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/orders/" + id + "/cancel"), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(cancel_order(client, customer(), "ord_01JDQ3ZQ6X9V2M5W8Y1T4R7B0C"), 404, "not_found"));
  EXPECT_TRUE(is_problem(cancel_order(client, customer(), "prod_01JDQ3ZQ6X9V2M5W8Y1T4R7B0C"), 404, "not_found"));
  EXPECT_EQ(stock_level(client, vendor(), hat), 4);
}

TEST_F(OrderCancels, CancelBodiesAreChecked) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 1)})).at("id"));
  const auto json_headers = bearer(customer().access_token, {{"Content-Type", "application/json"}});
  const auto url = "/api/orders/" + id + "/cancel";
  EXPECT_TRUE(is_problem(client.request("POST", url, json_headers, "{"), 400, "malformed_json"));
  EXPECT_TRUE(is_problem(client.request("POST", url, json_headers, R"({"status": "paid"})"), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(client.request("POST", url, json_headers, R"({"note": 5})"), 422, "validation_failed"));
  EXPECT_EQ(str(order_json(client, customer(), id).at("status")), "pending_payment");
}

TEST_F(OrderCancels, TenConcurrentCancelsReleaseTheStockOnce) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 10);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 7)})).at("id"));
  const auto responses =
      at_once(10, [&](HttpClient& racer, int i) { return cancel_order(racer, i % 2 == 0 ? customer() : admin(), id); });
  EXPECT_EQ(count_status(responses, 200), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 9) << statuses(responses);
  EXPECT_EQ(stock_level(client, vendor(), hat), 10);
  EXPECT_EQ(cancellations(client, id), 1);
  expect_ledger_balances(client, vendor(), hat.product_id);
}

// Shipped goods are gone: an order one vendor shipped its lines of (the other has not yet) cannot be cancelled,
// and nothing comes back to stock.
TEST_F(OrderCancels, AnOrderWithShippedLinesCannotBeCancelled) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 5);
  const auto scarf = stocked_product(client, other_vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 2), item(scarf, 1)})).at("id"));
  moved_to(client, admin(), id, "paid");
  const auto shipped = set_status(client, vendor(), id,
                                  json::object{{"status", "shipped"}, {"carrier", "DHL"}, {"trackingNumber", "T-1"}});
  ASSERT_EQ(shipped.status, 200) << shipped.describe();
  EXPECT_TRUE(is_problem(cancel_order(client, admin(), id), 409, "order_partly_shipped"));
  const auto order = order_json(client, admin(), id);
  EXPECT_EQ(str(order.at("status")), "paid");
  EXPECT_EQ(stock_level(client, vendor(), hat), 3);
  EXPECT_EQ(stock_level(client, other_vendor(), scarf), 4);
  EXPECT_EQ(cancellations(client, id), 0);
  expect_ledger_balances(client, vendor(), hat.product_id);
}

// Racing a vendor's shipment against an admin's cancel: either the lines ship and the cancel is refused, or the
// order is cancelled (stock back once) and the shipment is refused — never both.
TEST_F(OrderCancels, ShippingAndCancellingAtOnceNeverBothWin) {
  auto client = this->client();
  for (int round = 0; round < 6; ++round) {
    const auto hat = stocked_product(client, vendor(), 5);
    const auto scarf = stocked_product(client, other_vendor(), 5);
    const auto id = str(placed_order(client, customer(), order_body({item(hat, 2), item(scarf, 1)})).at("id"));
    moved_to(client, admin(), id, "paid");
    const auto responses = at_once(2, [&](HttpClient& racer, int i) {
      return i == 0 ? set_status(racer, vendor(), id,
                                 json::object{{"status", "shipped"}, {"carrier", "DHL"}, {"trackingNumber", "T-2"}})
                    : cancel_order(racer, admin(), id);
    });
    EXPECT_EQ(count_status(responses, 200), 1) << statuses(responses);
    const bool cancelled = responses[1].status == 200;
    EXPECT_EQ(stock_level(client, vendor(), hat), cancelled ? 5 : 3) << "round " << round;
    EXPECT_EQ(str(order_json(client, admin(), id).at("status")), cancelled ? "cancelled" : "paid");
    expect_ledger_balances(client, vendor(), hat.product_id);
  }
}

}  // namespace
}  // namespace emporium::testing
