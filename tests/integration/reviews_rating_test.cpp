// The product rating reviews keep: ratingAverage (rounded half up to hundredths) and ratingCount over live,
// non-hidden reviews, changed with every write and seen at once through the catalog's cache, its minRating
// filter and its rating sort. Hidden reviews are shown to admins only.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include "orders_suite.hpp"
#include "reviews_api.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;
using Rating = std::pair<std::int64_t, std::int64_t>;

class ReviewRatings : public OrdersSuite<ReviewRatings> {
 protected:
  static std::string new_product(HttpClient& client, const Account& seller) {
    return stocked_product(client, seller, 10).product_id;
  }
};

TEST_F(ReviewRatings, TheProductShowsTheAverageAndCountOfItsReviews) {
  auto client = this->client();
  const auto product = new_product(client, vendor());
  // Read once first, so that a cached answer would show if a write did not invalidate it.
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{0, 0}));
  EXPECT_EQ(product_json(client, product).at("ratingCount").as_int64(), 0);
  const auto a = new_customer();
  const auto b = new_customer();
  const auto c = new_customer();
  const auto first = str(created_review(client, a, product, 5).at("id"));
  created_review(client, b, product, 4);
  const auto third = str(created_review(client, c, product, 4).at("id"));
  const auto shown = product_json(client, product);
  EXPECT_DOUBLE_EQ(shown.at("ratingAverage").as_double(), 4.33);
  EXPECT_EQ(shown.at("ratingCount").as_int64(), 3);

  ASSERT_EQ(put_review(client, &c, third, review_body(1)).status, 200);  // 5, 4, 1
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{333, 3}));
  ASSERT_EQ(delete_review(client, &a, first).status, 204);  // 4, 1
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{250, 2}));
  EXPECT_DOUBLE_EQ(product_json(client, product).at("ratingAverage").as_double(), 2.5);
  ASSERT_EQ(put_review(client, &c, third, review_body(5)).status, 200);  // 4, 5
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{450, 2}));
}

TEST_F(ReviewRatings, HiddenReviewsAreForAdminsAndNotCounted) {
  auto client = this->client();
  const auto product = new_product(client, vendor());
  const auto author = new_customer();
  const auto low = str(created_review(client, author, product, 1).at("id"));
  const auto high = str(created_review(client, new_customer(), product, 5).at("id"));
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{300, 2}));

  const auto hidden = patch_review(client, &admin(), low, {{"hidden", true}});
  ASSERT_EQ(hidden.status, 200) << hidden.describe();
  EXPECT_EQ(hidden.json_object().at("hidden"), json::value(true));
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{500, 1}));
  for (const auto* viewer : {static_cast<const Account*>(nullptr), &customer(), &author, &vendor()}) {
    const auto list = reviews_json(client, product, "", viewer);
    EXPECT_EQ(ids_of(list), std::vector<std::string>{high});
    EXPECT_EQ(list.at("pagination").at("total").as_int64(), 1);
  }
  const auto for_admin = reviews_json(client, product, "", &admin());
  ASSERT_EQ(ids_of(for_admin), (std::vector<std::string>{high, low}));
  EXPECT_EQ(for_admin.at("data").at(1).at("hidden"), json::value(true));
  EXPECT_EQ(for_admin.at("pagination").at("total").as_int64(), 2);

  // The author still edits it; it stays hidden and uncounted.
  ASSERT_EQ(put_review(client, &author, low, review_body(2)).status, 200);
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{500, 1}));
  ASSERT_EQ(patch_review(client, &admin(), low, {{"hidden", false}}).status, 200);
  EXPECT_EQ(product_rating(client, admin(), product), (Rating{350, 2}));
  EXPECT_EQ(reviews_json(client, product).at("pagination").at("total").as_int64(), 2);
}

TEST_F(ReviewRatings, TheCatalogFiltersAndSortsByTheRating) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto best = new_product(client, seller);
  const auto good = new_product(client, seller);
  const auto unrated = new_product(client, seller);
  const auto target = "/api/products?vendor=" + seller.id;
  EXPECT_TRUE(ids_of(list_json(client, target + "&minRating=4")).empty());
  created_review(client, new_customer(), best, 5);
  created_review(client, new_customer(), best, 4);  // 4.5
  created_review(client, new_customer(), good, 4);
  EXPECT_EQ(ids_of(list_json(client, target + "&minRating=4.5")), std::vector<std::string>{best});
  EXPECT_EQ(ids_of(list_json(client, target + "&minRating=4&sort=rating:desc")),
            (std::vector<std::string>{best, good}));
  EXPECT_EQ(ids_of(list_json(client, target + "&sort=rating:desc")), (std::vector<std::string>{best, good, unrated}));
  created_review(client, new_customer(), good, 5);
  created_review(client, new_customer(), good, 5);  // 4.67
  EXPECT_EQ(ids_of(list_json(client, target + "&sort=rating:desc")), (std::vector<std::string>{good, best, unrated}));
  EXPECT_EQ(ids_of(list_json(client, target + "&minRating=4.6")), std::vector<std::string>{good});
}

}  // namespace
}  // namespace emporium::testing
