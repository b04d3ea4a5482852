#pragma once

// The seeder's bulk writes: products, their attributes and variants as multi-row INSERTs, the same SQL on SQLite
// and PostgreSQL. Price and stock summaries and the search index are the seeder's (catalog_seed.cpp) to write.

#include <vector>

#include "catalog/product.hpp"
#include "storage/database.hpp"

namespace emporium::app {

void insert_products(storage::Connection& connection, const std::vector<catalog::Product>& products);
void insert_attributes(storage::Connection& connection, const std::vector<catalog::Product>& products);
void insert_variants(storage::Connection& connection, const std::vector<catalog::Variant>& variants);
// The stock ledger's opening movement of every variant with stock (stock == Σ movements from the start).
void insert_opening_movements(storage::Connection& connection, const std::vector<catalog::Variant>& variants);

}  // namespace emporium::app
