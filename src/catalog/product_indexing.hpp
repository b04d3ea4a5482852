#pragma once

#include <string_view>

#include "catalog/product.hpp"
#include "catalog/search_index.hpp"
#include "storage/database.hpp"

namespace emporium::catalog {

// What a product is found by: its name; its attribute and option values, SKUs and category name; its
// description. Read in the caller's transaction, so the index always matches what commits.
SearchDocument search_document(storage::Connection& connection, const Product& product);
void reindex_product(storage::Connection& connection, const Product& product);
// After a category is renamed or its products moved into it: every product of the category is indexed again.
void reindex_products_in_category(storage::Connection& connection, std::string_view category_id);

}  // namespace emporium::catalog
