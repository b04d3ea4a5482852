#include "catalog/product_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "catalog/category_service.hpp"
#include "catalog/product_indexing.hpp"
#include "catalog/product_list_params.hpp"
#include "catalog/product_rules.hpp"
#include "catalog/product_search.hpp"
#include "catalog/product_stock.hpp"
#include "catalog/product_store.hpp"
#include "catalog/search_index.hpp"
#include "catalog/slug.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
namespace {
using http::Principal;
using http::Role;

// The variants a create makes: the listed ones, or one default variant from the product-level fields.
Result<std::vector<VariantFields>> variants_to_create(const ProductFields& fields) {
  if (!fields.variants || fields.variants->empty()) {
    std::vector<FieldError> errors;
    if (!fields.single.sku) errors.push_back({"sku", "is required (or give variants)"});
    if (!fields.single.price) errors.push_back({"price", "is required (or give variants with prices)"});
    if (!errors.empty()) return problems::validation_failed(std::move(errors));
    return std::vector<VariantFields>{fields.single};
  }
  std::vector<FieldError> errors;
  if (fields.single.sku) errors.push_back({"sku", "give each variant its own SKU instead"});
  if (fields.single.stock) errors.push_back({"stock", "give each variant its own stock instead"});
  if (fields.single.low_stock_threshold) errors.push_back({"lowStockThreshold", "give it per variant instead"});
  auto variants = *fields.variants;
  std::set<std::string> skus;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    auto& variant = variants[i];
    const auto path = "variants[" + std::to_string(i) + "]";
    if (!variant.price) variant.price = fields.single.price;
    if (!variant.price) errors.push_back({path + ".price", "is required (or give the product a price)"});
    if (variant.sku && !skus.insert(sku_key(*variant.sku)).second)
      errors.push_back({path + ".sku", "appears twice in this product"});
    for (std::size_t j = 0; j < i; ++j)
      if (variants[j].options.value_or(StringMap{}) == variant.options.value_or(StringMap{}))
        errors.push_back({path + ".options", "the same options as variants[" + std::to_string(j) + "]"});
  }
  if (!errors.empty()) return problems::validation_failed(std::move(errors));
  return variants;
}

bool has_single_variant_fields(const VariantFields& fields) {
  return fields.sku || fields.price || fields.stock || fields.low_stock_threshold;
}

}  // namespace

bool is_visible_to(const Product& product, const Principal* viewer) {
  if (product.status == ProductStatus::Active) return true;
  return viewer && is_managed_by(product, *viewer);
}

bool is_managed_by(const Product& product, const Principal& actor) {
  if (actor.role == Role::Admin) return true;
  return actor.role == Role::Vendor && product.vendor_id == actor.user_id;
}

Result<Product> ProductService::lock_managed(storage::Connection& connection, const Principal& actor,
                                             std::string_view id) {
  if (!ProductStore::lock(connection, id)) return product_not_found();
  auto product = ProductStore::find(connection, id);
  if (!product || !is_managed_by(*product, actor)) return product_not_found();
  return std::move(*product);
}

Result<Product> ProductService::lock_live(storage::Connection& connection, const Principal& actor,
                                          std::string_view id) {
  auto product = lock_managed(connection, actor, id);
  if (product && product->status == ProductStatus::Archived)
    return problems::conflict("product_archived",
                              "The product is archived: restore it (PATCH status) before changing its parts.");
  return product;
}

std::vector<ProductView> ProductService::load_views(storage::Connection& connection, std::vector<Product> products) {
  std::vector<std::string> ids;
  std::vector<std::string> category_ids;
  for (const auto& product : products) {
    ids.push_back(product.id);
    if (product.category_id) category_ids.push_back(*product.category_id);
  }
  std::sort(category_ids.begin(), category_ids.end());
  category_ids.erase(std::unique(category_ids.begin(), category_ids.end()), category_ids.end());
  const auto paths = ProductStore::category_paths(connection, category_ids);
  std::vector<std::string> crumb_ids;
  for (const auto& [id, path] : paths)
    for (const auto part : split_list(path, '/'))
      if (!part.empty()) crumb_ids.emplace_back(part);
  std::sort(crumb_ids.begin(), crumb_ids.end());
  crumb_ids.erase(std::unique(crumb_ids.begin(), crumb_ids.end()), crumb_ids.end());
  std::map<std::string, CategoryCrumb> crumbs;
  for (auto& crumb : ProductStore::crumbs(connection, crumb_ids)) crumbs.emplace(crumb.id, std::move(crumb));

  std::map<std::string, std::vector<Variant>> variants;
  for (auto& variant : ProductStore::variants_of(connection, ids)) variants[variant.product_id].push_back(variant);
  std::map<std::string, std::vector<ProductImage>> images;
  for (auto& image : ProductStore::images_of(connection, ids)) images[image.product_id].push_back(image);

  std::vector<ProductView> views;
  views.reserve(products.size());
  for (auto& product : products) {
    ProductView view{.product = std::move(product), .variants = {}, .images = {}, .category_path = {}};
    view.variants = std::move(variants[view.product.id]);
    view.images = std::move(images[view.product.id]);
    if (view.product.category_id)
      if (auto path = paths.find(*view.product.category_id); path != paths.end())
        for (const auto part : split_list(path->second, '/'))
          if (auto crumb = crumbs.find(std::string(part)); crumb != crumbs.end())
            view.category_path.push_back(crumb->second);
    views.push_back(std::move(view));
  }
  return views;
}

Result<ProductView> ProductService::get(const Principal* viewer, std::string_view id_or_slug) {
  return storage::with_connection(context_.database, [&](storage::Connection& connection) -> Result<ProductView> {
    auto product = id_or_slug.starts_with("prod_") ? ProductStore::find(connection, id_or_slug)
                                                   : ProductStore::find_by_slug(connection, id_or_slug);
    if (!product || !is_visible_to(*product, viewer)) return product_not_found();
    auto views = load_views(connection, {std::move(*product)});
    return std::move(views.front());
  });
}

Result<ProductListing> ProductService::list(const Principal* viewer, const ProductListParams& params) {
  auto query = params.query;
  if (params.status_filter) {
    const auto status = product_status_from_string(*params.status_filter);
    if (!status) return problems::invalid_query({{"status", "must be draft, active or archived"}});
    if (*status != ProductStatus::Active && (!viewer || viewer->role == Role::Customer))
      return problems::invalid_query({{"status", "only vendors and admins may list products that are not active"}});
    query.visibility.statuses = {*status};
  } else if (viewer && viewer->role != Role::Customer) {
    query.visibility.statuses = {ProductStatus::Active, ProductStatus::Draft};
  }
  if (viewer && viewer->role == Role::Admin) query.visibility.all_owners = true;
  if (viewer && viewer->role == Role::Vendor) query.visibility.owner_id = viewer->user_id;

  return storage::with_connection(context_.database, [&](storage::Connection& connection) -> Result<ProductListing> {
    if (params.category_ref) {
      const auto category = params.category_ref->starts_with("cat_")
                                ? ProductStore::category_path(connection, *params.category_ref)
                                : ProductStore::category_path_by_slug(connection, *params.category_ref);
      // An unknown category matches nothing, as a category without products does.
      query.category_path = category.value_or("/none/");
    }
    auto page = ProductSearch::run(connection, query);
    if (!page) return page.error();
    auto products = ProductStore::find_many(connection, page->ids);
    return ProductListing{.products = load_views(connection, std::move(products)), .page = std::move(*page)};
  });
}

Result<std::string> ProductService::choose_slug(storage::Connection& connection, const ProductFields& fields,
                                                const Product& product) {
  if (fields.slug) {
    if (!is_valid_slug(*fields.slug))
      return invalid("slug", "lower-case letters, digits and single '-' between them, at most 100 characters");
    if (ProductStore::slug_taken(connection, *fields.slug, product.id))
      return problems::conflict("slug_taken", "Another product already has this slug.");
    return *fields.slug;
  }
  // Stable: a product keeps the slug it has, whatever its name becomes.
  if (!product.slug.empty()) return product.slug;
  return unique_slug(slugify(product.name), [&](const std::string& candidate) {
    return ProductStore::slug_taken(connection, candidate, product.id);
  });
}

// The product-level fields of a create, PUT or PATCH applied to `product`, with every rule checked.
Result<Product> ProductService::apply(storage::Connection& connection, Product product, const ProductFields& fields,
                                      WriteMode mode) {
  const bool replace = mode != WriteMode::Patch;
  if (fields.name) product.name = *fields.name;
  if (fields.description || replace) product.description = fields.description.value_or("");
  if (fields.category_id || fields.clear_category || replace) product.category_id = fields.category_id;
  if (fields.currency) product.currency = *fields.currency;
  if (fields.status) product.status = *fields.status;
  if (fields.attributes || replace) product.attributes = fields.attributes.value_or(StringMap{});
  if (fields.category_id) {
    // An id or a slug, as everywhere a category is named; stored as the id.
    const auto category = CategoryService::find(connection, *fields.category_id);
    if (!category) return invalid("categoryId", "no such category");
    product.category_id = category->id;
  }
  auto slug = choose_slug(connection, fields, product);
  if (!slug) return slug.error();
  product.slug = std::move(*slug);
  return product;
}

Result<void> ProductService::apply_to_single_variant(storage::Connection& connection, const Principal& actor,
                                                     const Product& product, const VariantFields& fields) {
  if (!has_single_variant_fields(fields)) return {};
  const std::string ids[] = {product.id};
  auto variants = ProductStore::variants_of(connection, ids);
  if (variants.size() != 1) {
    std::vector<FieldError> errors;
    const auto refuse = [&](bool present, const char* field) {
      if (present) errors.push_back({field, "this product has several variants: change it per variant"});
    };
    refuse(fields.sku.has_value(), "sku");
    refuse(fields.price.has_value(), "price");
    refuse(fields.stock.has_value(), "stock");
    refuse(fields.low_stock_threshold.has_value(), "lowStockThreshold");
    return problems::validation_failed(std::move(errors));
  }
  auto locked = lock_variant(context_, connection, product.id, variants.front().id);
  if (!locked) return variant_not_found();
  auto variant = std::move(*locked);
  const auto expected = variant.version;
  const auto locked_level = variant.stock;
  apply_variant_fields(variant, fields, WriteMode::Patch);
  if (auto checked = check_variant_write(connection, variant, variants); !checked) return checked.error();
  record_stock_change(context_, connection, variant, locked_level, actor);
  variant.version += 1;
  variant.updated_at = context_.clock.now();
  // Every variant writer holds the product's row lock, so the version cannot move under us; if it ever did,
  // nothing was written and the client must not be told otherwise.
  if (!ProductStore::update_variant(connection, variant, expected)) return version_moved(expected);
  return {};
}

void ProductService::reindex(storage::Connection& connection, const Product& product) {
  reindex_product(connection, product);
}

void ProductService::save(storage::Connection& connection, Product& product) {
  const auto expected = product.version;
  product.version += 1;
  product.updated_at = context_.clock.now();
  ProductStore::update(connection, product, expected);
  ProductStore::refresh_summary(connection, product.id);
  reindex(connection, product);
}

void ProductService::part_changed(storage::Connection& connection, Product& product, Part part) {
  product.updated_at = context_.clock.now();
  ProductStore::bump_version(connection, product.id, product.version, product.updated_at);
  product.version += 1;
  ProductStore::refresh_summary(connection, product.id);
  if (part == Part::Variant) reindex(connection, product);
}

void ProductService::audit(storage::Connection& connection, const Principal& actor, std::string action,
                           const std::string& id) {
  context_.audit.record(connection, {.actor_id = actor.user_id,
                                     .action = std::move(action),
                                     .target_type = "product",
                                     .target_id = id,
                                     .details = {},
                                     .client_ip = ""});
}

// The business event of a product write, for the vendor's and the store's subscribers.
void ProductService::announce(storage::Connection& connection, const Product& product, std::string_view type) {
  if (!context_.events) return;
  const boost::json::object data{{"productId", product.id},
                                 {"slug", product.slug},
                                 {"name", product.name},
                                 {"status", to_string(product.status)},
                                 {"version", product.version}};
  context_.events->record(connection, {.type = std::string(type),
                                       .subject_id = product.id,
                                       .owner_id = product.vendor_id,
                                       .data = boost::json::serialize(data)});
}

Result<ProductView> ProductService::create(const Principal& actor, ProductFields fields) {
  auto variant_fields = variants_to_create(fields);
  if (!variant_fields) return variant_fields.error();
  const auto now = context_.clock.now();
  Product draft{.id = context_.ids.next("prod"),
                .vendor_id = actor.user_id,
                .category_id = std::nullopt,
                .slug = "",
                .name = "",
                .description = "",
                .status = ProductStatus::Draft,
                .currency = "",
                .price = 0,
                .in_stock = false,
                .attributes = {},
                .rating_average_x100 = 0,
                .rating_count = 0,
                .version = 1,
                .created_at = now,
                .updated_at = now,
                .archived_at = std::nullopt};
  try {
    auto created = storage::transact(
        context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<ProductView> {
          // A slug made from the name is checked against committed rows: creates that make one take turns
          // (PostgreSQL runs writers side by side), so two "Desk Lamp"s become desk-lamp and desk-lamp-2.
          if (!fields.slug) ProductStore::lock_slug_generation(connection, now);
          auto product = apply(connection, draft, fields, WriteMode::Create);
          if (!product) return product.error();
          ProductStore::insert(connection, *product);
          std::vector<Variant> made;
          const bool is_default = !fields.variants || fields.variants->empty();
          for (std::size_t i = 0; i < variant_fields->size(); ++i) {
            auto variant = new_variant((*variant_fields)[i], context_.ids.next("var"), product->id,
                                       static_cast<std::int64_t>(i), is_default, now);
            if (auto checked = check_variant_write(connection, variant, made); !checked) return checked.error();
            ProductStore::insert_variant(connection, variant);
            open_stock(context_, connection, variant, actor);
            made.push_back(std::move(variant));
          }
          ProductStore::refresh_summary(connection, product->id);
          reindex(connection, *product);
          audit(connection, actor, "product.created", product->id);
          announce(connection, *product, "product.created");
          auto saved = ProductStore::find(connection, product->id);
          return std::move(load_views(connection, {std::move(*saved)}).front());
        });
    if (created) context_.cache.invalidate();
    return created;
  } catch (const storage::ConstraintViolation& violation) {
    return unique_race(violation);
  }
}

Result<ProductView> ProductService::update(const Principal& actor, std::string_view id, ProductFields fields,
                                           WriteMode mode, std::optional<std::int64_t> if_match) {
  try {
    auto updated = storage::transact(
        context_.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<ProductView> {
          auto current = lock_managed(connection, actor, id);
          if (!current) return current.error();
          if (auto checked = check_if_match(if_match, current->version); !checked) return checked.error();
          auto product = apply(connection, *current, fields, mode);
          if (!product) return product.error();
          if (auto single = apply_to_single_variant(connection, actor, *product, fields.single); !single)
            return single.error();
          if (product->status != ProductStatus::Archived) product->archived_at = std::nullopt;
          save(connection, *product);
          audit(connection, actor, "product.updated", product->id);
          announce(connection, *product, "product.updated");
          auto saved = ProductStore::find(connection, product->id);
          return std::move(load_views(connection, {std::move(*saved)}).front());
        });
    if (updated) context_.cache.invalidate();
    return updated;
  } catch (const storage::ConstraintViolation& violation) {
    return unique_race(violation);
  }
}

Result<std::vector<std::string>> ProductService::archive(const Principal& actor, std::string_view id,
                                                         std::optional<std::int64_t> if_match) {
  auto removed = storage::transact(context_.database, storage::TxMode::Write,
                                   [&](storage::Connection& connection) -> Result<std::vector<std::string>> {
                                     auto product = lock_managed(connection, actor, id);
                                     if (!product) return product.error();
                                     if (auto checked = check_if_match(if_match, product->version); !checked)
                                       return checked.error();
                                     const std::string ids[] = {product->id};
                                     const auto images = ProductStore::images_of(connection, ids);
                                     ProductStore::delete_images_of(connection, product->id);
                                     std::vector<std::string> unused;
                                     for (auto& key : media_keys(images))
                                       if (!ProductStore::media_in_use(connection, key))
                                         unused.push_back(std::move(key));
                                     if (product->status != ProductStatus::Archived) {
                                       product->status = ProductStatus::Archived;
                                       product->archived_at = context_.clock.now();
                                     }
                                     save(connection, *product);
                                     audit(connection, actor, "product.archived", product->id);
                                     announce(connection, *product, "product.deleted");
                                     return unused;
                                   });
  if (removed) context_.cache.invalidate();
  return removed;
}

}  // namespace emporium::catalog
