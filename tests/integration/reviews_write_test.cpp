// Writing, reading, editing and deleting reviews over HTTP: the review's shape, the list's order and pages,
// and verifiedPurchase from the author's paid orders.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "orders_suite.hpp"
#include "reviews_api.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class ReviewWrites : public OrdersSuite<ReviewWrites> {
 protected:
  static std::string new_product(HttpClient& client) { return stocked_product(client, vendor(), 10).product_id; }
};

TEST_F(ReviewWrites, ACustomerReviewsAProductAndEveryoneReadsIt) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto posted =
      post_review(client, &customer(), product, review_body(4, "  Nice kettle ", "Boils fast.\nQuiet."));
  ASSERT_EQ(posted.status, 201) << posted.describe();
  const auto review = posted.json_object();
  const auto id = str(review.at("id"));
  EXPECT_EQ(id.rfind("rev_", 0), 0u);
  EXPECT_EQ(posted.header("Location"), "/api/reviews/" + id);
  EXPECT_EQ(str(review.at("productId")), product);
  EXPECT_EQ(str(review.at("author").at("id")), customer().id);
  EXPECT_FALSE(str(review.at("author").at("name")).empty());
  EXPECT_EQ(review.at("rating").as_int64(), 4);
  EXPECT_EQ(str(review.at("title")), "Nice kettle");
  EXPECT_EQ(str(review.at("body")), "Boils fast.\nQuiet.");
  EXPECT_EQ(review.at("verifiedPurchase"), json::value(false));
  EXPECT_EQ(review.at("hidden"), json::value(false));
  EXPECT_EQ(review.at("createdAt"), review.at("updatedAt"));

  const auto list = reviews_json(client, product);
  ASSERT_EQ(list.at("data").as_array().size(), 1u);
  EXPECT_EQ(list.at("data").at(0), review);
  EXPECT_EQ(list.at("pagination").at("total").as_int64(), 1);
  EXPECT_EQ(list.at("pagination").at("page").as_int64(), 1);
}

TEST_F(ReviewWrites, ListsNewestFirstOrBestFirstInPages) {
  auto client = this->client();
  const auto product = new_product(client);
  std::vector<std::string> ids;
  for (const auto rating : {3, 5, 1, 4})
    ids.push_back(str(created_review(client, new_customer(), product, rating).at("id")));
  EXPECT_EQ(ids_of(reviews_json(client, product)), (std::vector<std::string>{ids[3], ids[2], ids[1], ids[0]}));
  EXPECT_EQ(ids_of(reviews_json(client, product, "?sort=createdAt:desc")), ids_of(reviews_json(client, product)));
  EXPECT_EQ(ids_of(reviews_json(client, product, "?sort=rating:desc")),
            (std::vector<std::string>{ids[1], ids[3], ids[0], ids[2]}));
  const auto second = reviews_json(client, product, "?sort=rating:desc&page=2&limit=3");
  EXPECT_EQ(ids_of(second), (std::vector<std::string>{ids[2]}));
  EXPECT_EQ(second.at("pagination").at("total").as_int64(), 4);
  EXPECT_EQ(second.at("pagination").at("totalPages").as_int64(), 2);
  EXPECT_TRUE(is_problem(get_reviews(client, product, "?sort=rating:asc"), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get_reviews(client, product, "?limit=101"), 400, "invalid_query"));
  EXPECT_TRUE(is_problem(get_reviews(client, product, "?colour=red"), 400, "invalid_query"));
}

TEST_F(ReviewWrites, TheAuthorEditsAndDeletesTheirReview) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto author = new_customer();
  const auto id = str(created_review(client, author, product, 2).at("id"));
  const auto edited = put_review(client, &author, id, review_body(5, "Changed my mind", "Better after a week."));
  ASSERT_EQ(edited.status, 200) << edited.describe();
  EXPECT_EQ(edited.json_object().at("rating").as_int64(), 5);
  EXPECT_EQ(str(edited.json_object().at("title")), "Changed my mind");
  EXPECT_EQ(reviews_json(client, product).at("data").at(0), edited.json_object());

  const auto deleted = delete_review(client, &author, id);
  EXPECT_EQ(deleted.status, 204) << deleted.describe();
  EXPECT_TRUE(reviews_json(client, product).at("data").as_array().empty());
  EXPECT_EQ(delete_review(client, &author, id).status, 404);
  EXPECT_EQ(put_review(client, &author, id, review_body(3)).status, 404);
  // Once deleted, the author may write a new one.
  EXPECT_EQ(post_review(client, &author, product, review_body(3)).status, 201);
}

TEST_F(ReviewWrites, AnAdminDeletesAnyReview) {
  auto client = this->client();
  const auto product = new_product(client);
  const auto id = str(created_review(client, new_customer(), product, 1).at("id"));
  EXPECT_EQ(delete_review(client, &admin(), id).status, 204);
  EXPECT_TRUE(reviews_json(client, product, "", &admin()).at("data").as_array().empty());
}

TEST_F(ReviewWrites, VerifiedPurchaseNeedsAPaidOrderWithTheProduct) {
  auto client = this->client();
  const auto bought = stocked_product(client, vendor(), 10);
  const auto other = stocked_product(client, vendor(), 10);
  const auto buyer = new_customer();
  const auto pending = placed_order(client, buyer, order_body({item(bought, 1)}));
  // Placed but not paid: not verified.
  const auto early = created_review(client, buyer, bought.product_id, 4);
  EXPECT_EQ(early.at("verifiedPurchase"), json::value(false));
  moved_to(client, admin(), str(pending.at("id")), "paid");
  // Paid: an edit (and any new review) is verified; a product not in the order is not.
  const auto edited = put_review(client, &buyer, str(early.at("id")), review_body(5));
  ASSERT_EQ(edited.status, 200) << edited.describe();
  EXPECT_EQ(edited.json_object().at("verifiedPurchase"), json::value(true));
  EXPECT_EQ(created_review(client, buyer, other.product_id, 4).at("verifiedPurchase"), json::value(false));
  const auto second_buyer = new_customer();
  const auto order = placed_order(client, second_buyer, order_body({item(bought, 1), item(other, 1)}));
  moved_to(client, admin(), str(order.at("id")), "paid");
  EXPECT_EQ(created_review(client, second_buyer, bought.product_id, 3).at("verifiedPurchase"), json::value(true));
}

}  // namespace
}  // namespace emporium::testing
