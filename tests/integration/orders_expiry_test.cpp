// Unpaid orders expire: a server whose orders wait one second for payment and whose expiry job looks every
// 200 ms. The stock of an expired order comes back once, also when its customer cancels at the same moment.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <chrono>
#include <iostream>
#include <thread>

#include "eventually.hpp"
#include "inventory_api.hpp"
#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

class OrderExpiry : public OrdersSuite<OrderExpiry> {
 public:
  static EnvVars config() {
    return accounts_config({{"EMPORIUM_ORDER_PAYMENT_TIMEOUT", "1"}, {"EMPORIUM_ORDER_EXPIRY_INTERVAL_MS", "200"}});
  }

 protected:
  static std::string status_of(HttpClient& client, const std::string& id) {
    return str(order_json(client, admin(), id).at("status"));
  }
  static int cancellations(HttpClient& client, const std::string& order_id) {
    int count = 0;
    for (const auto& event : order_events(client, admin(), order_id))
      count += str(event.at("toStatus")) == "cancelled" ? 1 : 0;
    return count;
  }
};

TEST_F(OrderExpiry, AnUnpaidOrderExpiresAndGivesItsStockBack) {
  auto client = this->client();
  const auto ice = stocked_product(client, vendor(), 4);
  const auto order = placed_order(client, customer(), order_body({item(ice, 4)}));
  const auto id = str(order.at("id"));
  const auto created = parse_time(str(order.at("createdAt")));
  EXPECT_EQ(parse_time(str(order.at("expiresAt"))) - created, 1000) << "one second to pay";
  EXPECT_EQ(stock_level(client, vendor(), ice), 0);
  ASSERT_TRUE(eventually([&] { return status_of(client, id) == "cancelled"; }, 10s));
  EXPECT_EQ(stock_level(client, vendor(), ice), 4);
  expect_ledger_balances(client, vendor(), ice.product_id);
  EXPECT_EQ(product_json(client, ice.product_id).at("inStock"), json::value(true));
  const auto last = order_events(client, customer(), id).back().as_object();
  EXPECT_TRUE(last.at("actorId").is_null()) << "the system did it";
  EXPECT_EQ(last.at("data"), (json::object{{"reason", "expired"}}));
  EXPECT_EQ(str(order_json(client, customer(), id).at("payment").at("status")), "voided");
}

TEST_F(OrderExpiry, APaidOrderDoesNotExpire) {
  auto client = this->client();
  const auto ice = stocked_product(client, vendor(), 4);
  const auto id = str(placed_order(client, customer(), order_body({item(ice, 1)})).at("id"));
  const auto paid = set_status(client, admin(), id, {{"status", "paid"}});
  ASSERT_EQ(paid.status, 200) << "paid within the second: " << paid.describe();
  std::this_thread::sleep_for(1500ms);  // well past the payment timeout and several runs of the job
  EXPECT_EQ(status_of(client, id), "paid");
  EXPECT_EQ(stock_level(client, vendor(), ice), 3);
}

TEST_F(OrderExpiry, CancelRacingExpiryReleasesStockOnce) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto ice = stocked_product(client, seller, 40);
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i)
    ids.push_back(str(placed_order(client, customer(), order_body({item(ice, 2)})).at("id")));
  EXPECT_EQ(stock_level(client, seller, ice), 0);
  // Cancel the orders one after another across the moment the job expires them (every 200 ms from one second
  // on): the cancels that come first win, the job takes the rest, and some meet the job in the same instant.
  std::this_thread::sleep_for(800ms);
  const auto responses = at_once(20, [&](HttpClient& racer, int i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25 * i));
    return cancel_order(racer, customer(), ids[static_cast<std::size_t>(i)]);
  });
  for (const auto& response : responses) {
    EXPECT_TRUE(response.status == 200 || is_problem(response, 409, "invalid_transition")) << response.describe();
  }
  ASSERT_TRUE(eventually(
      [&] {
        for (const auto& id : ids)
          if (status_of(client, id) != "cancelled") return false;
        return true;
      },
      10s));
  EXPECT_EQ(stock_level(client, seller, ice), 40) << "every order gave its 2 back exactly once";
  for (const auto& id : ids) EXPECT_EQ(cancellations(client, id), 1) << id;
  expect_ledger_balances(client, seller, ice.product_id);
  std::cout << "cancels won " << count_status(responses, 200) << ", the job " << count_status(responses, 409) << "\n";
}

}  // namespace
}  // namespace emporium::testing
