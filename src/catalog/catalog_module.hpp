#pragma once

#include <memory>
#include <string>

#include "catalog/catalog_context.hpp"
#include "catalog/category_service.hpp"
#include "catalog/memory_catalog_cache.hpp"
#include "catalog/product_images.hpp"
#include "catalog/product_service.hpp"
#include "http/router.hpp"

namespace emporium::catalog {

struct CatalogSettings {
  std::string media_dir;  // where image files are written (EMPORIUM_DATA_DIR/media)
  std::string media_base_url = "/media";
  media::ImageLimits images;
  MemoryCacheLimits cache;
};

// The catalog, built once: its cache, services and routes.
class CatalogModule {
 public:
  CatalogModule(storage::Database& database, IdGenerator& ids, const Clock& clock, audit::AuditLog& audit,
                inventory::StockLedger& stock, events::EventLog& events, CatalogSettings settings);

  void register_routes(http::Router& router);
  ProductService& products() { return products_; }
  CategoryService& categories() { return categories_; }
  ProductImageService& images() { return images_; }
  CatalogCache& cache() { return cache_; }

 private:
  CatalogSettings settings_;
  MemoryCatalogCache cache_;
  CatalogContext context_;
  CategoryService categories_;
  ProductService products_;
  media::ImageProcessor processor_;
  media::FileMediaStore media_;
  ProductImageService images_;
};

}  // namespace emporium::catalog
