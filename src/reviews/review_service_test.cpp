#include "reviews/review_service.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <algorithm>

#include "catalog/memory_catalog_cache.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::reviews {
namespace {
using http::Principal;
using http::Role;
using storage::Backend;
using storage::Connection;

// What a write leaves besides the review: the event, the audit entries, the catalog cache's generation.
class ReviewServiceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    test_db_.database().transaction(storage::TxMode::Write, [](Connection& c) {
      for (const auto* user : {"usr_c", "usr_v", "usr_a"})
        c.execute(
            "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
            "VALUES ($1, $2, 'N', 'customer', 'x', 0, 0)",
            {std::string_view(user), std::string(user) + "@example.com"});
      c.execute(
          "INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, "
          "created_at, updated_at) VALUES ('prod_01M8DJEMCFDTDWJFDFVVYN561K', 'usr_v', 'p', 'P', 'p', 'active', "
          "'USD', 100, TRUE, 0, 0)");
      return true;
    });
  }

  storage::Rows query(std::string_view sql) {
    return storage::with_connection(test_db_.database(), [&](Connection& c) { return c.query(sql); });
  }

  storage::TestDatabase test_db_{GetParam()};
  SystemClock clock_;
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  events::EventLog events_{ids_, clock_};
  catalog::MemoryCatalogCache cache_;
  ReviewService service_{ReviewsContext{.database = test_db_.database(),
                                        .ids = ids_,
                                        .clock = clock_,
                                        .audit = audit_,
                                        .events = events_,
                                        .cache = cache_}};
  const Principal customer_{.user_id = "usr_c", .role = Role::Customer, .session_id = {}, .api_key_id = {}};
  const Principal admin_{.user_id = "usr_a", .role = Role::Admin, .session_id = {}, .api_key_id = {}};
  const std::string product_ = "prod_01M8DJEMCFDTDWJFDFVVYN561K";
};

TEST_P(ReviewServiceTest, ACreatedReviewIsAnEventForTheVendorAndMovesTheCacheOn) {
  const auto before = cache_.generation();
  const auto review = service_.create(customer_, product_, {.rating = 4, .title = "T", .body = "B"});
  ASSERT_TRUE(review.has_value());
  EXPECT_GT(cache_.generation(), before);
  const auto rows = query("SELECT type, subject_id, owner_id, data FROM events");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.front().text(0), "review.created");
  EXPECT_EQ(rows.front().text(1), review->review.id);
  EXPECT_EQ(rows.front().optional_text(2), "usr_v");
  EXPECT_EQ(boost::json::parse(rows.front().text(3)),
            boost::json::parse(R"({"reviewId":")" + review->review.id + R"(","productId":")" + product_ +
                               R"(","rating":4})"));
  // A refused write records nothing and leaves the cache alone.
  const auto after = cache_.generation();
  EXPECT_FALSE(service_.create(customer_, product_, {.rating = 5, .title = "T", .body = "B"}).has_value());
  EXPECT_EQ(cache_.generation(), after);
  EXPECT_EQ(query("SELECT COUNT(*) FROM events").front().integer(0), 1);
}

TEST_P(ReviewServiceTest, AdminsHidingAndDeletingIsAudited) {
  const auto review = service_.create(customer_, product_, {.rating = 4, .title = "T", .body = "B"});
  ASSERT_TRUE(review.has_value());
  const auto& id = review->review.id;
  ASSERT_TRUE(service_.set_hidden(admin_, id, true, "10.0.0.1").has_value());
  ASSERT_TRUE(service_.set_hidden(admin_, id, false, "10.0.0.1").has_value());
  ASSERT_TRUE(service_.remove(admin_, id, "10.0.0.1").has_value());
  std::vector<std::string> actions;
  for (const auto row : query("SELECT action, actor_id, target_id FROM audit_log WHERE target_type = 'review' "
                              "ORDER BY id")) {
    actions.push_back(row.text(0));
    EXPECT_EQ(row.text(1), "usr_a");
    EXPECT_EQ(row.text(2), id);
  }
  std::sort(actions.begin(), actions.end());  // ids made in one millisecond need not sort in order
  EXPECT_EQ(actions, (std::vector<std::string>{"review.deleted", "review.hidden", "review.unhidden"}));
}

TEST_P(ReviewServiceTest, AnAuthorDeletingTheirOwnReviewIsNotAudited) {
  const auto review = service_.create(customer_, product_, {.rating = 4, .title = "T", .body = "B"});
  ASSERT_TRUE(review.has_value());
  ASSERT_TRUE(service_.remove(customer_, review->review.id, "10.0.0.1").has_value());
  EXPECT_EQ(query("SELECT COUNT(*) FROM audit_log WHERE target_type = 'review'").front().integer(0), 0);
  EXPECT_EQ(query("SELECT rating_count FROM products").front().integer(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewServiceTest, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::reviews
