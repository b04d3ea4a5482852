#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog_cache.hpp"
#include "catalog/product_service.hpp"
#include "http/router.hpp"

namespace emporium::catalog {

struct ProductRoutesOptions {
  std::string media_base_url = "/media";
  // Removes media files no image refers to any more (after an archive committed).
  std::function<void(const std::vector<std::string>&)> remove_media = [](const std::vector<std::string>&) {};
};

void register_product_routes(http::Router& router, ProductService& products, CatalogCache& cache,
                             ProductRoutesOptions options);

// A strong ETag for a rendered body, and whether If-None-Match names it (or is "*").
std::string strong_etag(std::string_view body);
bool if_none_match_hits(const http::Request& request, std::string_view etag);

}  // namespace emporium::catalog
