#pragma once

#include <boost/json/object.hpp>

#include "reviews/review.hpp"

namespace emporium::reviews {

// {id, productId, author: {id, name}, rating, title, body, verifiedPurchase, hidden, createdAt, updatedAt}
boost::json::object review_json(const ReviewView& view);

}  // namespace emporium::reviews
