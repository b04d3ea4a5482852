#include "catalog/product_indexing.hpp"

#include <vector>

#include "catalog/product_store.hpp"

namespace emporium::catalog {
namespace {
constexpr std::string_view kProductsInCategory = "SELECT id FROM products WHERE category_id = $1 ORDER BY id";
}

SearchDocument search_document(storage::Connection& connection, const Product& product) {
  SearchDocument document{
      .product_id = product.id, .name = product.name, .keywords = {}, .description = product.description};
  for (const auto& [name, value] : product.attributes) document.keywords.push_back(value);
  const std::string ids[] = {product.id};
  for (const auto& variant : ProductStore::variants_of(connection, ids)) {
    document.keywords.push_back(variant.sku);
    for (const auto& [name, value] : variant.options) document.keywords.push_back(value);
  }
  if (product.category_id) {
    const std::string category[] = {*product.category_id};
    for (const auto& crumb : ProductStore::crumbs(connection, category)) document.keywords.push_back(crumb.name);
  }
  return document;
}

void reindex_product(storage::Connection& connection, const Product& product) {
  SearchIndex::index(connection, search_document(connection, product));
}

void reindex_products_in_category(storage::Connection& connection, std::string_view category_id) {
  std::vector<std::string> ids;
  for (const auto row : connection.query(kProductsInCategory, {category_id})) ids.push_back(row.text(0));
  std::vector<SearchDocument> documents;
  for (const auto& product : ProductStore::find_many(connection, ids))
    documents.push_back(search_document(connection, product));
  if (!documents.empty()) SearchIndex::index(connection, documents);
}

}  // namespace emporium::catalog
