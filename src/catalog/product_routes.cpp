#include "catalog/product_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "catalog/product_input.hpp"
#include "catalog/product_json.hpp"
#include "catalog/product_list_params.hpp"
#include "http/query.hpp"
#include "support/crypto.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Principal;
using http::Request;
using http::Response;
using http::Role;

const Access kSellers = Access::roles_only({Role::Vendor, Role::Admin});

// Anonymous callers and customers see the same catalog: their answers may be shared through the cache.
bool sees_public_catalog(const Principal* viewer) { return !viewer || viewer->role == Role::Customer; }

bool shows_stock(const Product& product, const Principal* viewer) { return viewer && is_managed_by(product, *viewer); }

Response json_text_response(int status, std::string body) {
  return http::text_response(status, "application/json", std::move(body));
}

// 200 with the body and its ETag, or 304 when the client has it already. Public answers may be kept by
// browsers and CDNs but are revalidated every time (the ETag makes that cheap); answers for an owner or an
// admin (stock levels, drafts) only by the caller's own browser.
Response conditional_response(const Request& request, const CachedAnswer& answer) {
  const auto* viewer = request.principal_or_null();
  Response response;
  if (if_none_match_hits(request, answer.etag)) {
    response.status = 304;
  } else {
    response = json_text_response(200, answer.body);
  }
  response.set_header("ETag", answer.etag);
  response.set_header("Cache-Control", sees_public_catalog(viewer) ? "public, no-cache" : "private, no-cache");
  response.add_header("Vary", "Authorization, X-API-Key");  // owners and admins see more of the same URL
  return response;
}

std::shared_ptr<const CachedAnswer> render(std::string body) {
  auto etag = strong_etag(body);
  return std::make_shared<const CachedAnswer>(CachedAnswer{.body = std::move(body), .etag = std::move(etag)});
}

// Reads through the cache for the public catalog; answers for owners and admins are never shared.
Result<std::shared_ptr<const CachedAnswer>> cached(CatalogCache& cache, const Principal* viewer, std::string key,
                                                   const std::function<Result<std::string>()>& load) {
  if (!sees_public_catalog(viewer)) {
    auto body = load();
    if (!body) return body.error();
    return render(std::move(*body));
  }
  const auto generation = cache.generation();  // before the database is read: see CatalogCache
  if (auto hit = cache.find(generation, key)) return hit;
  auto body = load();
  if (!body) return body.error();
  auto answer = render(std::move(*body));
  cache.store(generation, std::move(key), answer);
  return answer;
}

// {"data": [products…], "pagination": {…}, "facets": {…}?}, assembled as text because products are written
// as text (product_json_text).
std::string listing_text(const ProductListing& listing, const ProductListParams& params, const Principal* viewer,
                         const ProductRoutesOptions& options) {
  std::string body = "{\"data\":[";
  for (std::size_t i = 0; i < listing.products.size(); ++i) {
    const auto& view = listing.products[i];
    if (i > 0) body += ',';
    body += product_json_text(
        view, {.media_base_url = options.media_base_url, .show_stock = shows_stock(view.product, viewer)});
  }
  http::PageRequest page{.page = params.query.page, .limit = params.query.limit, .cursor = params.query.cursor};
  body += "],\"pagination\":";
  body += boost::json::serialize(http::pagination_json(page, listing.page.total, listing.page.next_cursor));
  if (listing.page.facets) {
    body += ",\"facets\":";
    body += boost::json::serialize(facets_json(*listing.page.facets));
  }
  body += '}';
  return body;
}

Result<Response> list(ProductService& products, CatalogCache& cache, const ProductRoutesOptions& options,
                      const Request& request) {
  auto params = read_product_list_params(request);
  if (!params) return params.error();
  const auto* viewer = request.principal_or_null();
  auto answer = cached(cache, viewer, "list?" + std::string(request.raw_query), [&]() -> Result<std::string> {
    auto listing = products.list(viewer, *params);
    if (!listing) return listing.error();
    return listing_text(*listing, *params, viewer, options);
  });
  if (!answer) return answer.error();
  return conditional_response(request, **answer);
}

Result<Response> get(ProductService& products, CatalogCache& cache, const ProductRoutesOptions& options,
                     const Request& request) {
  const auto* viewer = request.principal_or_null();
  const auto id = request.param("id");
  auto answer = cached(cache, viewer, "product/" + std::string(id), [&]() -> Result<std::string> {
    auto view = products.get(viewer, id);
    if (!view) return view.error();
    return product_json_text(
        *view, {.media_base_url = options.media_base_url, .show_stock = shows_stock(view->product, viewer)});
  });
  if (!answer) return answer.error();
  return conditional_response(request, **answer);
}

Response product_response(int status, const ProductView& view, const ProductRoutesOptions& options) {
  auto answer = render(product_json_text(view, {.media_base_url = options.media_base_url, .show_stock = true}));
  auto response = json_text_response(status, answer->body);
  response.set_header("ETag", answer->etag);
  if (status == 201) response.set_header("Location", "/api/products/" + view.product.id);
  return response;
}

Result<Response> create(ProductService& products, const ProductRoutesOptions& options, const Request& request) {
  auto fields = read_product_fields(request, WriteMode::Create);
  if (!fields) return fields.error();
  auto view = products.create(request.principal(), std::move(*fields));
  if (!view) return view.error();
  return product_response(201, *view, options);
}

Result<Response> update(ProductService& products, const ProductRoutesOptions& options, const Request& request,
                        WriteMode mode) {
  auto if_match = read_if_match(request);
  if (!if_match) return if_match.error();
  auto fields = read_product_fields(request, mode);
  if (!fields) return fields.error();
  auto view = products.update(request.principal(), request.param("id"), std::move(*fields), mode, *if_match);
  if (!view) return view.error();
  return product_response(200, *view, options);
}

Result<Response> archive(ProductService& products, const ProductRoutesOptions& options, const Request& request) {
  auto if_match = read_if_match(request);
  if (!if_match) return if_match.error();
  auto unused = products.archive(request.principal(), request.param("id"), *if_match);
  if (!unused) return unused.error();
  options.remove_media(*unused);
  return http::no_content();
}

Response variant_response(int status, const Request& request, const VariantView& view) {
  const auto& variant = view.variant;
  auto product = request.param("id");
  auto response = http::json_response(status, to_json(variant, view.currency, true));
  if (status == 201)
    response.set_header("Location", "/api/products/" + std::string(product) + "/variants/" + variant.id);
  return response;
}

Result<Response> add_variant(ProductService& products, const Request& request) {
  auto fields = read_variant_fields(request, WriteMode::Create);
  if (!fields) return fields.error();
  auto variant = products.add_variant(request.principal(), request.param("id"), std::move(*fields));
  if (!variant) return variant.error();
  return variant_response(201, request, *variant);
}

Result<Response> update_variant(ProductService& products, const Request& request, WriteMode mode) {
  auto if_match = read_if_match(request);
  if (!if_match) return if_match.error();
  auto fields = read_variant_fields(request, mode);
  if (!fields) return fields.error();
  auto variant = products.update_variant(request.principal(), request.param("id"), request.param("variantId"),
                                         std::move(*fields), mode, *if_match);
  if (!variant) return variant.error();
  return variant_response(200, request, *variant);
}

Result<Response> delete_variant(ProductService& products, const Request& request) {
  auto if_match = read_if_match(request);
  if (!if_match) return if_match.error();
  auto deleted =
      products.delete_variant(request.principal(), request.param("id"), request.param("variantId"), *if_match);
  if (!deleted) return deleted.error();
  return http::no_content();
}

}  // namespace

std::string strong_etag(std::string_view body) { return "\"" + sha256_hex(body).substr(0, 32) + "\""; }

bool if_none_match_hits(const http::Request& request, std::string_view etag) {
  const auto header = request.header("If-None-Match");
  if (!header) return false;
  for (auto candidate : split_list(*header, ',')) {
    if (candidate == "*") return true;
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);  // If-None-Match compares weakly
    if (candidate == etag) return true;
  }
  return false;
}

void register_product_routes(http::Router& router, ProductService& products, CatalogCache& cache,
                             ProductRoutesOptions options) {
  auto shared = std::make_shared<ProductRoutesOptions>(std::move(options));
  router.add({.method = Method::Get,
              .path = "/api/products",
              .access = Access::public_route(),
              .handler = [&products, &cache, shared](Request& r) { return list(products, cache, *shared, r); }});
  router.add({.method = Method::Get,
              .path = "/api/products/:id",
              .access = Access::public_route(),
              .handler = [&products, &cache, shared](Request& r) { return get(products, cache, *shared, r); }});
  router.add(
      {.method = Method::Post, .path = "/api/products", .access = kSellers, .handler = [&products, shared](Request& r) {
         return create(products, *shared, r);
       }});
  router.add({.method = Method::Put,
              .path = "/api/products/:id",
              .access = kSellers,
              .handler = [&products, shared](Request& r) { return update(products, *shared, r, WriteMode::Replace); }});
  router.add({.method = Method::Patch,
              .path = "/api/products/:id",
              .access = kSellers,
              .handler = [&products, shared](Request& r) { return update(products, *shared, r, WriteMode::Patch); }});
  router.add({.method = Method::Delete,
              .path = "/api/products/:id",
              .access = kSellers,
              .handler = [&products, shared](Request& r) { return archive(products, *shared, r); }});
  router.add({.method = Method::Post,
              .path = "/api/products/:id/variants",
              .access = kSellers,
              .handler = [&products](Request& r) { return add_variant(products, r); }});
  router.add({.method = Method::Put,
              .path = "/api/products/:id/variants/:variantId",
              .access = kSellers,
              .handler = [&products](Request& r) { return update_variant(products, r, WriteMode::Replace); }});
  router.add({.method = Method::Patch,
              .path = "/api/products/:id/variants/:variantId",
              .access = kSellers,
              .handler = [&products](Request& r) { return update_variant(products, r, WriteMode::Patch); }});
  router.add({.method = Method::Delete,
              .path = "/api/products/:id/variants/:variantId",
              .access = kSellers,
              .handler = [&products](Request& r) { return delete_variant(products, r); }});
}

}  // namespace emporium::catalog
