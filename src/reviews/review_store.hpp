#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "reviews/review.hpp"
#include "storage/database.hpp"

namespace emporium::reviews {

// One page of a product's reviews, as the store reads it.
struct ReviewPageQuery {
  std::string_view product_id = {};
  bool include_hidden = false;
  ReviewSort sort = ReviewSort::CreatedAtDesc;
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

// The SQL of reviews (and the product rating they keep). No rules here: the service decides.
class ReviewStore {
 public:
  static void insert(storage::Connection& connection, const Review& review);
  // Rewrites rating, title, body, verified_purchase and updated_at of a live review.
  static bool update_content(storage::Connection& connection, const Review& review);
  static bool set_hidden(storage::Connection& connection, std::string_view id, bool hidden, Timestamp now);
  static bool soft_delete(storage::Connection& connection, std::string_view id, Timestamp now);
  // Live reviews only.
  static std::optional<Review> find(storage::Connection& connection, std::string_view id);
  static std::optional<ReviewView> find_view(storage::Connection& connection, std::string_view id);
  static bool author_has_review(storage::Connection& connection, std::string_view product_id,
                                std::string_view author_id);
  // True when the customer has an order that was paid (paid, processing, shipped, delivered) with the product.
  static bool has_bought(storage::Connection& connection, std::string_view customer_id, std::string_view product_id);
  static std::vector<ReviewView> list(storage::Connection& connection, const ReviewPageQuery& query);
  static std::int64_t count(storage::Connection& connection, std::string_view product_id, bool include_hidden);
  // Recomputes products.rating_average_x100 (rounded half up) and rating_count from the product's live,
  // non-hidden reviews, in one UPDATE of the product row (which also serialises concurrent review writes).
  static void refresh_rating(storage::Connection& connection, std::string_view product_id);
};

}  // namespace emporium::reviews
