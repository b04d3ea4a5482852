#pragma once
// Reviews as the integration tests use them: review bodies, writing, editing, hiding and deleting reviews, and
// reading a product's reviews and rating over HTTP.

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <utility>

#include "accounts_api.hpp"
#include "http_client.hpp"

namespace emporium::testing {

// {"rating", "title", "body"}.
boost::json::object review_body(std::int64_t rating, const std::string& title = "Solid",
                                const std::string& body = "Does what it says.");

// POST /api/products/:id/reviews as `author` (anonymous when null).
HttpResponse post_review(HttpClient& client, const Account* author, const std::string& product_id,
                         const boost::json::value& body);
// POST that must answer 201: the review. Throws, quoting the response, otherwise.
boost::json::object created_review(HttpClient& client, const Account& author, const std::string& product_id,
                                   std::int64_t rating);
HttpResponse put_review(HttpClient& client, const Account* actor, const std::string& review_id,
                        const boost::json::value& body);
HttpResponse patch_review(HttpClient& client, const Account* actor, const std::string& review_id,
                          const boost::json::value& body);
HttpResponse delete_review(HttpClient& client, const Account* actor, const std::string& review_id);
// GET /api/products/:id/reviews`query` (e.g. "?sort=rating:desc") as `viewer` (anonymous when null).
HttpResponse get_reviews(HttpClient& client, const std::string& product_id, const std::string& query = "",
                         const Account* viewer = nullptr);
// GET that must answer 200: the body ({data, pagination}).
boost::json::object reviews_json(HttpClient& client, const std::string& product_id, const std::string& query = "",
                                 const Account* viewer = nullptr);
// The product's {ratingAverage × 100 (rounded), ratingCount} as an admin sees it.
std::pair<std::int64_t, std::int64_t> product_rating(HttpClient& client, const Account& admin,
                                                     const std::string& product_id);

}  // namespace emporium::testing
