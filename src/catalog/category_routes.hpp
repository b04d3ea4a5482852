#pragma once

#include "catalog/category_service.hpp"
#include "http/router.hpp"

namespace emporium::catalog {

// The category tree over HTTP:
//   GET    /api/categories              public; ?page=&limit=&cursor= and ?parent=<id|slug|root> (direct children)
//   GET    /api/categories/:id          public; :id is an id or a slug; 404 category_not_found
//   POST   /api/categories              admin; 201 with Location
//   PUT    /api/categories/:id          admin; full replace (slug kept when absent)
//   DELETE /api/categories/:id          admin; 204; ?reassignTo=<id|slug> moves its products first
// Bodies: {name, slug?, description?, parentId?, position?}; unknown fields 422, malformed JSON 400.
void register_category_routes(http::Router& router, CategoryService& categories);

}  // namespace emporium::catalog
