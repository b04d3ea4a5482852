// Placing orders that succeed: what is reserved, what is frozen, what is charged, and where it ships.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "inventory_api.hpp"
#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class PlaceOrders : public OrdersSuite<PlaceOrders> {
 public:
  // 19 % tax in Germany; the default flat shipping of 500, free from 5000.
  static EnvVars config() { return accounts_config({{"EMPORIUM_TAX_RATES", "DE=19"}}); }
};

json::object address_of(HttpClient& client, const Account& owner, json::object body) {
  const auto response = send_json(client, "POST", "/api/users/me/addresses", body, bearer(owner.access_token));
  if (response.status != 201) throw std::runtime_error(response.describe());
  return response.json_object();
}

TEST_F(PlaceOrders, AnOrderReservesStockFreezesLinesAndChargesTaxAndShipping) {
  auto client = this->client();
  const auto shirt = stocked_product(client, vendor(), 10, 1500);
  const auto mug = stocked_product(client, other_vendor(), 5, 700);
  const auto response = place_order(client, customer(), order_body({item(shirt, 2), item(mug, 1)}));
  ASSERT_EQ(response.status, 201) << response.describe();
  const auto order = response.json_object();
  const auto id = str(order.at("id"));
  EXPECT_TRUE(id.starts_with("ord_"));
  EXPECT_EQ(response.header("Location"), "/api/orders/" + id);
  EXPECT_EQ(str(order.at("status")), "pending_payment");
  EXPECT_EQ(str(order.at("customerId")), customer().id);
  EXPECT_EQ(str(order.at("currency")), "USD");
  EXPECT_EQ(order.at("subtotal"), json::value(3700));
  EXPECT_EQ(order.at("discount"), json::value(0));
  EXPECT_EQ(order.at("shipping"), json::value(500));
  EXPECT_EQ(order.at("tax"), json::value(703)) << "19 % of 3700";
  EXPECT_EQ(order.at("total"), json::value(3700 + 500 + 703));
  EXPECT_TRUE(order.at("coupon").is_null());
  EXPECT_EQ(order.at("payment"), (json::object{{"provider", "manual"}, {"status", "pending"}}));
  EXPECT_FALSE(order.at("expiresAt").is_null());
  EXPECT_EQ(str(order.at("shippingAddress").at("country")), "DE");
  EXPECT_EQ(order.at("billingAddress"), order.at("shippingAddress")) << "billing defaults to shipping";

  const auto& items = order.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(str(items[0].at("productId")), shirt.product_id);
  EXPECT_EQ(str(items[0].at("variantId")), shirt.variant_id);
  EXPECT_EQ(str(items[0].at("vendorId")), vendor().id);
  EXPECT_EQ(items[0].at("unitPrice"), json::value(1500));
  EXPECT_EQ(items[0].at("quantity"), json::value(2));
  EXPECT_EQ(items[0].at("lineTotal"), json::value(3000));
  EXPECT_EQ(str(items[0].at("fulfillmentStatus")), "unfulfilled");
  EXPECT_TRUE(items[0].at("trackingNumber").is_null());
  EXPECT_FALSE(str(items[0].at("name")).empty());
  EXPECT_FALSE(str(items[0].at("sku")).empty());
  EXPECT_EQ(str(items[1].at("vendorId")), other_vendor().id);

  EXPECT_EQ(stock_level(client, vendor(), shirt), 8);
  EXPECT_EQ(stock_level(client, other_vendor(), mug), 4);
  EXPECT_EQ(order_json(client, customer(), id), order) << "reading it back gives the same order";
}

TEST_F(PlaceOrders, LinesKeepThePriceAndNameTheyWereSoldWith) {
  auto client = this->client();
  const auto lamp = stocked_product(client, vendor(), 3, 2000);
  const auto order = placed_order(client, customer(), order_body({item(lamp, 1)}));
  const auto changed = send_json(client, "PATCH", "/api/products/" + lamp.product_id, {{"name", "Renamed lamp"}},
                                 bearer(vendor().access_token));
  ASSERT_EQ(changed.status, 200) << changed.describe();
  const auto repriced = send_json(client, "PATCH", "/api/products/" + lamp.product_id + "/variants/" + lamp.variant_id,
                                  {{"price", 9999}}, bearer(vendor().access_token));
  ASSERT_EQ(repriced.status, 200) << repriced.describe();
  const auto again = order_json(client, customer(), str(order.at("id")));
  EXPECT_EQ(again.at("items").at(0).at("unitPrice"), json::value(2000));
  EXPECT_EQ(again.at("items").at(0).at("name"), order.at("items").at(0).at("name"));
  EXPECT_EQ(again.at("total"), order.at("total"));
}

TEST_F(PlaceOrders, TheSameVariantTwiceIsOneReservationOfTheSum) {
  auto client = this->client();
  const auto pen = stocked_product(client, vendor(), 6, 100);
  const auto too_many = place_order(client, customer(), order_body({item(pen, 4), item(pen, 3)}));
  ASSERT_TRUE(is_problem(too_many, 409, "insufficient_stock"));
  EXPECT_EQ(error_fields(too_many), (std::set<std::string>{"items[0]", "items[1]"}));
  EXPECT_EQ(stock_level(client, vendor(), pen), 6);
  const auto order = placed_order(client, customer(), order_body({item(pen, 4), item(pen, 2)}));
  EXPECT_EQ(order.at("items").as_array().size(), 2u);
  EXPECT_EQ(stock_level(client, vendor(), pen), 0);
}

TEST_F(PlaceOrders, ShippingIsFreeFromTheThresholdAndTaxFollowsTheCountry) {
  auto client = this->client();
  const auto coat = stocked_product(client, vendor(), 5, 6000);
  auto body = order_body({item(coat, 1)});
  body["shippingAddress"] = address_body("US");
  const auto order = placed_order(client, customer(), body);
  EXPECT_EQ(order.at("shipping"), json::value(0)) << "6000 ≥ 5000";
  EXPECT_EQ(order.at("tax"), json::value(0)) << "no rate for US";
  EXPECT_EQ(order.at("total"), json::value(6000));
}

TEST_F(PlaceOrders, TheAddressComesFromTheBodyTheAddressBookOrTheDefault) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto cup = stocked_product(client, vendor(), 10, 100);
  auto without_address = order_body({item(cup, 1)});
  without_address.erase("shippingAddress");
  EXPECT_TRUE(is_problem(place_order(client, buyer, without_address), 422, "shipping_address_required"));

  auto home_body = address_body("FR");
  home_body["city"] = "Paris";
  const auto home = address_of(client, buyer, home_body);  // the first address becomes the default
  auto office_body = address_body("DE");
  office_body["city"] = "Hamburg";
  const auto office = address_of(client, buyer, office_body);

  EXPECT_EQ(str(placed_order(client, buyer, without_address).at("shippingAddress").at("city")), "Paris");
  auto by_id = without_address;
  by_id["shippingAddressId"] = office.at("id");
  auto billing = address_body("AT");
  billing["city"] = "Wien";
  by_id["billingAddress"] = billing;
  const auto order = placed_order(client, buyer, by_id);
  EXPECT_EQ(str(order.at("shippingAddress").at("city")), "Hamburg");
  EXPECT_EQ(str(order.at("billingAddress").at("city")), "Wien");
  EXPECT_FALSE(order.at("shippingAddress").as_object().contains("id")) << "a snapshot, not a reference";

  by_id["shippingAddressId"] = home.at("id");
  const auto someone_elses = place_order(client, customer(), by_id);
  EXPECT_TRUE(is_problem(someone_elses, 422, "address_not_found"));
  EXPECT_EQ(error_fields(someone_elses), (std::set<std::string>{"shippingAddressId"}));
}

TEST_F(PlaceOrders, TheFirstTimelineEntryIsTheCreation) {
  auto client = this->client();
  const auto book = stocked_product(client, vendor(), 2, 1200);
  const auto order = placed_order(client, customer(), order_body({item(book, 1)}));
  const auto events = order_events(client, customer(), str(order.at("id")));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(events[0].at("type")), "created");
  EXPECT_TRUE(events[0].at("fromStatus").is_null());
  EXPECT_EQ(str(events[0].at("toStatus")), "pending_payment");
  EXPECT_EQ(str(events[0].at("actorId")), customer().id);
}

TEST_F(PlaceOrders, TheLastItemsInStockMakeTheProductOutOfStock) {
  auto client = this->client();
  const auto vase = stocked_product(client, vendor(), 2, 500);
  EXPECT_EQ(product_json(client, vase.product_id).at("inStock"), json::value(true));
  placed_order(client, customer(), order_body({item(vase, 2)}));
  EXPECT_EQ(product_json(client, vase.product_id).at("inStock"), json::value(false))
      << "the summary is refreshed and the catalog cache forgets the old page";
}

// A sale moves the variant's version: a stock count sent with the version read before it is refused (412), so a
// "set" computed from a stale level cannot overwrite what orders took meanwhile.
TEST_F(PlaceOrders, ASaleMovesTheVariantVersionForIfMatch) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 10);
  const auto version_of = [&] {
    const auto product = product_json(client, hat.product_id, &vendor());
    return product.at("variants").at(0).at("version").to_number<std::int64_t>();
  };
  const auto before = version_of();
  placed_order(client, customer(), order_body({item(hat, 3)}));
  EXPECT_GT(version_of(), before);
  const auto stale = change_stock(client, vendor(), hat.product_id, hat.variant_id, stock_set(12, "count"),
                                  {{"If-Match", "\"" + std::to_string(before) + "\""}});
  EXPECT_TRUE(is_problem(stale, 412, "version_mismatch")) << stale.describe();
  EXPECT_EQ(stock_level(client, vendor(), hat), 7);
  const auto fresh = change_stock(client, vendor(), hat.product_id, hat.variant_id, stock_set(12, "count"),
                                  {{"If-Match", "\"" + std::to_string(version_of()) + "\""}});
  EXPECT_EQ(fresh.status, 201) << fresh.describe();
  expect_ledger_balances(client, vendor(), hat.product_id);
}

// The ledger names who bought to admins only: a vendor sees the order, not its customer.
TEST_F(PlaceOrders, TheLedgerShowsTheBuyerToAdminsOnly) {
  auto client = this->client();
  const auto hat = stocked_product(client, vendor(), 10);
  const auto id = str(placed_order(client, customer(), order_body({item(hat, 2)})).at("id"));
  const auto order_movement = [&](const Account& viewer) {
    for (const auto& movement : all_movements(client, viewer, hat.product_id))
      if (movement.at("orderId") == json::value(id)) return movement;
    throw std::runtime_error("no movement of the order");
  };
  EXPECT_EQ(order_movement(admin()).at("actorId"), json::value(customer().id));
  const auto seen_by_vendor = order_movement(vendor());
  EXPECT_TRUE(seen_by_vendor.at("actorId").is_null());
  EXPECT_EQ(seen_by_vendor.at("delta"), json::value(-2));
}

}  // namespace
}  // namespace emporium::testing
