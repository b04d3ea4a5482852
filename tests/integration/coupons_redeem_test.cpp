// Coupons redeemed by orders over HTTP: the usage limit and the per-customer limit hold when orders race, and a
// used-up coupon then refuses to apply to a cart.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "cart_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class CouponsRedeem : public CartSuite<CouponsRedeem> {
 protected:
  static json::object order_with(const CartProduct& product, const std::string& code) {
    return {{"items", json::array{line(product, 1)}},
            {"shippingAddress",
             {{"fullName", "Ada Lovelace"}, {"line1", "1 Analytical Way"}, {"city", "Berlin"}, {"country", "DE"}}},
            {"paymentMethod", "manual"},
            {"couponCode", code}};
  }
  static HttpResponse place(HttpClient& client, const Account& customer, const json::object& body) {
    return send_json(client, "POST", "/api/orders", body, bearer(customer.access_token));
  }
  static std::int64_t times_used(HttpClient& client, const json::object& coupon) {
    const auto response = client.get("/api/coupons/" + str(coupon.at("id")), bearer(admin().access_token));
    if (response.status != 200) throw std::runtime_error("GET coupon failed:\n" + response.describe());
    return response.json_object().at("timesUsed").as_int64();
  }
};

TEST_F(CouponsRedeem, TwentyParallelOrdersRedeemASingleUseCouponOnce) {
  auto client = this->client();
  const auto code = unique_code("Once");
  const auto coupon = create_coupon(client, admin(), with(coupon_body(code, "fixed", 100), "usageLimit", 1));
  const auto product = cart_product(client, vendor(), {.price = 1000, .stock = 50});
  std::vector<Account> customers;
  for (int i = 0; i < 20; ++i) customers.push_back(new_customer());
  const auto responses = send_at_once(server().port(), 20, [&](HttpClient& c, int i) {
    return place(c, customers[static_cast<std::size_t>(i)], order_with(product, code));
  });
  ASSERT_EQ(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409) + count_status(responses, 422), 19) << statuses(responses);
  for (const auto& response : responses) {
    if (response.status == 201) {
      EXPECT_EQ(response.json_object().at("discount"), json::value(100));
    } else {
      EXPECT_TRUE(is_problem(response, 409, "coupon_exhausted") ||
                  is_problem(response, 422, "coupon_usage_limit_reached"))
          << response.describe();
    }
  }
  EXPECT_EQ(times_used(client, coupon), 1);
  // The coupon is used up: a cart refuses it.
  const auto late = new_customer();
  added_to_cart(client, late, product, 1);
  EXPECT_TRUE(is_problem(apply_coupon(client, late, code), 422, "coupon_usage_limit_reached"));
}

TEST_F(CouponsRedeem, ParallelOrdersOfOneCustomerRespectThePerCustomerLimit) {
  auto client = this->client();
  const auto code = unique_code("Each");
  const auto coupon = create_coupon(client, admin(), with(coupon_body(code), "perCustomerLimit", 2));
  const auto product = cart_product(client, vendor(), {.price = 1000, .stock = 50});
  const auto customer = new_customer();
  const auto responses = send_at_once(
      server().port(), 10, [&](HttpClient& c, int) { return place(c, customer, order_with(product, code)); });
  EXPECT_EQ(count_status(responses, 201), 2) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409) + count_status(responses, 422), 8) << statuses(responses);
  EXPECT_EQ(times_used(client, coupon), 2);
  added_to_cart(client, customer, product, 1);
  EXPECT_TRUE(is_problem(apply_coupon(client, customer, code), 422, "coupon_customer_limit_reached"));
  const auto other = new_customer();
  added_to_cart(client, other, product, 1);
  EXPECT_EQ(apply_coupon(client, other, code).status, 200) << "another customer has uses left";
}

}  // namespace
}  // namespace emporium::testing
