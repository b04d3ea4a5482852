// Who may call the cart, wishlist and coupon routes: customers their cart and wishlist, admins the coupons;
// anyone else 403, nobody 401 — before the body or the id is looked at.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "cart_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class CartAccess : public CartSuite<CartAccess> {};

struct RouteCall {
  std::string method;
  std::string target;
};

const std::vector<RouteCall> kCustomerRoutes{
    {"GET", "/api/cart"},
    {"DELETE", "/api/cart"},
    {"POST", "/api/cart/items"},
    {"PATCH", "/api/cart/items/item_00000000000000000000000000"},
    {"DELETE", "/api/cart/items/item_00000000000000000000000000"},
    {"POST", "/api/cart/coupon"},
    {"DELETE", "/api/cart/coupon"},
    {"GET", "/api/wishlist"},
    {"POST", "/api/wishlist"},
    {"DELETE", "/api/wishlist/prod_00000000000000000000000000"},
};

const std::vector<RouteCall> kAdminRoutes{
    {"GET", "/api/coupons"},
    {"POST", "/api/coupons"},
    {"GET", "/api/coupons/cpn_00000000000000000000000000"},
    {"PUT", "/api/coupons/cpn_00000000000000000000000000"},
    {"DELETE", "/api/coupons/cpn_00000000000000000000000000"},
};

HttpResponse call(HttpClient& client, const RouteCall& route, const Account* caller) {
  Headers headers{{"Content-Type", "application/json"}};
  if (caller) headers = bearer(caller->access_token, headers);
  return client.request(route.method, route.target, headers, "{\"quantity\": 1}");
}

TEST_F(CartAccess, CartAndWishlistAreForCustomersOnly) {
  auto client = this->client();
  for (const auto& route : kCustomerRoutes) {
    const auto what = route.method + " " + route.target;
    EXPECT_TRUE(is_problem(call(client, route, nullptr), 401, "unauthorized")) << what;
    EXPECT_TRUE(is_problem(call(client, route, &vendor()), 403, "forbidden")) << what;
    EXPECT_TRUE(is_problem(call(client, route, &admin()), 403, "forbidden")) << what;
  }
}

TEST_F(CartAccess, CouponsAreForAdminsOnly) {
  auto client = this->client();
  const auto customer = new_customer();
  for (const auto& route : kAdminRoutes) {
    const auto what = route.method + " " + route.target;
    EXPECT_TRUE(is_problem(call(client, route, nullptr), 401, "unauthorized")) << what;
    EXPECT_TRUE(is_problem(call(client, route, &customer), 403, "forbidden")) << what;
    EXPECT_TRUE(is_problem(call(client, route, &vendor()), 403, "forbidden")) << what;
  }
}

TEST_F(CartAccess, ABadTokenIsUnauthorized) {
  auto client = this->client();
  const Account forged{
      .id = "", .email = "", .password = "", .role = "", .access_token = "not.a.jwt", .refresh_token = ""};
  EXPECT_TRUE(is_problem(call(client, kCustomerRoutes.front(), &forged), 401, "invalid_token"));
  EXPECT_TRUE(is_problem(call(client, kAdminRoutes.front(), &forged), 401, "invalid_token"));
}

}  // namespace
}  // namespace emporium::testing
