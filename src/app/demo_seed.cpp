#include "app/demo_seed.hpp"

#include <stdexcept>

#include "support/random.hpp"

namespace emporium::app {
namespace {
constexpr std::string_view kIsSeeded = "SELECT 1 FROM app_settings WHERE key = 'demo_seeded'";
constexpr std::string_view kMarkSeeded =
    "INSERT INTO app_settings (key, value, updated_at) VALUES ('demo_seeded', 'true', $1) ON CONFLICT (key) DO NOTHING";

struct DemoProfile {
  http::Role role;
  std::string_view email;
  std::string_view name;
};
constexpr DemoProfile kAccounts[] = {
    {http::Role::Admin, "admin@demo.emporium.test", "Demo Admin"},
    {http::Role::Vendor, "vendor@demo.emporium.test", "Demo Vendor"},
    {http::Role::Customer, "customer@demo.emporium.test", "Demo Customer"},
};

// Creates the account unless it exists (a run that failed half-way, or a concurrent seeder, made it).
std::optional<DemoAccount> create(users::AuthService& auth, const DemoProfile& profile) {
  DemoAccount account{std::string(http::to_string(profile.role)), std::string(profile.email), random_token(12)};
  const auto created = auth.create_account(
      {.email = account.email, .password = account.password, .name = std::string(profile.name)}, profile.role);
  if (created) return account;
  if (created.error().code == "email_taken") return std::nullopt;
  throw std::runtime_error("demo " + account.role + " not created: " + created.error().detail);
}
}  // namespace

std::vector<DemoAccount> seed_demo(storage::Database& database, const Clock& clock, users::AuthService& auth) {
  const bool seeded = storage::with_connection(
      database, [](storage::Connection& connection) { return !connection.query(kIsSeeded).empty(); });
  if (seeded) return {};
  std::vector<DemoAccount> created;
  for (const auto& profile : kAccounts) {
    if (auto account = create(auth, profile)) created.push_back(std::move(*account));
  }
  // Marked last: a run that fails half-way is completed by the next one.
  database.with_connection(
      [&](storage::Connection& connection) { connection.execute(kMarkSeeded, {to_unix_millis(clock.now())}); });
  return created;
}

}  // namespace emporium::app
