#include "reviews/review_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "catalog/product_rules.hpp"
#include "catalog/product_service.hpp"
#include "catalog/product_store.hpp"
#include "reviews/review_rules.hpp"
#include "reviews/review_store.hpp"

namespace emporium::reviews {
namespace {
using catalog::ProductStatus;
using catalog::ProductStore;
using http::Principal;
using http::Role;

// The product a customer may review: active, with its row locked for the rest of the transaction (so that the
// "one review each" check and the rating refresh of concurrent writers run one after another).
Result<catalog::Product> lock_reviewable(storage::Connection& connection, std::string_view product_id) {
  if (!is_valid_id(product_id, "prod") || !ProductStore::lock(connection, product_id))
    return catalog::product_not_found();
  auto product = ProductStore::find(connection, product_id);
  if (!product || product->status != ProductStatus::Active) return catalog::product_not_found();
  return std::move(*product);
}

// The live review `id`, re-read once its product's row is locked (a concurrent delete or edit finished first).
Result<Review> lock_review(storage::Connection& connection, std::string_view id) {
  if (!is_valid_id(id, "rev")) return review_not_found();
  const auto seen = ReviewStore::find(connection, id);
  if (!seen) return review_not_found();
  ProductStore::lock(connection, seen->product_id);
  auto review = ReviewStore::find(connection, id);
  if (!review) return review_not_found();
  return std::move(*review);
}

std::string created_event_data(const Review& review) {
  return boost::json::serialize(
      boost::json::object{{"reviewId", review.id}, {"productId", review.product_id}, {"rating", review.rating}});
}

audit::AuditEntry audit_entry(const Principal& admin, std::string action, const Review& review,
                              const std::string& client_ip) {
  return {.actor_id = admin.user_id,
          .action = std::move(action),
          .target_type = "review",
          .target_id = review.id,
          .details = {{"productId", review.product_id}, {"authorId", review.author_id}},
          .client_ip = client_ip};
}
}  // namespace

template <class Body>
auto ReviewService::write(Body&& body) {
  auto result = storage::transact(context_.database, storage::TxMode::Write, std::forward<Body>(body));
  if (result) context_.cache.invalidate();
  return result;
}

Result<ReviewListing> ReviewService::list(const Principal* viewer, std::string_view product_id,
                                          const ReviewListParams& params) {
  const bool admin = viewer && viewer->role == Role::Admin;
  return storage::transact(context_.database, storage::TxMode::Read,
                           [&](storage::Connection& connection) -> Result<ReviewListing> {
                             if (!is_valid_id(product_id, "prod")) return catalog::product_not_found();
                             const auto product = ProductStore::find(connection, product_id);
                             if (!product || !catalog::is_visible_to(*product, viewer))
                               return catalog::product_not_found();
                             ReviewListing listing;
                             listing.reviews = ReviewStore::list(connection, {.product_id = product_id,
                                                                              .include_hidden = admin,
                                                                              .sort = params.sort,
                                                                              .limit = params.limit,
                                                                              .offset = params.offset});
                             listing.total = ReviewStore::count(connection, product_id, admin);
                             return listing;
                           });
}

Result<ReviewView> ReviewService::create(const Principal& author, std::string_view product_id, ReviewInput input) {
  return write([&](storage::Connection& connection) -> Result<ReviewView> {
    auto product = lock_reviewable(connection, product_id);
    if (!product) return product.error();
    if (ReviewStore::author_has_review(connection, product->id, author.user_id)) return review_exists();
    const auto now = context_.clock.now();
    const Review review{.id = context_.ids.next("rev"),
                        .product_id = product->id,
                        .author_id = author.user_id,
                        .rating = input.rating,
                        .title = input.title,  // copied: the body may run again (a retried transaction)
                        .body = input.body,
                        .verified_purchase = ReviewStore::has_bought(connection, author.user_id, product->id),
                        .hidden = false,
                        .created_at = now,
                        .updated_at = now};
    try {
      ReviewStore::insert(connection, review);
    } catch (const storage::ConstraintViolation& violation) {
      if (violation.kind() == storage::ConstraintViolation::Kind::Unique) return review_exists();
      throw;
    }
    ReviewStore::refresh_rating(connection, product->id);
    context_.events.record(connection, {.type = "review.created",
                                        .subject_id = review.id,
                                        .owner_id = product->vendor_id,
                                        .data = created_event_data(review)});
    return *ReviewStore::find_view(connection, review.id);
  });
}

Result<ReviewView> ReviewService::update(const Principal& author, std::string_view id, ReviewInput input) {
  return write([&](storage::Connection& connection) -> Result<ReviewView> {
    auto review = lock_review(connection, id);
    if (!review) return review.error();
    if (review->author_id != author.user_id) return review_not_found();
    review->rating = input.rating;
    review->title = input.title;
    review->body = input.body;
    review->verified_purchase = ReviewStore::has_bought(connection, author.user_id, review->product_id);
    review->updated_at = context_.clock.now();
    if (!ReviewStore::update_content(connection, *review)) return review_not_found();
    ReviewStore::refresh_rating(connection, review->product_id);
    return *ReviewStore::find_view(connection, review->id);
  });
}

Result<void> ReviewService::remove(const Principal& actor, std::string_view id, const std::string& client_ip) {
  return write([&](storage::Connection& connection) -> Result<void> {
    auto review = lock_review(connection, id);
    if (!review) return review.error();
    const bool own = review->author_id == actor.user_id;
    if (!own && actor.role != Role::Admin) return review_not_found();
    if (!ReviewStore::soft_delete(connection, review->id, context_.clock.now())) return review_not_found();
    ReviewStore::refresh_rating(connection, review->product_id);
    if (!own) context_.audit.record(connection, audit_entry(actor, "review.deleted", *review, client_ip));
    return {};
  });
}

Result<ReviewView> ReviewService::set_hidden(const Principal& admin, std::string_view id, bool hidden,
                                             const std::string& client_ip) {
  return write([&](storage::Connection& connection) -> Result<ReviewView> {
    auto review = lock_review(connection, id);
    if (!review) return review.error();
    if (!ReviewStore::set_hidden(connection, review->id, hidden, context_.clock.now())) return review_not_found();
    ReviewStore::refresh_rating(connection, review->product_id);
    context_.audit.record(connection,
                          audit_entry(admin, hidden ? "review.hidden" : "review.unhidden", *review, client_ip));
    return *ReviewStore::find_view(connection, review->id);
  });
}

}  // namespace emporium::reviews
