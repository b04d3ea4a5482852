// The cart over HTTP: adding, merging, changing and removing lines; the rules of a line (quantity, variant,
// currency, line limit); lines flagged when the catalog changes after they were added; totals.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

#include "cart_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class CartItems : public CartSuite<CartItems> {};

const json::object& only_line(const json::object& cart) {
  const auto& items = cart.at("items").as_array();
  if (items.size() != 1) throw std::runtime_error("expected one line: " + json::serialize(cart));
  return items[0].as_object();
}

HttpResponse patch_item(HttpClient& client, const Account& customer, const std::string& id, const json::value& body) {
  return send_json(client, "PATCH", "/api/cart/items/" + id, body, bearer(customer.access_token));
}

TEST_F(CartItems, ANewCustomerHasAnEmptyCart) {
  auto client = this->client();
  const auto cart = cart_json(client, new_customer());
  EXPECT_EQ(cart.at("items"), json::array());
  EXPECT_TRUE(cart.at("coupon").is_null());
  EXPECT_TRUE(cart.at("couponIssue").is_null());
  for (const auto* total : {"subtotal", "discount", "shipping", "tax", "total", "itemCount"})
    EXPECT_EQ(cart.at(total), json::value(0)) << total;
  EXPECT_TRUE(cart.at("currency").is_null());
  EXPECT_TRUE(cart.at("updatedAt").is_null());
}

TEST_F(CartItems, AddingPricesTheLineAndAddingAgainAddsUp) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor(), {.price = 1234});
  auto cart = added_to_cart(client, customer, product, 2);
  const auto& first = only_line(cart);
  EXPECT_TRUE(str(first.at("id")).starts_with("item_")) << str(first.at("id"));
  EXPECT_EQ(str(first.at("productId")), product.product_id);
  EXPECT_EQ(str(first.at("variantId")), product.variant_id);
  EXPECT_TRUE(first.at("name").is_string());
  EXPECT_TRUE(first.at("sku").is_string());
  EXPECT_EQ(first.at("options"), json::object());
  EXPECT_EQ(first.at("unitPrice"), json::value(1234));
  EXPECT_EQ(first.at("quantity"), json::value(2));
  EXPECT_EQ(first.at("lineTotal"), json::value(2468));
  EXPECT_EQ(first.at("available"), json::value(true));
  EXPECT_TRUE(first.at("issue").is_null());
  EXPECT_FALSE(first.contains("availableQuantity"));
  EXPECT_EQ(cart.at("subtotal"), json::value(2468));
  EXPECT_EQ(cart.at("discount"), json::value(0));
  EXPECT_EQ(cart.at("shipping"), json::value(kShippingRate));
  EXPECT_EQ(cart.at("tax"), json::value(0)) << "no default address: no tax country";
  EXPECT_EQ(cart.at("total"), json::value(2468 + kShippingRate));
  EXPECT_EQ(str(cart.at("currency")), "USD");
  EXPECT_EQ(cart.at("itemCount"), json::value(2));
  EXPECT_TRUE(cart.at("updatedAt").is_string());

  const auto id = str(first.at("id"));
  cart = added_to_cart(client, customer, product, 3);
  EXPECT_EQ(str(only_line(cart).at("id")), id) << "the same variant is one line";
  EXPECT_EQ(only_line(cart).at("quantity"), json::value(5));
  // Without variantId the product's only variant is meant: the same line again.
  const auto response = add_to_cart(client, customer, {{"productId", product.product_id}, {"quantity", 1}});
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(only_line(response.json_object()).at("quantity"), json::value(6));
  EXPECT_EQ(cart_json(client, customer), response.json_object()) << "GET answers what the write answered";
}

TEST_F(CartItems, QuantitiesAreWholeNumbersFromOneToTheMaximum) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor(), {.stock = 500});
  for (const json::value& quantity :
       {json::value(0), json::value(100), json::value(-1), json::value("3"), json::value(2.5), json::value(nullptr)}) {
    auto body = line(product, 1);
    body["quantity"] = quantity;
    const auto response = add_to_cart(client, customer, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(quantity);
    EXPECT_EQ(error_fields(response), std::set<std::string>{"quantity"}) << response.describe();
  }
  EXPECT_EQ(cart_json(client, customer).at("items"), json::array()) << "nothing was added";
  added_to_cart(client, customer, product, 60);
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, line(product, 40)), 422, "quantity_too_large"));
  EXPECT_EQ(only_line(cart_json(client, customer)).at("quantity"), json::value(60)) << "the line is unchanged";
  EXPECT_EQ(only_line(added_to_cart(client, customer, product, 39)).at("quantity"), json::value(99));
}

TEST_F(CartItems, BodiesThatAreNotTheRightJson) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor());
  EXPECT_TRUE(is_problem(
      client.request("POST", "/api/cart/items", bearer(customer.access_token, {{"Content-Type", "application/json"}}),
                     "{\"productId\": "),
      400, "malformed_json"));
  EXPECT_EQ(client
                .request("POST", "/api/cart/items", bearer(customer.access_token, {{"Content-Type", "text/plain"}}),
                         json::serialize(line(product, 1)))
                .status,
            415);
  auto extra = line(product, 1);
  extra["price"] = 1;
  auto response = add_to_cart(client, customer, extra);
  EXPECT_TRUE(is_problem(response, 422, "validation_failed"));
  EXPECT_EQ(error_fields(response), std::set<std::string>{"price"});
  response = add_to_cart(client, customer, {});
  EXPECT_EQ(error_fields(response), (std::set<std::string>{"productId", "quantity"}));
  response = send_json(client, "POST", "/api/cart/items", json::array{1, 2}, bearer(customer.access_token));
  EXPECT_TRUE(is_problem(response, 422, "validation_failed"));
  response = add_to_cart(client, customer, with(line(product, 1), "productId", json::string(std::string(101, 'p'))));
  EXPECT_EQ(error_fields(response), std::set<std::string>{"productId"});
  EXPECT_EQ(cart_json(client, customer).at("items"), json::array());
}

TEST_F(CartItems, OnlyActiveProductsAndTheirOwnVariantsCanBeAdded) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto draft = cart_product(client, vendor(), {.status = "draft"});
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, line(draft, 1)), 404, "product_not_found"));
  auto archived = cart_product(client, vendor());
  ASSERT_EQ(client.request("DELETE", "/api/products/" + archived.product_id, bearer(vendor().access_token)).status,
            204);
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, line(archived, 1)), 404, "product_not_found"));
  auto unknown = line(draft, 1);
  unknown["productId"] = "prod_00000000000000000000000000";
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, unknown), 404, "product_not_found"));
  unknown["productId"] = "not-an-id";
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, unknown), 404, "product_not_found"));

  const auto product = cart_product(client, vendor());
  const auto second = add_variant(client, vendor(), product.product_id,
                                  {{"sku", unique_sku("V2")}, {"options", {{"size", "xl"}}}, {"price", 700}});
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, {{"productId", product.product_id}, {"quantity", 1}}), 422,
                         "variant_required"));
  const auto other = cart_product(client, vendor());
  EXPECT_TRUE(
      is_problem(add_to_cart(client, customer, with(line(product, 1), "variantId", json::string(other.variant_id))),
                 422, "unknown_variant"));
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, with(line(product, 1), "variantId", "var_nope")), 422,
                         "unknown_variant"));
  const auto cart = added_to_cart(
      client, customer, {.product_id = product.product_id, .variant_id = str(second.at("id")), .price = 700}, 1);
  EXPECT_EQ(only_line(cart).at("options"), (json::object{{"size", "xl"}}));
  EXPECT_EQ(only_line(cart).at("unitPrice"), json::value(700));
}

TEST_F(CartItems, OneCartHoldsOneCurrency) {
  auto client = this->client();
  const auto customer = new_customer();
  added_to_cart(client, customer, cart_product(client, vendor()), 1);
  const auto euros = cart_product(client, vendor(), {.currency = "EUR"});
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, line(euros, 1)), 409, "cart_currency_mismatch"));
  const auto other = new_customer();
  EXPECT_EQ(str(added_to_cart(client, other, euros, 1).at("currency")), "EUR") << "another cart may hold euros";
}

TEST_F(CartItems, ACartHoldsAtMostTheConfiguredNumberOfLines) {
  auto client = this->client();
  const auto customer = new_customer();
  std::vector<CartProduct> products;
  for (int i = 0; i <= kMaxCartLines; ++i) products.push_back(cart_product(client, vendor()));
  for (int i = 0; i < kMaxCartLines; ++i) added_to_cart(client, customer, products[static_cast<std::size_t>(i)], 1);
  EXPECT_TRUE(is_problem(add_to_cart(client, customer, line(products.back(), 1)), 409, "cart_limit_reached"));
  EXPECT_EQ(added_to_cart(client, customer, products.front(), 1).at("itemCount"), json::value(kMaxCartLines + 1))
      << "a line already there may still grow";
}

TEST_F(CartItems, AShortLineIsAcceptedButFlaggedAndLeftOutOfTheTotals) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto scarce = cart_product(client, vendor(), {.price = 300, .stock = 2});
  const auto plenty = cart_product(client, vendor(), {.price = 1000});
  added_to_cart(client, customer, plenty, 1);
  const auto cart = added_to_cart(client, customer, scarce, 3);
  const auto& items = cart.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const auto& short_line = items[1].as_object();
  EXPECT_EQ(short_line.at("available"), json::value(false));
  EXPECT_EQ(str(short_line.at("issue")), "insufficient_stock");
  EXPECT_EQ(short_line.at("availableQuantity"), json::value(2));
  EXPECT_EQ(short_line.at("lineTotal"), json::value(900));
  EXPECT_EQ(cart.at("subtotal"), json::value(1000)) << "totals are over the lines without an issue";
  EXPECT_EQ(cart.at("itemCount"), json::value(4));
  // Stock was not reserved: the vendor still sees 2.
  EXPECT_EQ(product_json(client, scarce.product_id, &vendor()).at("variants").at(0).at("stock"), json::value(2));
}

TEST_F(CartItems, ALineWhoseProductWasArchivedOrVariantDeletedIsFlagged) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto archived = cart_product(client, vendor(), {.price = 400});
  const auto kept = cart_product(client, vendor(), {.price = 1000});
  const auto product = cart_product(client, vendor(), {.price = 200});
  const auto extra = add_variant(client, vendor(), product.product_id,
                                 {{"sku", unique_sku("GONE")}, {"options", {{"size", "s"}}}, {"price", 250}});
  const CartProduct doomed{.product_id = product.product_id, .variant_id = str(extra.at("id")), .price = 250};
  added_to_cart(client, customer, archived, 1);
  added_to_cart(client, customer, kept, 2);
  added_to_cart(client, customer, doomed, 1);
  ASSERT_EQ(client.request("DELETE", "/api/products/" + archived.product_id, bearer(vendor().access_token)).status,
            204);
  ASSERT_EQ(client
                .request("DELETE", "/api/products/" + product.product_id + "/variants/" + doomed.variant_id,
                         bearer(vendor().access_token))
                .status,
            204);
  const auto cart = cart_json(client, customer);
  const auto& items = cart.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(str(items[0].at("issue")), "product_unavailable");
  EXPECT_EQ(items[0].at("available"), json::value(false));
  EXPECT_TRUE(items[1].at("issue").is_null());
  EXPECT_EQ(str(items[2].at("issue")), "variant_not_found");
  EXPECT_TRUE(items[2].at("unitPrice").is_null());
  EXPECT_TRUE(items[2].at("lineTotal").is_null());
  EXPECT_EQ(cart.at("subtotal"), json::value(2000));
  EXPECT_EQ(cart.at("itemCount"), json::value(4));
  // A flagged line can still be removed.
  const auto removed =
      client.request("DELETE", "/api/cart/items/" + str(items[0].at("id")), bearer(customer.access_token));
  ASSERT_EQ(removed.status, 200) << removed.describe();
  EXPECT_EQ(removed.json_object().at("items").as_array().size(), 2u);
}

TEST_F(CartItems, APriceChangeInTheCatalogShowsInTheCart) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor(), {.price = 1000});
  added_to_cart(client, customer, product, 3);
  const auto patched =
      send_json(client, "PATCH", "/api/products/" + product.product_id + "/variants/" + product.variant_id,
                {{"price", 1500}}, bearer(vendor().access_token));
  ASSERT_EQ(patched.status, 200) << patched.describe();
  const auto cart = cart_json(client, customer);
  EXPECT_EQ(only_line(cart).at("unitPrice"), json::value(1500));
  EXPECT_EQ(only_line(cart).at("lineTotal"), json::value(4500));
  EXPECT_EQ(cart.at("subtotal"), json::value(4500));
}

TEST_F(CartItems, ChangingAndRemovingLines) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor(), {.stock = 100});
  const auto id = item_id(added_to_cart(client, customer, product, 1), product.variant_id);
  auto response = patch_item(client, customer, id, {{"quantity", 7}});
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(only_line(response.json_object()).at("quantity"), json::value(7));
  for (const json::value& quantity : {json::value(0), json::value(100), json::value("7")}) {
    response = patch_item(client, customer, id, {{"quantity", quantity}});
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << response.describe();
  }
  EXPECT_EQ(error_fields(patch_item(client, customer, id, {{"quantity", 2}, {"productId", "x"}})),
            std::set<std::string>{"productId"});
  EXPECT_TRUE(is_problem(patch_item(client, customer, "item_00000000000000000000000000", {{"quantity", 2}}), 404,
                         "cart_item_not_found"));
  EXPECT_TRUE(is_problem(patch_item(client, customer, "nonsense", {{"quantity", 2}}), 404, "cart_item_not_found"));
  EXPECT_EQ(only_line(cart_json(client, customer)).at("quantity"), json::value(7));

  response = client.request("DELETE", "/api/cart/items/" + id, bearer(customer.access_token));
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(response.json_object().at("items"), json::array());
  EXPECT_TRUE(is_problem(client.request("DELETE", "/api/cart/items/" + id, bearer(customer.access_token)), 404,
                         "cart_item_not_found"));
}

TEST_F(CartItems, AnotherCustomersItemIsNotFound) {
  auto client = this->client();
  const auto owner = new_customer();
  const auto stranger = new_customer();
  const auto product = cart_product(client, vendor());
  const auto id = item_id(added_to_cart(client, owner, product, 2), product.variant_id);
  added_to_cart(client, stranger, product, 1);
  EXPECT_TRUE(is_problem(patch_item(client, stranger, id, {{"quantity", 9}}), 404, "cart_item_not_found"));
  EXPECT_TRUE(is_problem(client.request("DELETE", "/api/cart/items/" + id, bearer(stranger.access_token)), 404,
                         "cart_item_not_found"));
  EXPECT_EQ(only_line(cart_json(client, owner)).at("quantity"), json::value(2)) << "the owner's line is untouched";
  EXPECT_EQ(only_line(cart_json(client, stranger)).at("quantity"), json::value(1));
}

TEST_F(CartItems, EmptyingTheCart) {
  auto client = this->client();
  const auto customer = new_customer();
  added_to_cart(client, customer, cart_product(client, vendor()), 2);
  added_to_cart(client, customer, cart_product(client, vendor()), 1);
  const auto response = client.request("DELETE", "/api/cart", bearer(customer.access_token));
  EXPECT_EQ(response.status, 204) << response.describe();
  EXPECT_TRUE(response.body.empty());
  const auto cart = cart_json(client, customer);
  EXPECT_EQ(cart.at("items"), json::array());
  EXPECT_EQ(cart.at("total"), json::value(0));
  EXPECT_TRUE(cart.at("coupon").is_null());
  EXPECT_EQ(client.request("DELETE", "/api/cart", bearer(customer.access_token)).status, 204) << "idempotent";
}

TEST_F(CartItems, TaxComesFromTheDefaultShippingAddressAndShippingIsFreeFromTheThreshold) {
  auto client = this->client();
  const auto customer = new_customer();
  added_to_cart(client, customer, cart_product(client, vendor(), {.price = 2001}), 1);
  const auto address = send_json(client, "POST", "/api/users/me/addresses",
                                 {{"fullName", "Ada"}, {"line1", "1 Way"}, {"city", "Berlin"}, {"country", "DE"}},
                                 bearer(customer.access_token));
  ASSERT_EQ(address.status, 201) << address.describe();
  auto cart = cart_json(client, customer);
  EXPECT_EQ(cart.at("tax"), json::value(380)) << "19 % of 2001 = 380.19, rounded half up";
  EXPECT_EQ(cart.at("shipping"), json::value(kShippingRate));
  EXPECT_EQ(cart.at("total"), json::value(2001 + 380 + kShippingRate));
  added_to_cart(client, customer, cart_product(client, vendor(), {.price = kFreeShippingFrom}), 1);
  cart = cart_json(client, customer);
  EXPECT_EQ(cart.at("shipping"), json::value(0));
  EXPECT_EQ(cart.at("total"), json::value(cart.at("subtotal").as_int64() + cart.at("tax").as_int64()));
}

TEST_F(CartItems, ParallelAddsOfOneVariantAddUpAndTheLineLimitHolds) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor(), {.stock = 100});
  auto responses =
      send_at_once(server().port(), 10, [&](HttpClient& c, int) { return add_to_cart(c, customer, line(product, 1)); });
  EXPECT_EQ(count_status(responses, 200), 10) << statuses(responses);
  EXPECT_EQ(only_line(cart_json(client, customer)).at("quantity"), json::value(10));

  const auto other = new_customer();
  std::vector<CartProduct> products;
  for (int i = 0; i < 2 * kMaxCartLines; ++i) products.push_back(cart_product(client, vendor()));
  responses = send_at_once(server().port(), 2 * kMaxCartLines, [&](HttpClient& c, int i) {
    return add_to_cart(c, other, line(products[static_cast<std::size_t>(i)], 1));
  });
  EXPECT_EQ(count_status(responses, 200), kMaxCartLines) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), kMaxCartLines) << statuses(responses);
  EXPECT_EQ(cart_json(client, other).at("items").as_array().size(), static_cast<std::size_t>(kMaxCartLines));
}

}  // namespace
}  // namespace emporium::testing
