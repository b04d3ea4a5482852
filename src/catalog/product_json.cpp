#include "catalog/product_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::catalog {
namespace {

boost::json::object map_json(const StringMap& map) {
  boost::json::object object;
  for (const auto& [key, value] : map) object[key] = value;
  return object;
}

boost::json::value category_json(const ProductView& view) {
  if (view.category_path.empty()) return nullptr;
  boost::json::array path;
  for (const auto& crumb : view.category_path)
    path.push_back(boost::json::object{{"id", crumb.id}, {"slug", crumb.slug}, {"name", crumb.name}});
  const auto& own = view.category_path.back();
  return boost::json::object{{"id", own.id}, {"slug", own.slug}, {"name", own.name}, {"path", std::move(path)}};
}

// The renditions a client asks for by name; AVIF ones ("thumb.avif") are listed apart.
boost::json::object urls_json(const StringMap& files, const std::string& base, bool avif) {
  boost::json::object urls;
  for (const auto& [rendition, key] : files) {
    const bool is_avif = rendition.ends_with(".avif");
    if (is_avif != avif) continue;
    const auto name = is_avif ? rendition.substr(0, rendition.size() - 5) : rendition;
    urls[name] = base + "/" + key;
  }
  return urls;
}

}  // namespace

boost::json::object to_json(const Variant& variant, const std::string& currency, bool show_stock) {
  boost::json::object json{{"id", variant.id},
                           {"sku", variant.sku},
                           {"options", map_json(variant.options)},
                           {"price", variant.price},
                           {"currency", currency},
                           {"inStock", variant.stock > 0},
                           {"isDefault", variant.is_default},
                           {"position", variant.position},
                           {"version", variant.version},
                           {"createdAt", to_iso8601(variant.created_at)},
                           {"updatedAt", to_iso8601(variant.updated_at)}};
  if (show_stock) {
    json["stock"] = variant.stock;
    json["lowStockThreshold"] = variant.low_stock_threshold;
  }
  return json;
}

boost::json::object to_json(const ProductImage& image, const std::string& media_base_url) {
  boost::json::object json{
      {"id", image.id},       {"alt", image.alt},       {"position", image.position},
      {"width", image.width}, {"height", image.height}, {"urls", urls_json(image.files, media_base_url, false)}};
  auto avif = urls_json(image.files, media_base_url, true);
  if (!avif.empty()) json["avifUrls"] = std::move(avif);
  return json;
}

boost::json::object facets_json(const ProductFacets& facets) {
  boost::json::array categories;
  for (const auto& category : facets.categories)
    categories.push_back(boost::json::object{
        {"id", category.id}, {"slug", category.slug}, {"name", category.name}, {"count", category.count}});
  boost::json::object price{{"min", nullptr}, {"max", nullptr}};
  if (facets.price_min) price["min"] = *facets.price_min;
  if (facets.price_max) price["max"] = *facets.price_max;
  boost::json::object attributes;
  for (const auto& [name, values] : facets.attributes) {
    boost::json::array counts;
    for (const auto& value : values)
      counts.push_back(boost::json::object{{"value", value.value}, {"count", value.count}});
    attributes[name] = std::move(counts);
  }
  return {{"categories", std::move(categories)}, {"price", std::move(price)}, {"attributes", std::move(attributes)}};
}

boost::json::object to_json(const ProductView& view, const ProductJsonOptions& options) {
  const auto& p = view.product;
  boost::json::array variants;
  for (const auto& variant : view.variants) variants.push_back(to_json(variant, p.currency, options.show_stock));
  boost::json::array images;
  for (const auto& image : view.images) images.push_back(to_json(image, options.media_base_url));
  boost::json::object json{{"id", p.id},
                           {"slug", p.slug},
                           {"name", p.name},
                           {"description", p.description},
                           {"status", to_string(p.status)},
                           {"vendorId", p.vendor_id},
                           {"category", category_json(view)},
                           {"price", p.price},
                           {"currency", p.currency},
                           {"inStock", p.in_stock},
                           {"attributes", map_json(p.attributes)},
                           {"variants", std::move(variants)},
                           {"images", std::move(images)},
                           {"ratingCount", p.rating_count},
                           {"version", p.version},
                           {"createdAt", to_iso8601(p.created_at)},
                           {"updatedAt", to_iso8601(p.updated_at)}};
  if (p.archived_at) json["archivedAt"] = to_iso8601(*p.archived_at);
  return json;
}

std::string rating_text(std::int64_t x100) {
  auto text = std::to_string(x100 / 100);
  const auto hundredths = x100 % 100;
  if (hundredths != 0) {
    text += '.';
    text += static_cast<char>('0' + hundredths / 10);
    if (hundredths % 10 != 0) text += static_cast<char>('0' + hundredths % 10);
  }
  return text;
}

std::string product_json_text(const ProductView& view, const ProductJsonOptions& options) {
  auto text = boost::json::serialize(to_json(view, options));
  text.pop_back();  // the object's closing brace
  text += ",\"ratingAverage\":";
  text += rating_text(view.product.rating_average_x100);
  text += '}';
  return text;
}

}  // namespace emporium::catalog
