#pragma once

#include <boost/json/object.hpp>

#include <vector>

#include "catalog/category.hpp"

namespace emporium::catalog {

// {id, slug, name, description, parentId (null for a root), position, depth (0 for a root),
//  path: [{id, slug, name}, … root first, the category itself last], createdAt, updatedAt}
boost::json::object to_json(const Category& category, const std::vector<Category>& path);
inline boost::json::object to_json(const CategoryView& view) { return to_json(view.category, view.path); }

// The compact form a product embeds: {id, slug, name, path: [{id, slug, name}, …]}. `path` as above.
boost::json::object category_ref_json(const Category& category, const std::vector<Category>& path);

}  // namespace emporium::catalog
