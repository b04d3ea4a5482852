#include "catalog/catalog_module.hpp"

#include "catalog/category_routes.hpp"
#include "catalog/product_routes.hpp"
#include "media/media_routes.hpp"

namespace emporium::catalog {

CatalogModule::CatalogModule(storage::Database& database, IdGenerator& ids, const Clock& clock, audit::AuditLog& audit,
                             inventory::StockLedger& stock, events::EventLog& events, CatalogSettings settings)
    : settings_(std::move(settings)),
      cache_(settings_.cache),
      context_{database, ids, clock, audit, cache_, &stock, &events},
      categories_(context_),
      products_(context_),
      processor_(settings_.images),
      media_(settings_.media_dir),
      images_(products_, processor_, media_) {}

void CatalogModule::register_routes(http::Router& router) {
  register_category_routes(router, categories_);
  register_product_routes(
      router, products_, cache_,
      {.media_base_url = settings_.media_base_url,
       .remove_media = [this](const std::vector<std::string>& keys) { images_.remove_unused_files(keys); }});
  register_product_image_routes(
      router, images_, {.media_base_url = settings_.media_base_url, .max_upload_bytes = settings_.images.max_bytes});
  media::register_media_routes(router, media_);
}

}  // namespace emporium::catalog
