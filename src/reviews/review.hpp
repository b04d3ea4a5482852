#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "support/clock.hpp"

namespace emporium::reviews {

// A customer's review of a product. Deleted reviews keep their row (deleted_at) and are never shown.
struct Review {
  std::string id = {};
  std::string product_id = {};
  std::string author_id = {};
  std::int64_t rating = 0;  // 1..5
  std::string title = {};
  std::string body = {};
  bool verified_purchase = false;
  bool hidden = false;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> deleted_at = {};
};

// A review as its answers show it: with its author's name.
struct ReviewView {
  Review review = {};
  std::string author_name = {};
};

// What a customer writes (POST and PUT).
struct ReviewInput {
  std::int64_t rating = 0;
  std::string title = {};
  std::string body = {};
};

enum class ReviewSort { CreatedAtDesc, RatingDesc };

}  // namespace emporium::reviews
