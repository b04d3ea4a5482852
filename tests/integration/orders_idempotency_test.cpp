// Idempotency-Key on POST /api/orders: one order per key, the first answer replayed byte for byte, another
// body refused, a key in flight refused, and keys that belong to their user.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <set>

#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class OrderIdempotency : public OrdersSuite<OrderIdempotency> {
 protected:
  static Headers key(const std::string& value) { return {{"Idempotency-Key", value}}; }
  static std::int64_t orders_of(HttpClient& client, const Account& buyer) {
    return list_json(client, "/api/orders", &buyer).at("pagination").at("total").to_number<std::int64_t>();
  }
};

TEST_F(OrderIdempotency, TheSameKeyAndBodyReplayTheFirstAnswerWithoutASecondOrder) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto tea = stocked_product(client, vendor(), 10, 450);
  const auto body = order_body({item(tea, 2)});
  const auto k = key(unique_tag("key"));
  const auto first = place_order(client, buyer, body, k);
  ASSERT_EQ(first.status, 201) << first.describe();
  EXPECT_FALSE(first.has_header("Idempotent-Replayed"));
  const auto order_id = str(first.json_object().at("id"));
  ASSERT_EQ(moved_to(client, admin(), order_id, "paid").at("status"), json::value("paid"));

  const auto second = place_order(client, buyer, body, k);
  ASSERT_EQ(second.status, 201) << second.describe();
  EXPECT_EQ(second.body, first.body) << "byte for byte, although the order has moved on since";
  EXPECT_EQ(second.header("Location"), first.header("Location"));
  EXPECT_EQ(second.header("Content-Type"), first.header("Content-Type"));
  EXPECT_EQ(second.header("Idempotent-Replayed"), "true");
  EXPECT_NE(second.header("X-Request-Id"), first.header("X-Request-Id"));
  EXPECT_EQ(orders_of(client, buyer), 1);
  EXPECT_EQ(stock_level(client, vendor(), tea), 8) << "stock taken once";
}

TEST_F(OrderIdempotency, TheSameKeyWithAnotherBodyIs422) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto tea = stocked_product(client, vendor(), 10);
  const auto k = key(unique_tag("key"));
  ASSERT_EQ(place_order(client, buyer, order_body({item(tea, 1)}), k).status, 201);
  const auto other = place_order(client, buyer, order_body({item(tea, 2)}), k);
  EXPECT_TRUE(is_problem(other, 422, "idempotency_key_reused"));
  EXPECT_EQ(orders_of(client, buyer), 1);
  EXPECT_EQ(stock_level(client, vendor(), tea), 9);
}

TEST_F(OrderIdempotency, KeysBelongToTheirUser) {
  auto client = this->client();
  const auto tea = stocked_product(client, vendor(), 10);
  const auto k = key(unique_tag("shared"));
  const auto first = place_order(client, customer(), order_body({item(tea, 1)}), k);
  const auto second = place_order(client, other_customer(), order_body({item(tea, 1)}), k);
  ASSERT_EQ(first.status, 201) << first.describe();
  ASSERT_EQ(second.status, 201) << second.describe();
  EXPECT_NE(first.json_object().at("id"), second.json_object().at("id"));
  EXPECT_FALSE(second.has_header("Idempotent-Replayed"));
  EXPECT_EQ(stock_level(client, vendor(), tea), 8);
}

TEST_F(OrderIdempotency, KeysMustBeOneTo255PrintableCharacters) {
  auto client = this->client();
  const auto tea = stocked_product(client, vendor(), 10);
  const auto body = order_body({item(tea, 1)});
  EXPECT_TRUE(
      is_problem(place_order(client, customer(), body, key(std::string(256, 'k'))), 400, "invalid_idempotency_key"));
  EXPECT_TRUE(is_problem(place_order(client, customer(), body, key("caf\xc3\xa9")), 400, "invalid_idempotency_key"));
  EXPECT_EQ(place_order(client, customer(), body, key(std::string(255, 'k') + unique_tag(""))).status, 400);
  EXPECT_EQ(stock_level(client, vendor(), tea), 10);
  EXPECT_EQ(place_order(client, customer(), body, key(unique_tag("k") + std::string(200, '~'))).status, 201);
}

TEST_F(OrderIdempotency, ARefusedOrderLeavesItsKeyUnused) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto tea = stocked_product(client, vendor(), 3);
  const auto k = key(unique_tag("key"));
  EXPECT_TRUE(is_problem(place_order(client, buyer, order_body({item(tea, 5)}), k), 409, "insufficient_stock"));
  EXPECT_TRUE(is_problem(place_order(client, buyer, order_body({item(tea, 5)}), k), 409, "insufficient_stock"))
      << "the work is tried again: nothing was done the first time";
  const auto placed = place_order(client, buyer, order_body({item(tea, 3)}), k);
  EXPECT_EQ(placed.status, 201) << "a refused request never used the key: " << placed.describe();
  EXPECT_EQ(stock_level(client, vendor(), tea), 0);
}

TEST_F(OrderIdempotency, TenConcurrentRequestsWithOneKeyMakeOneOrder) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto tea = stocked_product(client, vendor(), 100);
  const auto body = order_body({item(tea, 1)});
  const auto k = key(unique_tag("race"));
  const auto responses = at_once(10, [&](HttpClient& racer, int) { return place_order(racer, buyer, body, k); });
  std::set<std::string> bodies;
  for (const auto& response : responses) {
    if (response.status == 201) {
      bodies.insert(response.body);
    } else {
      EXPECT_TRUE(is_problem(response, 409, "idempotency_key_in_progress"));
    }
  }
  EXPECT_GE(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 201) + count_status(responses, 409), 10) << statuses(responses);
  EXPECT_EQ(bodies.size(), 1u) << "every 201 is the same answer";
  EXPECT_EQ(orders_of(client, buyer), 1);
  EXPECT_EQ(stock_level(client, vendor(), tea), 99);
  const auto replay = place_order(client, buyer, body, k);
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, *bodies.begin());
}

TEST_F(OrderIdempotency, ARepeatIsAnsweredFromItsKeyWhateverChangedSince) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto tea = stocked_product(client, vendor(), 10);
  const auto address = send_json(client, "POST", "/api/users/me/addresses", address_body(), bearer(buyer.access_token));
  ASSERT_EQ(address.status, 201) << address.describe();
  auto body = order_body({item(tea, 1)});
  body.erase("shippingAddress");  // the default shipping address
  const auto k = key(unique_tag("key"));
  const auto first = place_order(client, buyer, body, k);
  ASSERT_EQ(first.status, 201) << first.describe();
  const auto deleted = client.request("DELETE", "/api/users/me/addresses/" + str(address.json_object().at("id")),
                                      bearer(buyer.access_token));
  ASSERT_EQ(deleted.status, 204) << deleted.describe();
  EXPECT_TRUE(is_problem(place_order(client, buyer, body), 422, "shipping_address_required"));
  const auto again = place_order(client, buyer, body, k);
  EXPECT_EQ(again.status, 201) << again.describe();
  EXPECT_EQ(again.body, first.body);
}

TEST_F(OrderIdempotency, RequestsWithoutAKeyAreNotDeduplicated) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto tea = stocked_product(client, vendor(), 10);
  const auto body = order_body({item(tea, 1)});
  EXPECT_EQ(place_order(client, buyer, body).status, 201);
  EXPECT_EQ(place_order(client, buyer, body).status, 201);
  EXPECT_EQ(orders_of(client, buyer), 2);
}

}  // namespace
}  // namespace emporium::testing
