#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "catalog/catalog_module.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "users/auth_service.hpp"

namespace emporium::app {

struct DemoAccount {
  std::string role;
  std::string email;
  std::string password;
};

struct DemoSeedResult {
  std::vector<DemoAccount> accounts;  // made by this run, with their passwords, to be shown once
  std::size_t categories = 0;         // demo categories made by this run
  std::size_t products = 0;           // demo products made by this run

  bool changed() const { return !accounts.empty() || categories > 0 || products > 0; }
};

// Loads the demo store once per database, in parts: the accounts (admin, vendor, customer), then a small catalog
// of the demo vendor (a few categories, about twenty products with variants, most of them active) made through
// the catalog's services, so that everything a real write does happens. Each part has a marker in app_settings,
// written last, that makes a later run skip it; within a part each item is created only when missing (accounts
// by email, categories and products by slug), so a run that failed half-way, or two seeders racing, end
// complete. A database seeded before the catalog existed gets the catalog on its next run.
DemoSeedResult seed_demo(storage::Database& database, const Clock& clock, users::AuthService& auth,
                         catalog::CatalogModule& catalog);

}  // namespace emporium::app
