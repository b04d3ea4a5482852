#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "catalog/product.hpp"

namespace emporium::catalog {

struct ProductJsonOptions {
  std::string media_base_url = "/media";  // image URLs are <base>/<media key>
  bool show_stock = false;                // exact stock levels: for the owner and admins only
};

// Every field but ratingAverage (see product_json_text).
boost::json::object to_json(const ProductView& view, const ProductJsonOptions& options);
// The product as the API writes it. Boost.JSON writes every double in exponent form ("4.37E0"), so the
// average rating (hundredths, exact) is written by hand as a plain decimal: 4.37, 4.5, 0.
std::string product_json_text(const ProductView& view, const ProductJsonOptions& options);
// 437 → "4.37", 450 → "4.5", 400 → "4".
std::string rating_text(std::int64_t rating_average_x100);
boost::json::object to_json(const Variant& variant, const std::string& currency, bool show_stock);
boost::json::object to_json(const ProductImage& image, const std::string& media_base_url);
// {categories: [{id, slug, name, count}], price: {min, max}, attributes: {name: [{value, count}]}}
boost::json::object facets_json(const ProductFacets& facets);

}  // namespace emporium::catalog
