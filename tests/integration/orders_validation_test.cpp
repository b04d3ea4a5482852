// Placing orders that must be refused: the wrong caller, a broken body, items that cannot be ordered, and
// stock that is short. Nothing is reserved by a refused order.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class OrderValidation : public OrdersSuite<OrderValidation> {};

TEST_F(OrderValidation, OnlyCustomersPlaceOrders) {
  auto client = this->client();
  const auto body = order_body({item(stocked_product(client, vendor(), 5), 1)});
  EXPECT_TRUE(is_problem(send_json(client, "POST", "/api/orders", body), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(place_order(client, admin(), body), 403, "forbidden"));
  EXPECT_TRUE(is_problem(place_order(client, vendor(), body), 403, "forbidden"));
}

TEST_F(OrderValidation, MalformedBodiesAre400And415) {
  auto client = this->client();
  const auto auth = bearer(customer().access_token, {{"Content-Type", "application/json"}});
  EXPECT_TRUE(is_problem(client.request("POST", "/api/orders", auth, "{\"items\": ["), 400, "malformed_json"));
  EXPECT_TRUE(is_problem(client.request("POST", "/api/orders", auth, ""), 400, "malformed_json"));
  EXPECT_TRUE(is_problem(
      client.request("POST", "/api/orders", bearer(customer().access_token, {{"Content-Type", "text/plain"}}), "{}"),
      415, "unsupported_media_type"));
  EXPECT_TRUE(is_problem(place_order(client, customer(), json::array{}), 422, "validation_failed"));
}

TEST_F(OrderValidation, UnknownAndServerOwnedFieldsAreRefused) {
  auto client = this->client();
  const auto pen = stocked_product(client, vendor(), 5);
  auto body = order_body({item(pen, 1)});
  body["status"] = "paid";
  body["total"] = 1;
  auto line = item(pen, 1);
  line["unitPrice"] = 1;
  body["items"].as_array().push_back(line);
  const auto response = place_order(client, customer(), body);
  ASSERT_TRUE(is_problem(response, 422, "validation_failed"));
  EXPECT_EQ(error_fields(response), (std::set<std::string>{"status", "total", "items[1].unitPrice"}));
  EXPECT_EQ(stock_level(client, vendor(), pen), 5);
}

TEST_F(OrderValidation, QuantitiesAndItemCountsHaveLimits) {
  auto client = this->client();
  const auto pen = stocked_product(client, vendor(), 500);
  const auto fields = [&](json::object body) { return error_fields(place_order(client, customer(), body)); };
  EXPECT_EQ(fields(order_body({item(pen, 0)})), (std::set<std::string>{"items[0].quantity"}));
  EXPECT_EQ(fields(order_body({item(pen, 100)})), (std::set<std::string>{"items[0].quantity"}));
  EXPECT_EQ(fields(order_body({item(pen, -1)})), (std::set<std::string>{"items[0].quantity"}));
  auto fractional = item(pen, 1);
  fractional["quantity"] = 1.5;
  EXPECT_EQ(fields(order_body({fractional})), (std::set<std::string>{"items[0].quantity"}));
  EXPECT_EQ(fields(order_body({})), (std::set<std::string>{"items"}));
  EXPECT_EQ(fields(order_body(std::vector<json::object>(51, item(pen, 1)))), (std::set<std::string>{"items"}));
  auto no_product = item(pen, 1);
  no_product.erase("productId");
  EXPECT_EQ(fields(order_body({no_product})), (std::set<std::string>{"items[0].productId"}));
  auto long_id = item(pen, 1);
  long_id["productId"] = std::string(101, 'p');
  EXPECT_EQ(fields(order_body({long_id})), (std::set<std::string>{"items[0].productId"}));
  EXPECT_EQ(stock_level(client, vendor(), pen), 500);
}

TEST_F(OrderValidation, PaymentMethodsAreCheckedAndOnlyManualIsAvailable) {
  auto client = this->client();
  const auto pen = stocked_product(client, vendor(), 5);
  auto body = order_body({item(pen, 1)});
  body.erase("paymentMethod");
  EXPECT_EQ(error_fields(place_order(client, customer(), body)), (std::set<std::string>{"paymentMethod"}));
  body["paymentMethod"] = "bitcoin";
  EXPECT_EQ(error_fields(place_order(client, customer(), body)), (std::set<std::string>{"paymentMethod"}));
  for (const auto* method : {"stripe", "paypal"}) {
    body["paymentMethod"] = method;
    EXPECT_TRUE(is_problem(place_order(client, customer(), body), 422, "payment_method_unavailable")) << method;
  }
  EXPECT_EQ(stock_level(client, vendor(), pen), 5);
}

TEST_F(OrderValidation, AddressesFollowTheAddressBookRules) {
  auto client = this->client();
  const auto pen = stocked_product(client, vendor(), 5);
  auto body = order_body({item(pen, 1)});
  auto address = address_body();
  address["country"] = "XX";
  address["fullName"] = "";
  address["label"] = "Home";
  body["shippingAddress"] = address;
  body["billingAddress"] = json::object{{"line1", "x"}};
  const auto response = place_order(client, customer(), body);
  ASSERT_TRUE(is_problem(response, 422, "validation_failed"));
  EXPECT_EQ(error_fields(response),
            (std::set<std::string>{"shippingAddress.country", "shippingAddress.fullName", "shippingAddress.label",
                                   "billingAddress.fullName", "billingAddress.city", "billingAddress.country"}));
  body = order_body({item(pen, 1)});
  body["shippingAddressId"] = "addr_01JDQ3ZQ6X9V2M5W8Y1T4R7B0C";
  EXPECT_EQ(error_fields(place_order(client, customer(), body)), (std::set<std::string>{"shippingAddressId"}));
  body.erase("shippingAddress");
  EXPECT_TRUE(is_problem(place_order(client, customer(), body), 422, "address_not_found"));
  body["shippingAddressId"] = "not-an-id";
  EXPECT_TRUE(is_problem(place_order(client, customer(), body), 422, "address_not_found"));
}

TEST_F(OrderValidation, ItemsThatCannotBeOrderedAreNamedByIndex) {
  auto client = this->client();
  const auto pen = stocked_product(client, vendor(), 5);
  const auto sizes = stocked_variants(client, vendor(), 2, 5);
  const auto draft = create_product(client, vendor(), with(product_body(unique_sku()), "status", "draft"));
  const json::object unknown{{"productId", "prod_01JDQ3ZQ6X9V2M5W8Y1T4R7B0C"}, {"quantity", 1}};
  const json::object drafted{{"productId", draft.at("id")}, {"quantity", 1}};
  const json::object no_variant{{"productId", sizes[0].product_id}, {"quantity", 1}};
  auto foreign_variant = item(pen, 1);
  foreign_variant["variantId"] = sizes[1].variant_id;
  const auto response =
      place_order(client, customer(), order_body({item(pen, 1), unknown, drafted, no_variant, foreign_variant}));
  ASSERT_TRUE(is_problem(response, 422, "item_unavailable"));
  EXPECT_EQ(error_fields(response), (std::set<std::string>{"items[1].productId", "items[2].productId",
                                                           "items[3].variantId", "items[4].variantId"}));
  EXPECT_EQ(stock_level(client, vendor(), pen), 5) << "nothing reserved";
}

TEST_F(OrderValidation, OneOrderHoldsOneCurrency) {
  auto client = this->client();
  const auto dollars = stocked_product(client, vendor(), 5, 1000, "USD");
  const auto euros = stocked_product(client, vendor(), 5, 1000, "EUR");
  const auto response = place_order(client, customer(), order_body({item(dollars, 1), item(euros, 1)}));
  ASSERT_TRUE(is_problem(response, 422, "currency_mismatch"));
  EXPECT_EQ(error_fields(response), (std::set<std::string>{"items[1]"}));
  EXPECT_EQ(stock_level(client, vendor(), dollars), 5);
}

TEST_F(OrderValidation, ShortStockIs409NamingTheShortLinesAndReservesNothing) {
  auto client = this->client();
  const auto plenty = stocked_product(client, vendor(), 50);
  const auto few = stocked_product(client, vendor(), 3);
  const auto none = stocked_product(client, other_vendor(), 0);
  const auto response = place_order(client, customer(), order_body({item(plenty, 5), item(few, 4), item(none, 1)}));
  ASSERT_TRUE(is_problem(response, 409, "insufficient_stock"));
  const auto problem = response.json_object();
  ASSERT_EQ(problem.at("errors").as_array().size(), 2u);
  EXPECT_EQ(problem.at("errors").at(0), (json::object{{"field", "items[1]"}, {"message", "only 3 left"}}));
  EXPECT_EQ(problem.at("errors").at(1), (json::object{{"field", "items[2]"}, {"message", "is out of stock"}}));
  EXPECT_EQ(stock_level(client, vendor(), plenty), 50);
  EXPECT_EQ(stock_level(client, vendor(), few), 3);
}

TEST_F(OrderValidation, CouponCodesHaveALengthLimit) {
  auto client = this->client();
  auto body = order_body({item(stocked_product(client, vendor(), 5), 1)});
  body["couponCode"] = std::string(101, 'C');
  EXPECT_EQ(error_fields(place_order(client, customer(), body)), (std::set<std::string>{"couponCode"}));
  body["couponCode"] = "";
  EXPECT_EQ(error_fields(place_order(client, customer(), body)), (std::set<std::string>{"couponCode"}));
}

}  // namespace
}  // namespace emporium::testing
