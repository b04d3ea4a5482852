#pragma once

#include "http/router.hpp"
#include "reviews/review_service.hpp"

namespace emporium::reviews {

// GET|POST /api/products/:id/reviews, PUT|PATCH|DELETE /api/reviews/:id.
void register_review_routes(http::Router& router, ReviewService& reviews);

}  // namespace emporium::reviews
