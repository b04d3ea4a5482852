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

// Loads the demo store once per database: a marker in app_settings makes a second run a no-op (also when two
// seeders race). Returns the accounts it created, with their passwords, to be shown once; empty when the demo
// data was already there. Each domain adds its part here as it lands.
std::vector<DemoAccount> seed_demo(storage::Database& database, const Clock& clock, users::AuthService& auth);

}  // namespace emporium::app
