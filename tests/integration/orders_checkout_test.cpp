// Ordering the cart and using coupons: the cart's lines and coupon become the order and the cart is emptied in
// the same transaction; a coupon is redeemed with the order, and a single-use coupon exactly once.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <cctype>

#include "inventory_api.hpp"
#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class OrderCheckout : public OrdersSuite<OrderCheckout> {
 protected:
  static void add_to_cart(HttpClient& client, const Account& buyer, const StockedVariant& variant, int quantity) {
    const auto response =
        send_json(client, "POST", "/api/cart/items", item(variant, quantity), bearer(buyer.access_token));
    ASSERT_EQ(response.status, 200) << response.describe();
  }
  static json::object cart_of(HttpClient& client, const Account& buyer) {
    const auto response = client.get("/api/cart", bearer(buyer.access_token));
    if (response.status != 200) throw std::runtime_error(response.describe());
    return response.json_object();
  }
  // A percentage coupon made by the admin, with `extra` fields (usageLimit…).
  static json::object coupon(HttpClient& client, json::object extra = {}) {
    json::object body{{"code", unique_sku("SAVE")}, {"type", "percentage"}, {"value", 10}};
    for (const auto& [key, value] : extra) body[key] = value;
    const auto response = send_json(client, "POST", "/api/coupons", body, bearer(admin().access_token));
    if (response.status != 201) throw std::runtime_error(response.describe());
    return response.json_object();
  }
  static json::object checkout_body() { return {{"shippingAddress", address_body("US")}, {"paymentMethod", "manual"}}; }
  static std::int64_t times_used(HttpClient& client, const json::object& made) {
    const auto response = client.get("/api/coupons/" + str(made.at("id")), bearer(admin().access_token));
    if (response.status != 200) throw std::runtime_error(response.describe());
    return response.json_object().at("timesUsed").to_number<std::int64_t>();
  }
};

TEST_F(OrderCheckout, OrderingTheCartOrdersItsLinesAndEmptiesIt) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto soap = stocked_product(client, vendor(), 10, 300);
  const auto towel = stocked_product(client, other_vendor(), 10, 1200);
  add_to_cart(client, buyer, soap, 3);
  add_to_cart(client, buyer, towel, 1);
  const auto order = placed_order(client, buyer, checkout_body());
  const auto& items = order.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(str(items[0].at("variantId")), soap.variant_id);
  EXPECT_EQ(items[0].at("quantity"), json::value(3));
  EXPECT_EQ(str(items[1].at("variantId")), towel.variant_id);
  EXPECT_EQ(order.at("subtotal"), json::value(2100));
  EXPECT_TRUE(cart_of(client, buyer).at("items").as_array().empty()) << "the cart was emptied";
  EXPECT_EQ(stock_level(client, vendor(), soap), 7);
  EXPECT_TRUE(is_problem(place_order(client, buyer, checkout_body()), 422, "cart_empty"));
  expect_ledger_balances(client, vendor(), soap.product_id);
}

TEST_F(OrderCheckout, ARefusedCartOrderLeavesTheCartAsItWas) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto soap = stocked_product(client, vendor(), 2, 300);
  add_to_cart(client, buyer, soap, 2);
  placed_order(client, other_customer(), order_body({item(soap, 1)}));
  const auto refused = place_order(client, buyer, checkout_body());
  ASSERT_TRUE(is_problem(refused, 409, "insufficient_stock"));
  EXPECT_EQ(error_fields(refused), (std::set<std::string>{"items[0]"}));
  EXPECT_EQ(cart_of(client, buyer).at("items").as_array().size(), 1u);
  EXPECT_EQ(stock_level(client, vendor(), soap), 1);
}

TEST_F(OrderCheckout, ACouponInTheBodyIsAppliedAndRedeemed) {
  auto client = this->client();
  const auto lamp = stocked_product(client, vendor(), 10, 2000);
  const auto made = coupon(client);
  auto body = order_body({item(lamp, 2)});
  body["couponCode"] = lower(str(made.at("code")));
  const auto order = placed_order(client, customer(), body);
  EXPECT_EQ(order.at("subtotal"), json::value(4000));
  EXPECT_EQ(order.at("discount"), json::value(400));
  EXPECT_EQ(order.at("coupon"), (json::object{{"id", made.at("id")}, {"code", made.at("code")}}));
  EXPECT_EQ(order.at("total"), json::value(4000 - 400 + 500));
  EXPECT_EQ(times_used(client, made), 1);
}

TEST_F(OrderCheckout, TheCartsCouponComesWithTheCart) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto lamp = stocked_product(client, vendor(), 10, 1000);
  const auto made = coupon(client);
  add_to_cart(client, buyer, lamp, 1);
  const auto applied =
      send_json(client, "POST", "/api/cart/coupon", {{"code", made.at("code")}}, bearer(buyer.access_token));
  ASSERT_EQ(applied.status, 200) << applied.describe();
  const auto order = placed_order(client, buyer, checkout_body());
  EXPECT_EQ(order.at("discount"), json::value(100));
  EXPECT_TRUE(cart_of(client, buyer).at("coupon").is_null());
  EXPECT_EQ(times_used(client, made), 1);
}

TEST_F(OrderCheckout, AnUnknownOrUnusableCouponRefusesTheOrder) {
  auto client = this->client();
  const auto lamp = stocked_product(client, vendor(), 10, 1000);
  auto body = order_body({item(lamp, 1)});
  body["couponCode"] = "NO-SUCH-" + unique_sku("X");
  const auto unknown = place_order(client, customer(), body);
  EXPECT_TRUE(is_problem(unknown, 422, "coupon_not_found"));
  EXPECT_EQ(error_fields(unknown), (std::set<std::string>{"couponCode"}));
  const auto big = coupon(client, {{"minSubtotal", 5000}});
  body["couponCode"] = big.at("code");
  EXPECT_TRUE(is_problem(place_order(client, customer(), body), 422, "coupon_min_subtotal_not_met"));
  EXPECT_EQ(stock_level(client, vendor(), lamp), 10);
  EXPECT_EQ(times_used(client, big), 0);
}

TEST_F(OrderCheckout, TwentyParallelOrdersRedeemASingleUseCouponOnce) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto lamp = stocked_product(client, seller, 100, 1000);
  const auto made = coupon(client, {{"usageLimit", 1}});
  auto body = order_body({item(lamp, 1)});
  body["couponCode"] = made.at("code");
  const auto responses = at_once(20, [&](HttpClient& racer, int i) {
    return place_order(racer, i % 2 == 0 ? customer() : other_customer(), body);
  });
  EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
  for (const auto& response : responses) {
    if (response.status == 201) {
      EXPECT_EQ(response.json_object().at("discount"), json::value(100));
    } else {
      EXPECT_TRUE(is_problem(response, 409, "coupon_exhausted") ||
                  is_problem(response, 422, "coupon_usage_limit_reached"))
          << response.describe();
    }
  }
  EXPECT_EQ(times_used(client, made), 1);
  EXPECT_EQ(stock_level(client, seller, lamp), 99) << "the refused orders reserved nothing";
  expect_ledger_balances(client, seller, lamp.product_id);
}

// Two checkouts of one cart at once (a double click, two tabs): the cart is ordered once, the other finds it
// empty, and the stock is taken once.
TEST_F(OrderCheckout, TwoCheckoutsOfOneCartAtOnceOrderItOnce) {
  auto client = this->client();
  for (int round = 0; round < 4; ++round) {
    const auto buyer = new_customer();
    const auto soap = stocked_product(client, vendor(), 10, 300);
    add_to_cart(client, buyer, soap, 3);
    const auto responses =
        at_once(2, [&](HttpClient& racer, int) { return place_order(racer, buyer, checkout_body()); });
    EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
    EXPECT_EQ(count_status(responses, 422), 1) << statuses(responses);
    EXPECT_EQ(stock_level(client, vendor(), soap), 7);
    expect_ledger_balances(client, vendor(), soap.product_id);
  }
}

// An unpaid order gives its coupon use back when it is cancelled or expires: unpaid orders cannot use up a
// limited coupon, and the customer may use a once-per-customer coupon again.
TEST_F(OrderCheckout, CancellingAnUnpaidOrderGivesTheCouponUseBack) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto soap = stocked_product(client, vendor(), 10, 1000);
  const auto made = coupon(client, {{"usageLimit", 1}, {"perCustomerLimit", 1}});
  auto body = order_body({item(soap, 1)});
  body["couponCode"] = made.at("code");
  const auto first = str(placed_order(client, buyer, body).at("id"));
  EXPECT_EQ(times_used(client, made), 1);
  EXPECT_FALSE(place_order(client, buyer, body).status == 201) << "used up while the first order stands";
  ASSERT_EQ(cancel_order(client, buyer, first).status, 200);
  EXPECT_EQ(times_used(client, made), 0);
  const auto again = placed_order(client, buyer, body);
  EXPECT_EQ(again.at("discount"), json::value(100));
  EXPECT_EQ(times_used(client, made), 1);
  // A paid order keeps its use when it is cancelled (its money is refunded, the promotion was spent).
  moved_to(client, admin(), str(again.at("id")), "paid");
  ASSERT_EQ(cancel_order(client, admin(), str(again.at("id"))).status, 200);
  EXPECT_EQ(times_used(client, made), 1);
}

}  // namespace
}  // namespace emporium::testing
