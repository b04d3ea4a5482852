#include "app/demo_seed.hpp"

#include <stdexcept>

#include "support/random.hpp"

namespace emporium::app {
namespace {
constexpr std::string_view kMarkSeeded =
    "INSERT INTO app_settings (key, value, updated_at) VALUES ('demo_seeded', 'true', $1) ON CONFLICT (key) DO NOTHING";

DemoAccount create(users::AuthService& auth, http::Role role, std::string email, std::string name) {
  DemoAccount account{std::string(http::to_string(role)), std::move(email), random_token(12)};
  const auto created = auth.create_account({.email = account.email, .password = account.password, .name = name}, role);
  if (!created) throw std::runtime_error("demo " + account.role + " not created: " + created.error().detail);
  return account;
}
}  // namespace

std::vector<DemoAccount> seed_demo(storage::Database& database, const Clock& clock, users::AuthService& auth) {
  bool claimed = false;
  database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    // Claiming the marker first makes concurrent seeders safe: only the one that inserts it seeds.
    claimed = connection.execute(kMarkSeeded, {to_unix_millis(clock.now())}) == 1;
    return true;
  });
  if (!claimed) return {};
  return {create(auth, http::Role::Admin, "admin@demo.emporium.test", "Demo Admin"),
          create(auth, http::Role::Vendor, "vendor@demo.emporium.test", "Demo Vendor"),
          create(auth, http::Role::Customer, "customer@demo.emporium.test", "Demo Customer")};
}

}  // namespace emporium::app
