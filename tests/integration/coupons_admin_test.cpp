// Coupons over HTTP, as an admin manages them: create, read, list with filters, replace, soft delete; the rules
// of a coupon body; unique codes without regard to case, also under parallel creates.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cctype>
#include <string>

#include "cart_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class CouponsAdmin : public CartSuite<CouponsAdmin> {
 protected:
  static HttpResponse post(HttpClient& client, const json::value& body) {
    return send_json(client, "POST", "/api/coupons", body, bearer(admin().access_token));
  }
  static HttpResponse put(HttpClient& client, const std::string& id, const json::value& body) {
    return send_json(client, "PUT", "/api/coupons/" + id, body, bearer(admin().access_token));
  }
  static HttpResponse get(HttpClient& client, const std::string& target) {
    return client.get(target, bearer(admin().access_token));
  }
  static HttpResponse remove(HttpClient& client, const std::string& id) {
    return client.request("DELETE", "/api/coupons/" + id, bearer(admin().access_token));
  }
};

TEST_F(CouponsAdmin, CreateReadReplaceAndDelete) {
  auto client = this->client();
  const auto category = create_category(client, admin(), unique_tag("coupon-cat"));
  const auto product = cart_product(client, vendor());
  const auto code = unique_code("Spring");
  auto body = coupon_body(code, "fixed", 500);
  body["minSubtotal"] = 2000;
  body["startsAt"] = "2026-03-01T00:00:00Z";
  body["expiresAt"] = "2026-06-01T00:00:00+02:00";
  body["usageLimit"] = 100;
  body["perCustomerLimit"] = 1;
  body["productIds"] = json::array{json::value(product.product_id)};
  body["categoryIds"] = json::array{category.at("id")};
  body["active"] = false;
  auto response = post(client, body);
  ASSERT_EQ(response.status, 201) << response.describe();
  const auto created = response.json_object();
  const auto id = str(created.at("id"));
  EXPECT_TRUE(id.starts_with("cpn_")) << id;
  EXPECT_EQ(response.header("Location"), "/api/coupons/" + id);
  EXPECT_EQ(str(created.at("code")), code) << "kept as written";
  EXPECT_EQ(str(created.at("type")), "fixed");
  EXPECT_EQ(created.at("value"), json::value(500));
  EXPECT_EQ(str(created.at("currency")), "USD");
  EXPECT_EQ(created.at("minSubtotal"), json::value(2000));
  EXPECT_EQ(str(created.at("startsAt")), "2026-03-01T00:00:00Z");
  EXPECT_EQ(str(created.at("expiresAt")), "2026-05-31T22:00:00Z") << "normalised to UTC";
  EXPECT_EQ(created.at("usageLimit"), json::value(100));
  EXPECT_EQ(created.at("perCustomerLimit"), json::value(1));
  EXPECT_EQ(created.at("productIds"), (json::array{json::value(product.product_id)}));
  EXPECT_EQ(created.at("categoryIds"), (json::array{category.at("id")}));
  EXPECT_EQ(created.at("active"), json::value(false));
  EXPECT_EQ(created.at("timesUsed"), json::value(0));
  EXPECT_TRUE(created.at("createdAt").is_string());
  EXPECT_EQ(created.at("createdAt"), created.at("updatedAt"));

  response = get(client, "/api/coupons/" + id);
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(response.json_object(), created);

  // A full replace: what is left out takes its default.
  response = put(client, id, coupon_body(code + "-b", "percentage", 25));
  ASSERT_EQ(response.status, 200) << response.describe();
  const auto replaced = response.json_object();
  EXPECT_EQ(str(replaced.at("code")), code + "-b");
  EXPECT_EQ(replaced.at("value"), json::value(25));
  EXPECT_TRUE(replaced.at("currency").is_null());
  EXPECT_EQ(replaced.at("minSubtotal"), json::value(0));
  for (const auto* absent : {"startsAt", "expiresAt", "usageLimit", "perCustomerLimit"})
    EXPECT_TRUE(replaced.at(absent).is_null()) << absent;
  EXPECT_EQ(replaced.at("productIds"), json::array());
  EXPECT_EQ(replaced.at("active"), json::value(true));
  EXPECT_EQ(replaced.at("createdAt"), created.at("createdAt"));

  response = remove(client, id);
  EXPECT_EQ(response.status, 204) << response.describe();
  EXPECT_TRUE(is_problem(get(client, "/api/coupons/" + id), 404, "coupon_not_found"));
  EXPECT_TRUE(is_problem(remove(client, id), 404, "coupon_not_found"));
  EXPECT_TRUE(is_problem(put(client, id, coupon_body(code)), 404, "coupon_not_found"));
}

TEST_F(CouponsAdmin, UnknownAndMalformedIdsAreNotFound) {
  auto client = this->client();
  for (const std::string id : {"cpn_00000000000000000000000000", "nope", "prod_00000000000000000000000000"}) {
    EXPECT_TRUE(is_problem(get(client, "/api/coupons/" + id), 404, "coupon_not_found")) << id;
    EXPECT_TRUE(is_problem(put(client, id, coupon_body(unique_code())), 404, "coupon_not_found")) << id;
    EXPECT_TRUE(is_problem(remove(client, id), 404, "coupon_not_found")) << id;
  }
}

TEST_F(CouponsAdmin, BrokenRulesAreNamedByField) {
  auto client = this->client();
  const auto expect_fields = [&](const json::object& body, const std::set<std::string>& fields) {
    const auto response = post(client, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(body);
    EXPECT_EQ(error_fields(response), fields) << response.describe();
  };
  expect_fields({}, {"code", "type"});
  expect_fields(coupon_body("ab"), {"code"});
  expect_fields(coupon_body(std::string(41, 'A')), {"code"});
  expect_fields(coupon_body("HAS SPACE"), {"code"});
  expect_fields(coupon_body("ÜBER10"), {"code"});
  expect_fields(coupon_body(unique_code(), "bogus"), {"type"});
  expect_fields(coupon_body(unique_code(), "percentage", 0), {"value"});
  expect_fields(coupon_body(unique_code(), "percentage", 101), {"value"});
  expect_fields(without(coupon_body(unique_code()), "value"), {"value"});
  expect_fields(without(coupon_body(unique_code(), "fixed", 100), "currency"), {"currency"});
  expect_fields(coupon_body(unique_code(), "fixed", 0), {"value"});
  expect_fields(with(coupon_body(unique_code(), "fixed", 100), "currency", "XXY"), {"currency"});
  expect_fields(coupon_body(unique_code(), "free_shipping", 5), {"value"});
  expect_fields(with(coupon_body(unique_code()), "value", "10"), {"value"});
  expect_fields(with(coupon_body(unique_code()), "minSubtotal", -1), {"minSubtotal"});
  expect_fields(with(coupon_body(unique_code()), "usageLimit", 0), {"usageLimit"});
  expect_fields(with(coupon_body(unique_code()), "perCustomerLimit", 0), {"perCustomerLimit"});
  expect_fields(with(coupon_body(unique_code()), "startsAt", "tomorrow"), {"startsAt"});
  expect_fields(
      with(with(coupon_body(unique_code()), "startsAt", "2026-05-01T00:00:00Z"), "expiresAt", "2026-04-01T00:00:00Z"),
      {"expiresAt"});
  expect_fields(with(coupon_body(unique_code()), "active", "yes"), {"active"});
  expect_fields(with(coupon_body(unique_code()), "timesUsed", 5), {"timesUsed"});
  expect_fields(with(coupon_body(unique_code()), "id", "cpn_00000000000000000000000000"), {"id"});
  expect_fields(with(coupon_body(unique_code()), "productIds", "prod_00000000000000000000000000"), {"productIds"});
  expect_fields(with(coupon_body(unique_code()), "productIds", json::array{1}), {"productIds[0]"});
  expect_fields(with(coupon_body(unique_code()), "categoryIds", json::array{"nope"}), {"categoryIds[0]"});
  json::array many;
  for (int i = 0; i < 101; ++i) many.emplace_back("prod_00000000000000000000000000");
  expect_fields(with(coupon_body(unique_code()), "productIds", many), {"productIds"});
  expect_fields(with(coupon_body(unique_code()), "productIds", json::array{"prod_00000000000000000000000000"}),
                {"productIds"});
  expect_fields(with(coupon_body(unique_code()), "categoryIds", json::array{"cat_00000000000000000000000000"}),
                {"categoryIds"});

  EXPECT_TRUE(
      is_problem(client.request("POST", "/api/coupons",
                                bearer(admin().access_token, {{"Content-Type", "application/json"}}), "{\"code\""),
                 400, "malformed_json"));
  EXPECT_TRUE(is_problem(post(client, json::array{}), 422, "validation_failed"));
}

TEST_F(CouponsAdmin, CodesAreUniqueWithoutRegardToCaseUntilDeleted) {
  auto client = this->client();
  const auto code = unique_code("Dup");
  const auto first = create_coupon(client, admin(), coupon_body(code));
  std::string lower = code;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(is_problem(post(client, coupon_body(lower)), 409, "coupon_code_taken"));
  const auto second = create_coupon(client, admin(), coupon_body(unique_code("Other")));
  EXPECT_TRUE(is_problem(put(client, str(second.at("id")), coupon_body(lower)), 409, "coupon_code_taken"));
  EXPECT_EQ(put(client, str(first.at("id")), coupon_body(lower)).status, 200) << "its own code, in another case";
  ASSERT_EQ(remove(client, str(first.at("id"))).status, 204);
  EXPECT_EQ(post(client, coupon_body(code)).status, 201) << "a deleted coupon's code is free again";
}

TEST_F(CouponsAdmin, ParallelCreatesOfOneCodeMakeOneCoupon) {
  const auto code = unique_code("Race");
  const auto responses = send_at_once(server().port(), 10, [&](HttpClient& c, int i) {
    std::string spelt = code;
    if (i % 2) {
      for (auto& ch : spelt) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return send_json(c, "POST", "/api/coupons", coupon_body(spelt), bearer(admin().access_token));
  });
  EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 9) << statuses(responses);
  auto client = this->client();
  const auto list = get(client, "/api/coupons?q=" + code);
  ASSERT_EQ(list.status, 200) << list.describe();
  EXPECT_EQ(list.json_object().at("pagination").at("total"), json::value(1));
}

TEST_F(CouponsAdmin, ListsNewestFirstWithFiltersAndPages) {
  auto client = this->client();
  const auto prefix = unique_code("List");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto body = coupon_body(prefix + "-" + std::to_string(i));
    body["active"] = i != 1;
    ids.push_back(str(create_coupon(client, admin(), body).at("id")));
  }
  auto response = get(client, "/api/coupons?q=" + prefix);
  ASSERT_EQ(response.status, 200) << response.describe();
  auto list = response.json_object();
  EXPECT_EQ(ids_of(list), (std::vector<std::string>{ids[2], ids[1], ids[0]}));
  EXPECT_EQ(list.at("pagination").at("total"), json::value(3));
  std::string lower = prefix;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  list = get(client, "/api/coupons?active=false&q=" + lower).json_object();
  EXPECT_EQ(ids_of(list), std::vector<std::string>{ids[1]}) << "q is a code prefix in any case";
  list = get(client, "/api/coupons?active=true&q=" + prefix + "&limit=1&page=2").json_object();
  EXPECT_EQ(ids_of(list), std::vector<std::string>{ids[0]});
  EXPECT_EQ(list.at("pagination").at("totalPages"), json::value(2));
  EXPECT_EQ(get(client, "/api/coupons?q=" + prefix + "-9").json_object().at("data"), json::array());
  EXPECT_TRUE(is_problem(get(client, "/api/coupons?active=maybe"), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get(client, "/api/coupons?limit=101"), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get(client, "/api/coupons?sort=code"), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get(client, "/api/coupons?q=" + std::string(41, 'a')), 400, "invalid_query"));
}

}  // namespace
}  // namespace emporium::testing
