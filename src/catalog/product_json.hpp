#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "catalog/product.hpp"

namespace emporium::catalog {

struct ProductJsonOptions {
  std::string media_base_url = "/media";  // image URLs are <base>/<media key>
  bool show_stock = false;                // exact stock levels: for the owner and admins only
};

boost::json::object to_json(const ProductView& view, const ProductJsonOptions& options);
boost::json::object to_json(const Variant& variant, const std::string& currency, bool show_stock);
boost::json::object to_json(const ProductImage& image, const std::string& media_base_url);
// {categories: [{id, slug, name, count}], price: {min, max}, attributes: {name: [{value, count}]}}
boost::json::object facets_json(const ProductFacets& facets);

}  // namespace emporium::catalog
