#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "support/clock.hpp"
#include "users/auth_service.hpp"

namespace emporium::app {

struct DemoAccount {
  std::string role;
  std::string email;
  std::string password;
};

// Loads the demo store once per database: a marker in app_settings, written last, makes a later run a no-op;
// each part is created only when missing, so a run that failed half-way, or two seeders racing, end complete.
// Returns the accounts this run created, with their passwords, to be shown once. Each domain adds its part
// here as it lands.
std::vector<DemoAccount> seed_demo(storage::Database& database, const Clock& clock, users::AuthService& auth);

}  // namespace emporium::app
