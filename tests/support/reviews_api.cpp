#include "reviews_api.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <stdexcept>

#include "catalog_api.hpp"

namespace emporium::testing {
namespace json = boost::json;
namespace {
Headers auth(const Account* account) { return account ? bearer(account->access_token) : Headers{}; }
}  // namespace

json::object review_body(std::int64_t rating, const std::string& title, const std::string& body) {
  return {{"rating", rating}, {"title", title}, {"body", body}};
}

HttpResponse post_review(HttpClient& client, const Account* author, const std::string& product_id,
                         const json::value& body) {
  return send_json(client, "POST", "/api/products/" + product_id + "/reviews", body, auth(author));
}

json::object created_review(HttpClient& client, const Account& author, const std::string& product_id,
                            std::int64_t rating) {
  const auto response = post_review(client, &author, product_id, review_body(rating));
  if (response.status != 201) throw std::runtime_error("reviewing " + product_id + ": " + response.describe());
  return response.json_object();
}

HttpResponse put_review(HttpClient& client, const Account* actor, const std::string& review_id,
                        const json::value& body) {
  return send_json(client, "PUT", "/api/reviews/" + review_id, body, auth(actor));
}

HttpResponse patch_review(HttpClient& client, const Account* actor, const std::string& review_id,
                          const json::value& body) {
  return send_json(client, "PATCH", "/api/reviews/" + review_id, body, auth(actor));
}

HttpResponse delete_review(HttpClient& client, const Account* actor, const std::string& review_id) {
  return client.request("DELETE", "/api/reviews/" + review_id, auth(actor));
}

HttpResponse get_reviews(HttpClient& client, const std::string& product_id, const std::string& query,
                         const Account* viewer) {
  return client.get("/api/products/" + product_id + "/reviews" + query, auth(viewer));
}

json::object reviews_json(HttpClient& client, const std::string& product_id, const std::string& query,
                          const Account* viewer) {
  const auto response = get_reviews(client, product_id, query, viewer);
  if (response.status != 200) throw std::runtime_error("listing reviews: " + response.describe());
  return response.json_object();
}

std::pair<std::int64_t, std::int64_t> product_rating(HttpClient& client, const Account& admin,
                                                     const std::string& product_id) {
  const auto product = product_json(client, product_id, &admin);
  const auto average = product.at("ratingAverage").to_number<double>();
  return {static_cast<std::int64_t>(std::llround(average * 100)), product.at("ratingCount").to_number<std::int64_t>()};
}

}  // namespace emporium::testing
