// The wishlist over HTTP: idempotent adds and removes, only active products listed (with their current price),
// pages, and the bodies it refuses.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "cart_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class Wishlist : public CartSuite<Wishlist> {
 protected:
  static HttpResponse add(HttpClient& client, const Account& customer, const json::value& body) {
    return send_json(client, "POST", "/api/wishlist", body, bearer(customer.access_token));
  }
  static HttpResponse remove(HttpClient& client, const Account& customer, const std::string& product_id) {
    return client.request("DELETE", "/api/wishlist/" + product_id, bearer(customer.access_token));
  }
  static json::object list(HttpClient& client, const Account& customer, const std::string& query = "") {
    const auto response = client.get("/api/wishlist" + query, bearer(customer.access_token));
    if (response.status != 200) throw std::runtime_error("GET /api/wishlist failed:\n" + response.describe());
    return response.json_object();
  }
};

std::vector<std::string> product_ids(const json::object& list) {
  std::vector<std::string> ids;
  for (const auto& entry : list.at("data").as_array()) ids.push_back(str(entry.at("productId")));
  return ids;
}

TEST_F(Wishlist, AddingIsIdempotentAndListsNewestFirst) {
  auto client = this->client();
  const auto customer = new_customer();
  EXPECT_EQ(list(client, customer).at("data"), json::array());
  const auto first = cart_product(client, vendor(), {.price = 1500});
  const auto second = cart_product(client, vendor(), {.price = 700});
  auto response = add(client, customer, {{"productId", first.product_id}});
  ASSERT_EQ(response.status, 201) << response.describe();
  const auto item = response.json_object();
  EXPECT_EQ(str(item.at("productId")), first.product_id);
  EXPECT_TRUE(item.at("name").is_string());
  EXPECT_TRUE(item.at("slug").is_string());
  EXPECT_EQ(item.at("price"), json::value(1500));
  EXPECT_EQ(str(item.at("currency")), "USD");
  EXPECT_EQ(item.at("inStock"), json::value(true));
  EXPECT_TRUE(item.at("addedAt").is_string());
  response = add(client, customer, {{"productId", first.product_id}});
  EXPECT_EQ(response.status, 200) << "already there: " << response.describe();
  EXPECT_EQ(response.json_object(), item) << "the same entry, added when it was first added";
  ASSERT_EQ(add(client, customer, {{"productId", second.product_id}}).status, 201);
  const auto listed = list(client, customer);
  EXPECT_EQ(product_ids(listed), (std::vector<std::string>{second.product_id, first.product_id}));
  EXPECT_EQ(listed.at("pagination").at("total"), json::value(2));
  EXPECT_TRUE(list(client, new_customer()).at("data").as_array().empty()) << "wishlists are per customer";
}

TEST_F(Wishlist, OnlyActiveProductsAreAddedAndListedWithTheirCurrentPrice) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto draft = cart_product(client, vendor(), {.status = "draft"});
  EXPECT_TRUE(is_problem(add(client, customer, {{"productId", draft.product_id}}), 404, "product_not_found"));
  EXPECT_TRUE(
      is_problem(add(client, customer, {{"productId", "prod_00000000000000000000000000"}}), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(add(client, customer, {{"productId", "garbage"}}), 404, "product_not_found"));
  const auto archived = cart_product(client, vendor());
  const auto repriced = cart_product(client, vendor(), {.price = 1000});
  ASSERT_EQ(add(client, customer, {{"productId", archived.product_id}}).status, 201);
  ASSERT_EQ(add(client, customer, {{"productId", repriced.product_id}}).status, 201);
  ASSERT_EQ(client.request("DELETE", "/api/products/" + archived.product_id, bearer(vendor().access_token)).status,
            204);
  ASSERT_EQ(send_json(client, "PATCH", "/api/products/" + repriced.product_id + "/variants/" + repriced.variant_id,
                      {{"price", 1250}}, bearer(vendor().access_token))
                .status,
            200);
  const auto listed = list(client, customer);
  EXPECT_EQ(product_ids(listed), std::vector<std::string>{repriced.product_id}) << "the archived one is hidden";
  EXPECT_EQ(listed.at("data").at(0).at("price"), json::value(1250));
  EXPECT_EQ(listed.at("pagination").at("total"), json::value(1));
  EXPECT_TRUE(is_problem(add(client, customer, {{"productId", archived.product_id}}), 404, "product_not_found"));
}

TEST_F(Wishlist, RemovingIsIdempotent) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto other = new_customer();
  const auto product = cart_product(client, vendor());
  ASSERT_EQ(add(client, customer, {{"productId", product.product_id}}).status, 201);
  ASSERT_EQ(add(client, other, {{"productId", product.product_id}}).status, 201);
  auto response = remove(client, customer, product.product_id);
  EXPECT_EQ(response.status, 204) << response.describe();
  EXPECT_EQ(list(client, customer).at("data"), json::array());
  EXPECT_EQ(remove(client, customer, product.product_id).status, 204) << "already gone";
  EXPECT_EQ(remove(client, customer, "prod_00000000000000000000000000").status, 204);
  EXPECT_EQ(remove(client, customer, "garbage").status, 204);
  EXPECT_EQ(product_ids(list(client, other)), std::vector<std::string>{product.product_id})
      << "another customer's wishlist keeps it";
  EXPECT_EQ(add(client, customer, {{"productId", product.product_id}}).status, 201) << "added anew";
}

TEST_F(Wishlist, ListsArePaged) {
  auto client = this->client();
  const auto customer = new_customer();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const auto product = cart_product(client, vendor());
    ASSERT_EQ(add(client, customer, {{"productId", product.product_id}}).status, 201);
    ids.insert(ids.begin(), product.product_id);
  }
  auto page = list(client, customer, "?limit=2");
  EXPECT_EQ(product_ids(page), (std::vector<std::string>{ids[0], ids[1]}));
  EXPECT_EQ(page.at("pagination"), (json::object{{"page", 1}, {"limit", 2}, {"total", 3}, {"totalPages", 2}}));
  page = list(client, customer, "?limit=2&page=2");
  EXPECT_EQ(product_ids(page), std::vector<std::string>{ids[2]});
  EXPECT_TRUE(is_problem(client.get("/api/wishlist?limit=0", bearer(customer.access_token)), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(client.get("/api/wishlist?sort=name", bearer(customer.access_token)), 400, "invalid_query"));
}

TEST_F(Wishlist, BodiesAreChecked) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor());
  EXPECT_EQ(error_fields(add(client, customer, json::object{})), std::set<std::string>{"productId"});
  EXPECT_EQ(error_fields(add(client, customer, {{"productId", 5}})), std::set<std::string>{"productId"});
  EXPECT_EQ(error_fields(add(client, customer, {{"productId", product.product_id}, {"note", "x"}})),
            std::set<std::string>{"note"});
  EXPECT_TRUE(is_problem(client.request("POST", "/api/wishlist",
                                        bearer(customer.access_token, {{"Content-Type", "application/json"}}), "[1,"),
                         400, "malformed_json"));
  EXPECT_EQ(list(client, customer).at("data"), json::array());
}

TEST_F(Wishlist, ParallelAddsOfOneProductMakeOneEntry) {
  auto client = this->client();
  const auto customer = new_customer();
  const auto product = cart_product(client, vendor());
  const auto responses = send_at_once(server().port(), 8, [&](HttpClient& c, int) {
    return add(c, customer, {{"productId", product.product_id}});
  });
  EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 200), 7) << statuses(responses);
  EXPECT_EQ(list(client, customer).at("pagination").at("total"), json::value(1));
}

}  // namespace
}  // namespace emporium::testing
