#include "storage/named_lock.hpp"

namespace emporium::storage {
namespace {
constexpr std::string_view kLockNamed =
    "INSERT INTO app_settings (key, value, updated_at) VALUES ($1, '', $2) "
    "ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at";
}

void lock_named(Connection& connection, std::string_view name, Timestamp now) {
  connection.execute(kLockNamed, {name, to_unix_millis(now)});
}

}  // namespace emporium::storage
