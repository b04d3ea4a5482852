#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "catalog/catalog_cache.hpp"
#include "events/event_log.hpp"
#include "http/principal.hpp"
#include "reviews/review.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"
#include "support/problem.hpp"

namespace emporium::reviews {

struct ReviewsContext {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
  events::EventLog& events;
  catalog::CatalogCache& cache;  // invalidated after every write: product pages show the rating
};

struct ReviewListParams {
  ReviewSort sort = ReviewSort::CreatedAtDesc;
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

struct ReviewListing {
  std::vector<ReviewView> reviews = {};
  std::int64_t total = 0;
};

// Reviews: who may read and write them, and the product rating every write keeps (in its transaction).
// Someone else's review answers 404, like a review that does not exist.
class ReviewService {
 public:
  explicit ReviewService(ReviewsContext context) : context_(context) {}

  // The product must be visible to the viewer (null: anonymous). Admins also see hidden reviews.
  Result<ReviewListing> list(const http::Principal* viewer, std::string_view product_id,
                             const ReviewListParams& params);
  // A customer's review of an active product: one live review per customer and product.
  Result<ReviewView> create(const http::Principal& author, std::string_view product_id, ReviewInput input);
  // The author's own review only.
  Result<ReviewView> update(const http::Principal& author, std::string_view id, ReviewInput input);
  // The author, or an admin.
  Result<void> remove(const http::Principal& actor, std::string_view id, const std::string& client_ip);
  // Admins only (the route allows nobody else).
  Result<ReviewView> set_hidden(const http::Principal& admin, std::string_view id, bool hidden,
                                const std::string& client_ip);

 private:
  // Runs `body` in a write transaction and invalidates the catalog cache once it committed.
  template <class Body>
  auto write(Body&& body);

  ReviewsContext context_;
};

}  // namespace emporium::reviews
