// Reading orders: customers see their own, vendors the orders holding their lines (and only those lines),
// admins every order with filters. Someone else's order is a 404.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <thread>

#include "orders_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class OrderReads : public OrdersSuite<OrderReads> {};

TEST_F(OrderReads, CustomersListTheirOwnOrdersNewestFirstInPages) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto cap = stocked_product(client, vendor(), 50);
  std::vector<std::string> placed;
  for (int i = 0; i < 5; ++i) placed.push_back(str(placed_order(client, buyer, order_body({item(cap, 1)})).at("id")));
  placed_order(client, other_customer(), order_body({item(cap, 1)}));

  const auto all = list_json(client, "/api/orders", &buyer);
  EXPECT_EQ(ids_of(all), (std::vector<std::string>{placed.rbegin(), placed.rend()}));
  EXPECT_EQ(all.at("pagination").at("total"), json::value(5));
  const auto page = list_json(client, "/api/orders?limit=2&page=2", &buyer);
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{placed[2], placed[1]}));
  EXPECT_EQ(page.at("pagination"), (json::object{{"page", 2}, {"limit", 2}, {"total", 5}, {"totalPages", 3}}));
  EXPECT_EQ(str(page.at("data").at(0).at("customerId")), buyer.id);
  EXPECT_TRUE(page.at("data").at(0).as_object().contains("total"));
}

TEST_F(OrderReads, VendorsSeeOnlyOrdersWithTheirLinesAndOnlyThoseLines) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto theirs = stocked_product(client, seller, 10, 300);
  const auto others = stocked_product(client, other_vendor(), 10, 900);
  const auto mixed = str(placed_order(client, customer(), order_body({item(others, 1), item(theirs, 2)})).at("id"));
  placed_order(client, customer(), order_body({item(others, 1)}));

  const auto list = list_json(client, "/api/orders", &seller);
  ASSERT_EQ(ids_of(list), (std::vector<std::string>{mixed}));
  const auto& order = list.at("data").at(0).as_object();
  ASSERT_EQ(order.at("items").as_array().size(), 1u);
  EXPECT_EQ(str(order.at("items").at(0).at("productId")), theirs.product_id);
  EXPECT_EQ(order.at("subtotal"), json::value(600)) << "the vendor's own lines";
  for (const auto* hidden : {"customerId", "total", "tax", "discount", "billingAddress", "payment", "coupon"})
    EXPECT_FALSE(order.contains(hidden)) << hidden;
  EXPECT_TRUE(order.at("shippingAddress").is_null()) << "not before the order is paid";
  EXPECT_EQ(order_json(client, seller, mixed), order);
  moved_to(client, admin(), mixed, "paid");
  EXPECT_EQ(str(order_json(client, seller, mixed).at("shippingAddress").at("country")), "DE")
      << "the vendor ships to it";
}

TEST_F(OrderReads, AdminsListEveryOrderAndFilter) {
  auto client = this->client();
  const auto buyer = new_customer();
  const auto cap = stocked_product(client, vendor(), 50);
  const auto first = str(placed_order(client, buyer, order_body({item(cap, 1)})).at("id"));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));  // timestamps are in milliseconds: make them differ
  const auto second = str(placed_order(client, buyer, order_body({item(cap, 1)})).at("id"));
  moved_to(client, admin(), first, "paid");

  const auto mine = "/api/orders?customerId=" + buyer.id;
  EXPECT_EQ(ids_of(list_json(client, mine, &admin())), (std::vector<std::string>{second, first}));
  EXPECT_EQ(ids_of(list_json(client, mine + "&status=paid", &admin())), (std::vector<std::string>{first}));
  EXPECT_EQ(ids_of(list_json(client, mine + "&status=pending_payment", &admin())), (std::vector<std::string>{second}));
  const auto created = str(order_json(client, admin(), second).at("createdAt"));
  EXPECT_EQ(ids_of(list_json(client, mine + "&createdFrom=" + url_encode(created), &admin())),
            (std::vector<std::string>{second}));
  EXPECT_EQ(
      ids_of(list_json(client, mine + "&createdFrom=2000-01-01T00:00:00Z&createdTo=2000-12-31T00:00:00Z", &admin())),
      std::vector<std::string>{});
  EXPECT_GE(list_json(client, "/api/orders?status=paid", &admin()).at("pagination").at("total").to_number<int>(), 1);
}

TEST_F(OrderReads, BadListQueriesAre400) {
  auto client = this->client();
  const auto get = [&](const std::string& target, const Account& viewer) {
    return client.get(target, bearer(viewer.access_token));
  };
  EXPECT_TRUE(is_problem(get("/api/orders?status=lost", customer()), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get("/api/orders?createdFrom=yesterday", admin()), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get("/api/orders?limit=0", customer()), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get("/api/orders?limit=101", customer()), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get("/api/orders?customerId=" + other_customer().id, customer()), 400, "invalid_query"))
      << "customers cannot list somebody else's orders";
  EXPECT_TRUE(is_problem(get("/api/orders?sort=total:asc", customer()), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(client.get("/api/orders"), 401, "unauthorized"));
}

TEST_F(OrderReads, SomebodyElsesOrderAndItsTimelineAre404) {
  auto client = this->client();
  const auto cap = stocked_product(client, vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(cap, 1)})).at("id"));
  EXPECT_TRUE(is_problem(get_order(client, other_customer(), id), 404, "not_found"));
  EXPECT_TRUE(is_problem(get_order(client, other_vendor(), id), 404, "not_found"));
  EXPECT_TRUE(
      is_problem(client.get("/api/orders/" + id + "/events", bearer(other_customer().access_token)), 404, "not_found"));
  EXPECT_TRUE(
      is_problem(client.get("/api/orders/" + id + "/events", bearer(other_vendor().access_token)), 404, "not_found"));
  EXPECT_TRUE(is_problem(get_order(client, customer(), "ord_01JDQ3ZQ6X9V2M5W8Y1T4R7B0C"), 404, "not_found"));
  EXPECT_TRUE(is_problem(get_order(client, customer(), "../etc/passwd"), 404, "not_found"));
  EXPECT_TRUE(is_problem(client.get("/api/orders/" + id), 401, "unauthorized"));
  EXPECT_EQ(order_json(client, admin(), id).at("id"), json::value(id));
  EXPECT_EQ(order_json(client, vendor(), id).at("id"), json::value(id));
}

TEST_F(OrderReads, AVendorsTimelineHidesTheOtherVendorsShipmentsAndAllDetails) {
  auto client = this->client();
  const auto a = stocked_product(client, vendor(), 5);
  const auto b = stocked_product(client, other_vendor(), 5);
  const auto id = str(placed_order(client, customer(), order_body({item(a, 1), item(b, 1)})).at("id"));
  moved_to(client, admin(), id, "paid");
  const json::object shipment{{"status", "shipped"}, {"carrier", "DHL"}, {"trackingNumber", "SECRET-1"}};
  ASSERT_EQ(set_status(client, other_vendor(), id, shipment).status, 200);
  const auto seen_by_vendor = order_events(client, vendor(), id);
  std::vector<std::string> types;
  for (const auto& event : seen_by_vendor) {
    types.push_back(str(event.at("type")));
    EXPECT_FALSE(event.as_object().contains("data"));
  }
  EXPECT_EQ(types, (std::vector<std::string>{"created", "status_changed"}));
  const auto seen_by_admin = order_events(client, admin(), id);
  ASSERT_EQ(seen_by_admin.size(), 3u);
  EXPECT_EQ(str(seen_by_admin[2].at("data").at("trackingNumber")), "SECRET-1");
}

}  // namespace
}  // namespace emporium::testing
