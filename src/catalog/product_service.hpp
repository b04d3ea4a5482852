#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_context.hpp"
#include "catalog/product.hpp"
#include "catalog/product_input.hpp"
#include "catalog/product_query.hpp"
#include "http/principal.hpp"
#include "support/problem.hpp"

namespace emporium::catalog {

struct ProductListParams;

// One page of products as the list answers it.
struct ProductListing {
  std::vector<ProductView> products;
  ProductPage page;
};

// Products and their variants: who may see and change them, and every rule of a write. Reads take the
// caller (null: anonymous) to decide visibility; writes take the actor, who must own the product or be an
// admin (anyone else gets 404: no existence leak).
class ProductService {
 public:
  explicit ProductService(CatalogContext context) : context_(context) {}

  Result<ProductView> get(const http::Principal* viewer, std::string_view id_or_slug);
  Result<ProductListing> list(const http::Principal* viewer, const ProductListParams& params);

  Result<ProductView> create(const http::Principal& actor, ProductFields fields);
  Result<ProductView> update(const http::Principal& actor, std::string_view id, ProductFields fields, WriteMode mode,
                             std::optional<std::int64_t> if_match);
  // Archives (DELETE): hidden from everyone but its owner and admins; orders keep their own snapshot.
  // Returns the media keys that no image refers to any more, for the caller to remove after the commit.
  Result<std::vector<std::string>> archive(const http::Principal& actor, std::string_view id,
                                           std::optional<std::int64_t> if_match);

  Result<VariantView> add_variant(const http::Principal& actor, std::string_view product_id, VariantFields fields);
  Result<VariantView> update_variant(const http::Principal& actor, std::string_view product_id,
                                     std::string_view variant_id, VariantFields fields, WriteMode mode,
                                     std::optional<std::int64_t> if_match);
  Result<void> delete_variant(const http::Principal& actor, std::string_view product_id, std::string_view variant_id,
                              std::optional<std::int64_t> if_match);

  // For the image routes: the product when the actor may manage it (404 otherwise), in the caller's
  // transaction, with its row locked.
  static Result<Product> lock_managed(storage::Connection& connection, const http::Principal& actor,
                                      std::string_view id);
  // The same, refusing an archived product (409 `product_archived`): its parts (variants, images) stay as
  // they were until it is restored.
  static Result<Product> lock_live(storage::Connection& connection, const http::Principal& actor, std::string_view id);
  // After a change to one of the product's parts: moves its version on and refreshes its price and stock
  // summary; parts that are searched (variants: SKUs, options) also re-index it, images do not.
  enum class Part { Variant, Image };
  void part_changed(storage::Connection& connection, Product& product, Part part);
  static std::vector<ProductView> load_views(storage::Connection& connection, std::vector<Product> products);
  CatalogContext& context() { return context_; }

 private:
  Result<Product> apply(storage::Connection& connection, Product product, const ProductFields& fields, WriteMode mode);
  Result<void> apply_to_single_variant(storage::Connection& connection, const http::Principal& actor,
                                       const Product& product, const VariantFields& fields);
  Result<std::string> choose_slug(storage::Connection& connection, const ProductFields& fields, const Product& product);
  void reindex(storage::Connection& connection, const Product& product);
  // Writes the product's own fields with its version moved on, its summary and its search entry.
  void save(storage::Connection& connection, Product& product);
  void audit(storage::Connection& connection, const http::Principal& actor, std::string action, const std::string& id);
  void announce(storage::Connection& connection, const Product& product, std::string_view type);

  CatalogContext context_;
};

bool is_visible_to(const Product& product, const http::Principal* viewer);
bool is_managed_by(const Product& product, const http::Principal& actor);

}  // namespace emporium::catalog
