// Coupons applied to a cart over HTTP: what each type takes off (and how it rounds), scopes, the reasons a
// coupon cannot be used, a stored coupon that stops applying, and the throttling of wrong guesses.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cctype>
#include <string>

#include "cart_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class CouponsApply : public CartSuite<CouponsApply> {
 protected:
  // A customer with `price` × 1 in the cart.
  static Account customer_with(HttpClient& client, std::int64_t price) {
    auto customer = new_customer();
    added_to_cart(client, customer, cart_product(client, vendor(), {.price = price}), 1);
    return customer;
  }
  static json::object applied(HttpClient& client, const Account& customer, const std::string& code) {
    const auto response = apply_coupon(client, customer, code);
    if (response.status != 200) throw std::runtime_error("POST /api/cart/coupon failed:\n" + response.describe());
    return response.json_object();
  }
  static HttpResponse replace_coupon(HttpClient& client, const json::object& coupon, const json::object& body) {
    return send_json(client, "PUT", "/api/coupons/" + str(coupon.at("id")), body, bearer(admin().access_token));
  }
};

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST_F(CouponsApply, APercentageRoundsDownToTheMinorUnitAndCodesIgnoreCase) {
  auto client = this->client();
  const auto code = unique_code("Pct");
  create_coupon(client, admin(), coupon_body(code, "percentage", 15));
  const auto customer = customer_with(client, 999);
  const auto cart = applied(client, customer, lower(code));
  EXPECT_EQ(cart.at("coupon"), (json::object{{"code", code}, {"type", "percentage"}, {"discount", 149}}))
      << "15 % of 999 is 149.85: rounded down";
  EXPECT_EQ(cart.at("discount"), json::value(149));
  EXPECT_EQ(cart.at("subtotal"), json::value(999));
  EXPECT_EQ(cart.at("total"), json::value(999 - 149 + kShippingRate));
  EXPECT_TRUE(cart.at("couponIssue").is_null());
  EXPECT_EQ(cart_json(client, customer), cart) << "the coupon is stored on the cart";
}

TEST_F(CouponsApply, AFixedAmountNeverExceedsTheEligibleSubtotal) {
  auto client = this->client();
  const auto small = unique_code("Fix");
  create_coupon(client, admin(), coupon_body(small, "fixed", 300));
  const auto big = unique_code("Fix");
  create_coupon(client, admin(), coupon_body(big, "fixed", 5000));
  const auto customer = customer_with(client, 1200);
  EXPECT_EQ(applied(client, customer, small).at("discount"), json::value(300));
  const auto cart = applied(client, customer, big);
  EXPECT_EQ(cart.at("discount"), json::value(1200)) << "capped at the subtotal";
  EXPECT_EQ(cart.at("coupon").at("code"), json::value(big)) << "a new coupon replaces the old one";
  EXPECT_EQ(cart.at("total").as_int64(), cart.at("shipping").as_int64() + cart.at("tax").as_int64());
}

TEST_F(CouponsApply, FreeShippingTakesNothingOffTheGoods) {
  auto client = this->client();
  const auto code = unique_code("Ship");
  create_coupon(client, admin(), without(coupon_body(code, "free_shipping"), "value"));
  const auto customer = customer_with(client, 2000);
  EXPECT_EQ(cart_json(client, customer).at("shipping"), json::value(kShippingRate));
  const auto cart = applied(client, customer, code);
  EXPECT_EQ(cart.at("coupon"), (json::object{{"code", code}, {"type", "free_shipping"}, {"discount", 0}}));
  EXPECT_EQ(cart.at("shipping"), json::value(0));
  EXPECT_EQ(cart.at("total"), json::value(2000));
}

TEST_F(CouponsApply, ScopesCoverTheirProductsAndCategoriesWithDescendants) {
  auto client = this->client();
  const auto parent = create_category(client, admin(), unique_tag("parent"));
  const auto child = create_category(client, admin(), unique_tag("child"), str(parent.at("id")));
  const auto in_child = cart_product(client, vendor(), {.price = 1000, .category_id = str(child.at("id"))});
  const auto elsewhere = cart_product(client, vendor(), {.price = 3000});
  const auto customer = new_customer();
  added_to_cart(client, customer, in_child, 1);
  added_to_cart(client, customer, elsewhere, 1);

  const auto by_category = unique_code("Cat");
  create_coupon(client, admin(),
                with(coupon_body(by_category, "percentage", 50), "categoryIds", json::array{parent.at("id")}));
  EXPECT_EQ(applied(client, customer, by_category).at("discount"), json::value(500))
      << "half of the line in the sub-category only";
  const auto by_product = unique_code("Prod");
  create_coupon(
      client, admin(),
      with(coupon_body(by_product, "fixed", 5000), "productIds", json::array{json::value(elsewhere.product_id)}));
  EXPECT_EQ(applied(client, customer, by_product).at("discount"), json::value(3000)) << "capped at its lines";

  const auto nowhere = unique_code("None");
  const auto lonely = cart_product(client, vendor());
  create_coupon(client, admin(), with(coupon_body(nowhere), "productIds", json::array{json::value(lonely.product_id)}));
  EXPECT_TRUE(is_problem(apply_coupon(client, customer, nowhere), 422, "coupon_not_applicable"));
}

TEST_F(CouponsApply, EveryReasonACouponCannotBeUsedHasItsCode) {
  auto client = this->client();
  const auto customer = customer_with(client, 1000);
  const auto expect_refusal = [&](json::object body, const std::string& code) {
    const auto coupon_code = unique_code("No");
    body["code"] = coupon_code;
    create_coupon(client, admin(), body);
    const auto response = apply_coupon(client, customer, coupon_code);
    EXPECT_TRUE(is_problem(response, 422, code)) << code;
    EXPECT_EQ(error_fields(response), std::set<std::string>{"code"}) << response.describe();
  };
  expect_refusal(with(coupon_body(""), "active", false), "coupon_inactive");
  expect_refusal(with(coupon_body(""), "startsAt", "2099-01-01T00:00:00Z"), "coupon_not_started");
  expect_refusal(with(coupon_body(""), "expiresAt", "2020-01-01T00:00:00Z"), "coupon_expired");
  expect_refusal(with(coupon_body(""), "minSubtotal", 1001), "coupon_min_subtotal_not_met");
  expect_refusal(with(coupon_body("", "fixed", 100), "currency", "EUR"), "coupon_currency_mismatch");
  expect_refusal(with(coupon_body("", "percentage", 10), "currency", "EUR"), "coupon_currency_mismatch");
  const auto cart = cart_json(client, customer);
  EXPECT_TRUE(cart.at("coupon").is_null()) << "a refused coupon is not stored";
  EXPECT_TRUE(cart.at("couponIssue").is_null());

  const auto exact = unique_code("Min");
  create_coupon(client, admin(), with(coupon_body(exact), "minSubtotal", 1000));
  EXPECT_EQ(applied(client, customer, exact).at("discount"), json::value(100)) << "the minimum itself is enough";
  const auto empty = new_customer();
  EXPECT_TRUE(is_problem(apply_coupon(client, empty, exact), 422, "coupon_min_subtotal_not_met"));
  const auto any = unique_code("Any");
  create_coupon(client, admin(), coupon_body(any));
  EXPECT_TRUE(is_problem(apply_coupon(client, empty, any), 422, "coupon_not_applicable")) << "an empty cart";
}

TEST_F(CouponsApply, ACouponThatStopsApplyingIsShownAsAnIssue) {
  auto client = this->client();
  const auto code = unique_code("Fade");
  const auto coupon = create_coupon(client, admin(), with(coupon_body(code, "percentage", 10), "minSubtotal", 1500));
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor(), {.price = 1000});
  auto cart = added_to_cart(client, customer, product, 2);
  applied(client, customer, code);
  // The basket drops below the minimum: GET still answers, showing why the coupon does not apply.
  const auto id = item_id(cart, product.variant_id);
  ASSERT_EQ(
      send_json(client, "PATCH", "/api/cart/items/" + id, {{"quantity", 1}}, bearer(customer.access_token)).status,
      200);
  cart = cart_json(client, customer);
  EXPECT_TRUE(cart.at("coupon").is_null());
  ASSERT_TRUE(cart.at("couponIssue").is_object()) << json::serialize(cart);
  EXPECT_EQ(str(cart.at("couponIssue").at("code")), code);
  EXPECT_EQ(str(cart.at("couponIssue").at("reason")), "coupon_min_subtotal_not_met");
  EXPECT_TRUE(cart.at("couponIssue").at("detail").is_string());
  EXPECT_EQ(cart.at("discount"), json::value(0));
  // It applies again once the basket qualifies again.
  added_to_cart(client, customer, product, 1);
  EXPECT_EQ(cart_json(client, customer).at("discount"), json::value(200));
  // Deactivated, then deleted, by the admin.
  ASSERT_EQ(replace_coupon(client, coupon, with(coupon_body(code), "active", false)).status, 200);
  EXPECT_EQ(str(cart_json(client, customer).at("couponIssue").at("reason")), "coupon_inactive");
  ASSERT_EQ(client.request("DELETE", "/api/coupons/" + str(coupon.at("id")), bearer(admin().access_token)).status, 204);
  for (int i = 0; i < kWrongGuesses + 2; ++i) {
    EXPECT_EQ(str(cart_json(client, customer).at("couponIssue").at("reason")), "coupon_not_found");
  }
  // Showing the cart again and again is not guessing: this customer may still apply a real code.
  const auto real = unique_code("Real");
  create_coupon(client, admin(), coupon_body(real));
  EXPECT_EQ(str(applied(client, customer, real).at("coupon").at("code")), real);
  // And the coupon can be removed from the cart.
  const auto removed = client.request("DELETE", "/api/cart/coupon", bearer(customer.access_token));
  ASSERT_EQ(removed.status, 200) << removed.describe();
  EXPECT_TRUE(removed.json_object().at("coupon").is_null());
  EXPECT_TRUE(removed.json_object().at("couponIssue").is_null());
  EXPECT_EQ(removed.json_object().at("discount"), json::value(0));
  EXPECT_EQ(client.request("DELETE", "/api/cart/coupon", bearer(customer.access_token)).status, 200) << "idempotent";
}

TEST_F(CouponsApply, EmptyingTheCartDropsItsCoupon) {
  auto client = this->client();
  const auto code = unique_code("Drop");
  create_coupon(client, admin(), coupon_body(code));
  const auto customer = customer_with(client, 1000);
  applied(client, customer, code);
  ASSERT_EQ(client.request("DELETE", "/api/cart", bearer(customer.access_token)).status, 204);
  added_to_cart(client, customer, cart_product(client, vendor()), 1);
  EXPECT_TRUE(cart_json(client, customer).at("coupon").is_null());
}

TEST_F(CouponsApply, CouponBodiesAreChecked) {
  auto client = this->client();
  const auto customer = customer_with(client, 1000);
  const auto post = [&](const json::value& body) {
    return send_json(client, "POST", "/api/cart/coupon", body, bearer(customer.access_token));
  };
  EXPECT_EQ(error_fields(post(json::object{})), std::set<std::string>{"code"});
  EXPECT_EQ(error_fields(post(json::object{{"code", 5}})), std::set<std::string>{"code"});
  EXPECT_EQ(error_fields(post(json::object{{"code", ""}})), std::set<std::string>{"code"});
  EXPECT_EQ(error_fields(post(json::object{{"code", std::string(101, 'A')}})), std::set<std::string>{"code"});
  EXPECT_EQ(error_fields(post(json::object{{"code", "X"}, {"discount", 100}})), std::set<std::string>{"discount"});
  EXPECT_TRUE(is_problem(client.request("POST", "/api/cart/coupon",
                                        bearer(customer.access_token, {{"Content-Type", "application/json"}}), "{"),
                         400, "malformed_json"));
}

TEST_F(CouponsApply, WrongGuessesAreThrottledPerCustomerAndPerAddress) {
  auto client = this->client();
  const auto real = unique_code("Real");
  create_coupon(client, admin(), coupon_body(real));
  const auto guesser = customer_with(client, 1000);
  auto from_a = client_from("127.0.0.31");
  for (int i = 0; i < kWrongGuesses; ++i) {
    EXPECT_TRUE(is_problem(apply_coupon(from_a, guesser, unique_code("Guess")), 404, "coupon_not_found")) << i;
  }
  auto throttled = apply_coupon(from_a, guesser, real);
  EXPECT_TRUE(is_problem(throttled, 429, "coupon_guesses_throttled")) << "even the right code, once throttled";
  const auto wait = std::stol(throttled.header("Retry-After").value_or("0"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 600);
  // The same customer from another address, and another customer from the same address.
  auto from_b = client_from("127.0.0.32");
  EXPECT_TRUE(is_problem(apply_coupon(from_b, guesser, real), 429, "coupon_guesses_throttled"));
  const auto neighbour = customer_with(client, 1000);
  EXPECT_TRUE(is_problem(apply_coupon(from_a, neighbour, real), 429, "coupon_guesses_throttled"));
  // Someone else, elsewhere, is not affected.
  EXPECT_EQ(apply_coupon(from_b, neighbour, real).status, 200);
  // The cart itself still answers the throttled customer.
  EXPECT_EQ(get_cart(from_a, guesser).status, 200);
}

}  // namespace
}  // namespace emporium::testing
