// Who may write which review, and every body, product and review the routes refuse: anonymous 401, the wrong
// role 403, someone else's review or a product nobody may review 404, a second review 409 (also when sent at
// once), bad bodies 400/422.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "orders_suite.hpp"
#include "reviews_api.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class ReviewAccess : public OrdersSuite<ReviewAccess> {
 protected:
  static std::string new_product(HttpClient& client) { return stocked_product(client, vendor(), 10).product_id; }
};

TEST_F(ReviewAccess, OnlyCustomersWriteReviews) {
  auto client = this->client();
  const auto product = new_product(client);
  EXPECT_TRUE(is_problem(post_review(client, nullptr, product, review_body(5)), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(post_review(client, &vendor(), product, review_body(5)), 403, "forbidden"));
  EXPECT_TRUE(is_problem(post_review(client, &admin(), product, review_body(5)), 403, "forbidden"));
  EXPECT_TRUE(reviews_json(client, product).at("data").as_array().empty());
}

TEST_F(ReviewAccess, ASecondReviewOfTheSameProductIs409) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto author = new_customer();
  created_review(client, author, product, 5);
  EXPECT_TRUE(is_problem(post_review(client, &author, product, review_body(1)), 409, "review_exists"));
  EXPECT_EQ(reviews_json(client, product).at("pagination").at("total").as_int64(), 1);
}

TEST_F(ReviewAccess, FiveReviewsSentAtOnceByOneCustomerMakeOne) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto author = new_customer();
  const auto responses =
      at_once(5, [&](HttpClient& c, int i) { return post_review(c, &author, product, review_body(1 + i)); });
  EXPECT_EQ(count_status(responses, 201), 1) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 4) << statuses(responses);
  EXPECT_EQ(reviews_json(client, product).at("pagination").at("total").as_int64(), 1);
  EXPECT_EQ(product_rating(client, admin(), product).second, 1);
}

TEST_F(ReviewAccess, RatingsAreWholeNumbersFromOneToFive) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto author = new_customer();
  for (const json::value& rating : {json::value(0), json::value(6), json::value("5"), json::value(4.5), json::value(-1),
                                    json::value(nullptr), json::value(true)}) {
    auto body = review_body(3);
    body["rating"] = rating;
    const auto response = post_review(client, &author, product, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(rating);
    EXPECT_EQ(error_fields(response), std::set<std::string>{"rating"}) << response.describe();
  }
  EXPECT_TRUE(reviews_json(client, product).at("data").as_array().empty());
}

TEST_F(ReviewAccess, TitleAndBodyHaveLimits) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto author = new_customer();
  const auto refused = [&](const json::object& body, const std::string& field) {
    const auto response = post_review(client, &author, product, body);
    EXPECT_TRUE(is_problem(response, 422, "validation_failed")) << json::serialize(body);
    EXPECT_EQ(error_fields(response), std::set<std::string>{field}) << response.describe();
  };
  refused(review_body(4, std::string(121, 'x')), "title");
  refused(review_body(4, ""), "title");
  refused(review_body(4, "   "), "title");
  refused(review_body(4, "Tab\tin title"), "title");
  refused(review_body(4, "ok", std::string(5001, 'y')), "body");
  refused(review_body(4, "ok", ""), "body");
  refused(review_body(4, "ok", "bell\a"), "body");
  refused(review_body(4, "ok", "carriage\rreturn"), "body");
  refused(with(review_body(4), "verifiedPurchase", true), "verifiedPurchase");
  refused(with(review_body(4), "hidden", false), "hidden");
  refused(without(review_body(4), "title"), "title");
  const auto malformed =
      client.request("POST", "/api/products/" + product + "/reviews",
                     bearer(author.access_token, {{"Content-Type", "application/json"}}), "{\"rating\": 5,");
  EXPECT_TRUE(is_problem(malformed, 400, "malformed_json")) << malformed.describe();
  // The longest of each is accepted (characters, not bytes).
  std::string long_title;
  for (int i = 0; i < 120; ++i) long_title += "é";
  const auto longest = post_review(client, &author, product, review_body(4, long_title, std::string(5000, 'z')));
  EXPECT_EQ(longest.status, 201) << longest.describe();
}

TEST_F(ReviewAccess, SomeoneElsesReviewIs404AndHidingIsForAdmins) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto author = new_customer();
  const auto id = str(created_review(client, author, product, 4).at("id"));
  for (const auto* actor : {&customer(), &vendor(), &admin()})
    EXPECT_TRUE(is_problem(put_review(client, actor, id, review_body(1)), 404, "review_not_found")) << actor->role;
  for (const auto* actor : {&customer(), &vendor()})
    EXPECT_TRUE(is_problem(delete_review(client, actor, id), 404, "review_not_found")) << actor->role;
  EXPECT_TRUE(is_problem(put_review(client, nullptr, id, review_body(1)), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(delete_review(client, nullptr, id), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(patch_review(client, nullptr, id, {{"hidden", true}}), 401, "unauthorized"));
  for (const auto* actor : {&author, &vendor()})
    EXPECT_TRUE(is_problem(patch_review(client, actor, id, {{"hidden", true}}), 403, "forbidden"));
  for (const auto& body :
       {json::object{}, json::object{{"hidden", "yes"}}, json::object{{"hidden", true}, {"rating", 1}}})
    EXPECT_TRUE(is_problem(patch_review(client, &admin(), id, body), 422, "validation_failed"))
        << json::serialize(body);
  EXPECT_TRUE(
      is_problem(put_review(client, &author, id, with(review_body(2), "id", "rev_x")), 422, "validation_failed"));
  for (const auto* missing : {"rev_00000000000000000000000000", "nonsense"}) {
    EXPECT_EQ(put_review(client, &author, missing, review_body(1)).status, 404);
    EXPECT_EQ(delete_review(client, &admin(), missing).status, 404);
    EXPECT_EQ(patch_review(client, &admin(), missing, {{"hidden", true}}).status, 404);
  }
  const auto unchanged = reviews_json(client, product).at("data").at(0);
  EXPECT_EQ(unchanged.at("rating").as_int64(), 4);
  EXPECT_EQ(unchanged.at("hidden"), json::value(false));
}

TEST_F(ReviewAccess, OnlyActiveProductsTakeReviews) {
  auto client = this->client();
  const auto draft =
      str(create_product(client, vendor(), with(product_body(unique_sku("REV")), "status", "draft")).at("id"));
  const auto author = new_customer();
  EXPECT_TRUE(is_problem(post_review(client, &author, draft, review_body(5)), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_reviews(client, draft), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_reviews(client, draft, "", &other_vendor()), 404, "product_not_found"));
  EXPECT_EQ(get_reviews(client, draft, "", &vendor()).status, 200) << "its seller sees the (empty) list";

  const auto archived = new_product(client);
  const auto earlier = new_customer();
  created_review(client, earlier, archived, 5);
  const auto deleted = client.request("DELETE", "/api/products/" + archived, bearer(vendor().access_token));
  ASSERT_EQ(deleted.status, 204) << deleted.describe();
  EXPECT_TRUE(is_problem(post_review(client, &author, archived, review_body(5)), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(get_reviews(client, archived), 404, "product_not_found"));
  EXPECT_EQ(get_reviews(client, archived, "", &admin()).status, 200);

  for (const auto* missing : {"prod_00000000000000000000000000", "no-such-thing"}) {
    EXPECT_TRUE(is_problem(post_review(client, &author, missing, review_body(5)), 404, "product_not_found"));
    EXPECT_TRUE(is_problem(get_reviews(client, missing), 404, "product_not_found"));
  }
}

}  // namespace
}  // namespace emporium::testing
