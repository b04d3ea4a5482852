#include "app/demo_seed.hpp"

namespace emporium::app {
namespace {
constexpr std::string_view kMarkSeeded =
    "INSERT INTO app_settings (key, value, updated_at) VALUES ('demo_seeded', 'true', $1) ON CONFLICT (key) DO NOTHING";
}  // namespace

bool seed_demo(storage::Database& database, const Clock& clock, IdGenerator&) {
  bool seeded = false;
  database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    // Claiming the marker first makes concurrent seeders safe: only the one that inserts it seeds.
    seeded = connection.execute(kMarkSeeded, {to_unix_millis(clock.now())}) == 1;
    return true;
  });
  return seeded;
}

}  // namespace emporium::app
