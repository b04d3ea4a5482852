// The status machine over HTTP: admins move orders along it, vendors ship their own lines, and every
// transition is a timeline entry. Anything the machine does not allow is a 409.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class OrderStatuses : public OrdersSuite<OrderStatuses> {
 protected:
  // An order of the suite's customer for one item of `vendor` and one of `other_vendor`.
  static json::object two_vendor_order(HttpClient& client) {
    const auto a = stocked_product(client, vendor(), 10, 1000);
    const auto b = stocked_product(client, other_vendor(), 10, 2000);
    return placed_order(client, customer(), order_body({item(a, 1), item(b, 2)}));
  }
  static json::object shipment(const std::string& carrier = "DHL", const std::string& tracking = "JD0001") {
    return {{"status", "shipped"}, {"carrier", carrier}, {"trackingNumber", tracking}};
  }
};

TEST_F(OrderStatuses, AnAdminWalksTheWholeHappyPath) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  const auto paid = moved_to(client, admin(), id, "paid");
  EXPECT_EQ(str(paid.at("status")), "paid");
  EXPECT_EQ(paid.at("payment"), (json::object{{"provider", "manual"}, {"status", "paid"}}));
  EXPECT_FALSE(paid.at("paidAt").is_null());
  EXPECT_TRUE(paid.at("expiresAt").is_null()) << "a paid order no longer expires";
  EXPECT_EQ(str(moved_to(client, admin(), id, "processing").at("status")), "processing");
  const auto shipped = set_status(client, admin(), id, shipment("UPS", "1Z999"));
  ASSERT_EQ(shipped.status, 200) << shipped.describe();
  const auto shipped_order = shipped.json_object();
  for (const auto& line : shipped_order.at("items").as_array()) {
    EXPECT_EQ(str(line.at("fulfillmentStatus")), "shipped");
    EXPECT_EQ(str(line.at("carrier")), "UPS");
    EXPECT_EQ(str(line.at("trackingNumber")), "1Z999");
  }
  const auto delivered = moved_to(client, admin(), id, "delivered");
  EXPECT_EQ(str(delivered.at("status")), "delivered");
  EXPECT_EQ(str(delivered.at("items").at(0).at("fulfillmentStatus")), "delivered");

  std::vector<std::string> moves;
  for (const auto& event : order_events(client, customer(), id)) {
    if (str(event.at("type")) != "status_changed") continue;
    moves.push_back(str(event.at("fromStatus")) + ">" + str(event.at("toStatus")));
    EXPECT_EQ(str(event.at("actorId")), admin().id);
  }
  EXPECT_EQ(moves, (std::vector<std::string>{"pending_payment>paid", "paid>processing", "processing>shipped",
                                             "shipped>delivered"}));
}

TEST_F(OrderStatuses, TransitionsTheMachineDoesNotHaveAre409) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  for (const auto* status : {"pending_payment", "processing", "shipped", "delivered", "refunded"})
    EXPECT_TRUE(is_problem(set_status(client, admin(), id, {{"status", status}}), 409, "invalid_transition")) << status;
  moved_to(client, admin(), id, "paid");
  EXPECT_TRUE(is_problem(set_status(client, admin(), id, {{"status", "paid"}}), 409, "invalid_transition"));
  EXPECT_TRUE(is_problem(set_status(client, admin(), id, {{"status", "pending_payment"}}), 409, "invalid_transition"));
  EXPECT_TRUE(is_problem(set_status(client, admin(), id, {{"status", "delivered"}}), 409, "invalid_transition"));
  EXPECT_EQ(str(order_json(client, admin(), id).at("status")), "paid");
}

TEST_F(OrderStatuses, StatusBodiesAreChecked) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  EXPECT_EQ(error_fields(set_status(client, admin(), id, {{"status", "lost"}})), (std::set<std::string>{"status"}));
  EXPECT_EQ(error_fields(set_status(client, admin(), id, json::object{})), (std::set<std::string>{"status"}));
  EXPECT_EQ(error_fields(set_status(client, admin(), id, {{"status", "paid"}, {"carrier", "DHL"}})),
            (std::set<std::string>{"carrier"}));
  EXPECT_EQ(error_fields(set_status(client, admin(), id, {{"status", "paid"}, {"customerId", "usr_x"}})),
            (std::set<std::string>{"customerId"}));
  EXPECT_EQ(error_fields(set_status(client, admin(), id, {{"status", "paid"}, {"note", std::string(1001, 'n')}})),
            (std::set<std::string>{"note"}));
  EXPECT_TRUE(is_problem(client.request("PUT", "/api/orders/" + id + "/status",
                                        bearer(admin().access_token, {{"Content-Type", "application/json"}}), "{"),
                         400, "malformed_json"));
  EXPECT_EQ(str(order_json(client, admin(), id).at("status")), "pending_payment");
}

TEST_F(OrderStatuses, CustomersAndStrangersCannotSetStatuses) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  EXPECT_TRUE(is_problem(set_status(client, customer(), id, {{"status", "paid"}}), 403, "forbidden"));
  EXPECT_TRUE(
      is_problem(send_json(client, "PUT", "/api/orders/" + id + "/status", {{"status", "paid"}}), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(set_status(client, admin(), "ord_01JDQ3ZQ6X9V2M5W8Y1T4R7B0C", {{"status", "paid"}}), 404,
                         "not_found"));
  EXPECT_TRUE(is_problem(set_status(client, admin(), "nonsense", {{"status", "paid"}}), 404, "not_found"));
}

TEST_F(OrderStatuses, EachVendorShipsItsOwnLinesAndTheLastOneShipsTheOrder) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  EXPECT_TRUE(is_problem(set_status(client, vendor(), id, shipment()), 409, "invalid_transition")) << "not paid yet";
  moved_to(client, admin(), id, "paid");

  const auto first = set_status(client, vendor(), id, shipment("DHL", "A-1"));
  ASSERT_EQ(first.status, 200) << first.describe();
  const auto mine = first.json_object();
  EXPECT_EQ(str(mine.at("status")), "paid") << "the other vendor's line is not shipped yet";
  ASSERT_EQ(mine.at("items").as_array().size(), 1u) << "a vendor sees its own lines only";
  EXPECT_EQ(str(mine.at("items").at(0).at("trackingNumber")), "A-1");
  EXPECT_EQ(mine.at("subtotal"), json::value(1000));
  EXPECT_FALSE(mine.contains("total"));
  EXPECT_FALSE(mine.contains("customerId"));
  EXPECT_TRUE(is_problem(set_status(client, vendor(), id, shipment()), 409, "lines_already_shipped"));

  const auto last = set_status(client, other_vendor(), id, shipment("UPS", "B-2"));
  ASSERT_EQ(last.status, 200) << last.describe();
  EXPECT_EQ(str(last.json_object().at("status")), "shipped");
  const auto order = order_json(client, customer(), id);
  EXPECT_EQ(str(order.at("status")), "shipped");
  EXPECT_EQ(str(order.at("items").at(0).at("carrier")), "DHL");
  EXPECT_EQ(str(order.at("items").at(1).at("carrier")), "UPS");
  const auto events = order_events(client, customer(), id);
  const auto& last_event = events.back().as_object();
  EXPECT_EQ(str(last_event.at("toStatus")), "shipped");
  EXPECT_EQ(str(last_event.at("actorId")), other_vendor().id);
}

TEST_F(OrderStatuses, VendorsOnlyShipWithCarrierAndTrackingAndNothingElse) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  moved_to(client, admin(), id, "paid");
  EXPECT_EQ(error_fields(set_status(client, vendor(), id, {{"status", "shipped"}})),
            (std::set<std::string>{"carrier", "trackingNumber"}));
  EXPECT_TRUE(is_problem(set_status(client, vendor(), id, {{"status", "processing"}}), 403, "forbidden"));
  EXPECT_TRUE(is_problem(set_status(client, vendor(), id, {{"status", "cancelled"}}), 403, "forbidden"));
  EXPECT_EQ(str(order_json(client, admin(), id).at("status")), "paid");
}

TEST_F(OrderStatuses, AVendorCannotTouchAnOrderWithoutItsLines) {
  auto client = this->client();
  const auto outsider = new_vendor(client, admin());
  const auto id = str(two_vendor_order(client).at("id"));
  moved_to(client, admin(), id, "paid");
  EXPECT_TRUE(is_problem(set_status(client, outsider, id, shipment()), 404, "not_found"));
  EXPECT_TRUE(is_problem(get_order(client, outsider, id), 404, "not_found"));
  EXPECT_EQ(str(order_json(client, admin(), id).at("items").at(0).at("fulfillmentStatus")), "unfulfilled");
}

TEST_F(OrderStatuses, OfTenConcurrentTransitionsOnlyOneWins) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  const auto responses = at_once(10, [&](HttpClient& racer, int) {
    return set_status(racer, admin(), id, {{"status", "paid"}});
  });
  EXPECT_EQ(count_status(responses, 200), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 9) << statuses(responses);
  int paid_events = 0;
  for (const auto& event : order_events(client, admin(), id))
    paid_events += str(event.at("toStatus")) == "paid" ? 1 : 0;
  EXPECT_EQ(paid_events, 1);
}

TEST_F(OrderStatuses, BothVendorsShippingAtOnceShipTheOrder) {
  auto client = this->client();
  const auto id = str(two_vendor_order(client).at("id"));
  moved_to(client, admin(), id, "paid");
  const auto responses = at_once(2, [&](HttpClient& racer, int i) {
    return set_status(racer, i == 0 ? vendor() : other_vendor(), id, shipment());
  });
  EXPECT_EQ(count_status(responses, 200), 2) << statuses(responses);
  EXPECT_EQ(str(order_json(client, admin(), id).at("status")), "shipped")
      << "whichever came last saw the other's lines shipped";
}

}  // namespace
}  // namespace emporium::testing
