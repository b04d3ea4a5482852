#include "reviews/review_store.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "storage/testing/test_database.hpp"

namespace emporium::reviews {
namespace {
using storage::Backend;
using storage::Connection;
using storage::TxMode;

class ReviewStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    write([](Connection& c) {
      c.execute(
          "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
          "VALUES ('usr_v', 'v@example.com', 'V', 'vendor', 'x', 0, 0)");
      c.execute(
          "INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, "
          "created_at, updated_at) VALUES ('prod_p', 'usr_v', 'p', 'P', 'p', 'active', 'USD', 100, TRUE, 0, 0)");
    });
  }

  void write(const std::function<void(Connection&)>& work) {
    test_db_.database().transaction(TxMode::Write, [&](Connection& c) {
      work(c);
      return true;
    });
  }

  // One review per rating, each by a new customer; returns their ids.
  std::vector<std::string> add(const std::vector<std::int64_t>& ratings) {
    std::vector<std::string> ids;
    write([&](Connection& c) {
      for (const auto rating : ratings) {
        const auto n = std::to_string(next_++);
        c.execute(
            "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
            "VALUES ($1, $2, $3, 'customer', 'x', 0, 0)",
            {"usr_c" + n, "c" + n + "@example.com", "Customer " + n});
        ids.push_back("rev_" + n);
        ReviewStore::insert(c, {.id = ids.back(),
                                .product_id = "prod_p",
                                .author_id = "usr_c" + n,
                                .rating = rating,
                                .title = "T",
                                .body = "B",
                                .created_at = from_unix_millis(1000 * next_),
                                .updated_at = from_unix_millis(1000 * next_)});
      }
      ReviewStore::refresh_rating(c, "prod_p");
    });
    return ids;
  }

  std::pair<std::int64_t, std::int64_t> rating() {
    return storage::with_connection(test_db_.database(), [](Connection& c) {
      const auto rows = c.query("SELECT rating_average_x100, rating_count FROM products WHERE id = 'prod_p'");
      return std::pair{rows.front().integer(0), rows.front().integer(1)};
    });
  }

  storage::TestDatabase test_db_{GetParam()};
  int next_ = 1;
};

TEST_P(ReviewStoreTest, AverageIsRoundedHalfUpInHundredths) {
  EXPECT_EQ(rating(), (std::pair<std::int64_t, std::int64_t>{0, 0}));
  add({5, 4, 4});  // 4.333…
  EXPECT_EQ(rating(), (std::pair<std::int64_t, std::int64_t>{433, 3}));
  add({5, 5, 3, 3, 4});  // (13 + 20) / 8 = 4.125 → 412.5 → 413
  EXPECT_EQ(rating(), (std::pair<std::int64_t, std::int64_t>{413, 8}));
}

TEST_P(ReviewStoreTest, HiddenAndDeletedReviewsAreNotCounted) {
  const auto ids = add({5, 1, 2});
  write([&](Connection& c) {
    ReviewStore::set_hidden(c, ids[1], true, from_unix_millis(9000));
    ReviewStore::soft_delete(c, ids[2], from_unix_millis(9000));
    ReviewStore::refresh_rating(c, "prod_p");
  });
  EXPECT_EQ(rating(), (std::pair<std::int64_t, std::int64_t>{500, 1}));
  storage::with_connection(test_db_.database(), [&](Connection& c) {
    EXPECT_EQ(ReviewStore::count(c, "prod_p", false), 1);
    EXPECT_EQ(ReviewStore::count(c, "prod_p", true), 2);
    EXPECT_FALSE(ReviewStore::find(c, ids[2]));
    EXPECT_FALSE(ReviewStore::author_has_review(c, "prod_p", "usr_c3"));
    EXPECT_TRUE(ReviewStore::author_has_review(c, "prod_p", "usr_c2"));
    const auto all = ReviewStore::list(c, {.product_id = "prod_p", .include_hidden = true});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].review.id, ids[1]);  // newest first
    EXPECT_TRUE(all[0].review.hidden);
    EXPECT_EQ(all[1].author_name, "Customer 1");
  });
}

TEST_P(ReviewStoreTest, ListsByRatingAndPages) {
  const auto ids = add({3, 5, 4, 5});
  storage::with_connection(test_db_.database(), [&](Connection& c) {
    const auto best = ReviewStore::list(c, {.product_id = "prod_p", .sort = ReviewSort::RatingDesc, .limit = 3});
    ASSERT_EQ(best.size(), 3u);
    EXPECT_EQ(best[0].review.id, ids[3]);  // 5, newer first
    EXPECT_EQ(best[1].review.id, ids[1]);
    EXPECT_EQ(best[2].review.id, ids[2]);
    const auto rest =
        ReviewStore::list(c, {.product_id = "prod_p", .sort = ReviewSort::RatingDesc, .limit = 3, .offset = 3});
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].review.id, ids[0]);
  });
}

TEST_P(ReviewStoreTest, OneLiveReviewPerAuthorAndProduct) {
  const auto ids = add({4});
  const Review again{
      .id = "rev_again", .product_id = "prod_p", .author_id = "usr_c1", .rating = 2, .title = "T", .body = "B"};
  EXPECT_THROW(write([&](Connection& c) { ReviewStore::insert(c, again); }), storage::ConstraintViolation);
  write([&](Connection& c) {
    ReviewStore::soft_delete(c, ids[0], from_unix_millis(5000));
    ReviewStore::insert(c, again);  // allowed once the first one is deleted
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewStoreTest, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::reviews
