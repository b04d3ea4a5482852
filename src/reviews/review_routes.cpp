#include "reviews/review_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json_body.hpp"
#include "http/query.hpp"
#include "reviews/review_json.hpp"
#include "reviews/review_rules.hpp"

namespace emporium::reviews {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::QueryReader;
using http::Request;
using http::Response;
using http::Role;

const http::StringRule kTitle{.min_length = 1, .max_length = kMaxTitleLength};
const http::StringRule kBody{.min_length = 1, .max_length = kMaxBodyLength};

// PATCH /api/reviews/:id.
struct Moderation {
  bool hidden = false;
};

Result<std::pair<ReviewListParams, http::PageRequest>> read_list_params(const Request& request) {
  QueryReader reader(request);
  const auto page = http::read_page(reader);
  if (page.cursor) reader.fail("cursor", "is not supported for reviews: use page");
  ReviewListParams params{.limit = page.limit, .offset = page.offset()};
  if (const auto sort = reader.text("sort", 40)) {
    if (*sort == "rating:desc") {
      params.sort = ReviewSort::RatingDesc;
    } else if (*sort != "createdAt:desc") {
      reader.fail("sort", "must be createdAt:desc or rating:desc");
    }
  }
  reader.reject_unknown();
  if (auto ok = reader.finish(); !ok) return ok.error();
  return std::pair{params, page};
}

Result<ReviewInput> read_review(const Request& request) {
  return http::read_json_body<ReviewInput>(
      request,
      [](http::ObjectReader& reader, ReviewInput& out) {
        reader.required("rating", out.rating, http::IntRule{.min = kMinRating, .max = kMaxRating});
        reader.required("title", out.title, kTitle);
        reader.required("body", out.body, kBody);
      },
      review_errors);
}

Result<Response> list(ReviewService& reviews, const Request& request) {
  auto params = read_list_params(request);
  if (!params) return params.error();
  auto listing = reviews.list(request.principal_or_null(), request.param("id"), params->first);
  if (!listing) return listing.error();
  boost::json::array data;
  for (const auto& view : listing->reviews) data.push_back(review_json(view));
  return http::json_response(
      200, boost::json::object{{"data", std::move(data)},
                               {"pagination", http::pagination_json(params->second, listing->total)}});
}

Result<Response> create(ReviewService& reviews, const Request& request) {
  auto input = read_review(request);
  if (!input) return input.error();
  auto review = reviews.create(request.principal(), request.param("id"), std::move(*input));
  if (!review) return review.error();
  auto response = http::json_response(201, review_json(*review));
  response.set_header("Location", "/api/reviews/" + review->review.id);
  return response;
}

Result<Response> replace(ReviewService& reviews, const Request& request) {
  auto input = read_review(request);
  if (!input) return input.error();
  auto review = reviews.update(request.principal(), request.param("id"), std::move(*input));
  if (!review) return review.error();
  return http::json_response(200, review_json(*review));
}

Result<Response> moderate(ReviewService& reviews, const Request& request) {
  auto moderation = http::read_json_body<Moderation>(
      request, [](http::ObjectReader& reader, Moderation& out) { reader.required("hidden", out.hidden); });
  if (!moderation) return moderation.error();
  auto review = reviews.set_hidden(request.principal(), request.param("id"), moderation->hidden, request.client_ip);
  if (!review) return review.error();
  return http::json_response(200, review_json(*review));
}

Result<Response> remove(ReviewService& reviews, const Request& request) {
  auto removed = reviews.remove(request.principal(), request.param("id"), request.client_ip);
  if (!removed) return removed.error();
  return http::no_content();
}
}  // namespace

void register_review_routes(http::Router& router, ReviewService& reviews) {
  auto* s = &reviews;
  router.add({.method = Method::Get,
              .path = "/api/products/:id/reviews",
              .access = Access::public_route(),
              .handler = [s](Request& r) { return list(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Post,
              .path = "/api/products/:id/reviews",
              .access = Access::roles_only({Role::Customer}),
              .handler = [s](Request& r) { return create(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Put,
              .path = "/api/reviews/:id",
              .access = Access::authenticated(),
              .handler = [s](Request& r) { return replace(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Patch,
              .path = "/api/reviews/:id",
              .access = Access::roles_only({Role::Admin}),
              .handler = [s](Request& r) { return moderate(*s, r); },
              .execution = Execution::Database});
  router.add({.method = Method::Delete,
              .path = "/api/reviews/:id",
              .access = Access::authenticated(),
              .handler = [s](Request& r) { return remove(*s, r); },
              .execution = Execution::Database});
}

}  // namespace emporium::reviews
