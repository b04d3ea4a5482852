#include "orders/order_input.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace emporium::orders {
namespace {

http::Request json_request(std::string body) {
  http::Request request;
  request.method = http::Method::Post;
  request.path = "/api/orders";
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = std::move(body);
  return request;
}

std::vector<std::string> fields_of(const Problem& problem) {
  std::vector<std::string> fields;
  for (const auto& error : problem.errors) fields.push_back(error.field);
  std::sort(fields.begin(), fields.end());
  return fields;
}

constexpr InputLimits kLimits{.max_lines = 3, .max_line_quantity = 5};
constexpr std::string_view kAddress =
    R"({"fullName": "  Ada  ", "line1": "1 Way", "city": "Berlin", "country": "de", "postalCode": " "})";

TEST(PlaceOrderInput, WithoutItemsTheCartIsOrdered) {
  const auto input = read_place_order(json_request(R"({"paymentMethod": "manual"})"), kLimits);
  ASSERT_TRUE(input) << input.error().detail;
  EXPECT_FALSE(input->items);
  EXPECT_EQ(input->payment_method, "manual");
}

TEST(PlaceOrderInput, ItemsAreReadWithTheirLimits) {
  const auto input = read_place_order(
      json_request(R"({"items": [{"productId": "prod_1", "quantity": 5}, {"productId": "prod_2", "variantId": "var_2",
                     "quantity": 1}], "paymentMethod": "manual"})"),
      kLimits);
  ASSERT_TRUE(input) << input.error().detail;
  ASSERT_EQ(input->items->size(), 2u);
  EXPECT_EQ((*input->items)[0].quantity, 5);
  EXPECT_FALSE((*input->items)[0].variant_id);
  EXPECT_EQ((*input->items)[1].variant_id, "var_2");

  const auto wrong = read_place_order(
      json_request(R"({"items": [{"productId": "p", "quantity": 6}, {"quantity": 0}], "paymentMethod": "cash"})"),
      kLimits);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(fields_of(wrong.error()), (std::vector<std::string>{"items[0].quantity", "items[1].productId",
                                                                "items[1].quantity", "paymentMethod"}));
}

TEST(PlaceOrderInput, AnEmptyOrTooLongListOfItemsIsRefused) {
  const auto empty = read_place_order(json_request(R"({"items": [], "paymentMethod": "manual"})"), kLimits);
  ASSERT_FALSE(empty);
  EXPECT_EQ(fields_of(empty.error()), (std::vector<std::string>{"items"}));
  const auto item = std::string(R"({"productId": "p", "quantity": 1})");
  const auto four = read_place_order(
      json_request(R"({"items": [)" + item + "," + item + "," + item + "," + item + R"(], "paymentMethod": "manual"})"),
      kLimits);
  ASSERT_FALSE(four);
  EXPECT_EQ(fields_of(four.error()), (std::vector<std::string>{"items"}));
}

TEST(PlaceOrderInput, AddressesAreNormalisedAndChecked) {
  const auto input = read_place_order(
      json_request(R"({"shippingAddress": )" + std::string(kAddress) + R"(, "paymentMethod": "manual"})"), kLimits);
  ASSERT_TRUE(input) << input.error().detail;
  EXPECT_EQ(input->shipping_address->full_name, "Ada");
  EXPECT_EQ(input->shipping_address->country, "DE");
  EXPECT_FALSE(input->shipping_address->postal_code) << "blank optional text is absent";
  EXPECT_FALSE(input->billing_address);

  const auto both = read_place_order(
      json_request(R"({"shippingAddress": )" + std::string(kAddress) +
                   R"(, "shippingAddressId": "addr_1", "billingAddress": {"fullName": "B", "line1": "x", "city": "y",
                      "country": "ZZ", "isDefaultBilling": true}, "paymentMethod": "manual"})"),
      kLimits);
  ASSERT_FALSE(both);
  EXPECT_EQ(
      fields_of(both.error()),
      (std::vector<std::string>{"billingAddress.country", "billingAddress.isDefaultBilling", "shippingAddressId"}));
}

TEST(PlaceOrderInput, NotAnObjectOrNotJsonIsRefused) {
  EXPECT_EQ(read_place_order(json_request("[]"), kLimits).error().status, 422);
  EXPECT_EQ(read_place_order(json_request("{"), kLimits).error().status, 400);
  auto text = json_request("{}");
  text.headers.front().value = "text/plain";
  EXPECT_EQ(read_place_order(text, kLimits).error().status, 415);
}

TEST(StatusChangeInput, CarrierAndTrackingOnlyGoWithShipped) {
  const auto shipped = read_status_change(
      json_request(R"({"status": "shipped", "carrier": "DHL", "trackingNumber": "1", "note": "n"})"));
  ASSERT_TRUE(shipped);
  EXPECT_EQ(shipped->status, OrderStatus::Shipped);
  EXPECT_EQ(shipped->carrier, "DHL");
  EXPECT_EQ(shipped->note, "n");
  const auto paid = read_status_change(json_request(R"({"status": "paid", "trackingNumber": "1"})"));
  ASSERT_FALSE(paid);
  EXPECT_EQ(fields_of(paid.error()), (std::vector<std::string>{"trackingNumber"}));
  const auto unknown = read_status_change(json_request(R"({"status": "lost", "version": 3})"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(fields_of(unknown.error()), (std::vector<std::string>{"status", "version"}));
}

TEST(CancelInput, TheBodyIsOptional) {
  http::Request empty;
  const auto none = read_cancel_note(empty);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  const auto note = read_cancel_note(json_request(R"({"note": " changed my mind "})"));
  ASSERT_TRUE(note);
  EXPECT_EQ(**note, "changed my mind");
  EXPECT_FALSE(read_cancel_note(json_request(R"({"reason": "x"})")));
}

}  // namespace
}  // namespace emporium::orders
