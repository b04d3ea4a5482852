#include "reviews/review_json.hpp"

namespace emporium::reviews {

boost::json::object review_json(const ReviewView& view) {
  const auto& r = view.review;
  return {{"id", r.id},
          {"productId", r.product_id},
          {"author", boost::json::object{{"id", r.author_id}, {"name", view.author_name}}},
          {"rating", r.rating},
          {"title", r.title},
          {"body", r.body},
          {"verifiedPurchase", r.verified_purchase},
          {"hidden", r.hidden},
          {"createdAt", to_iso8601(r.created_at)},
          {"updatedAt", to_iso8601(r.updated_at)}};
}

}  // namespace emporium::reviews
