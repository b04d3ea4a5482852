#include "storage/open_database.hpp"

#include <stdexcept>

#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace emporium::storage {

std::string sqlite_path(std::string_view url) {
  constexpr std::string_view kScheme = "sqlite://";
  if (!url.starts_with(kScheme)) return {};
  return std::string(url.substr(kScheme.size()));
}

std::unique_ptr<Database> open_database(const DatabaseSettings& settings) {
  const PoolOptions pool{.max_size = settings.pool_size, .wait_timeout = settings.pool_timeout, .max_attempts = 3};
  if (settings.url.starts_with("sqlite://")) {
    const auto path = sqlite_path(settings.url);
    if (path.empty()) throw std::runtime_error("EMPORIUM_DATABASE_URL has no file path: " + settings.url);
    auto sqlite_pool = pool;
    sqlite_pool.serialize_writes = true;
    return open_sqlite({.path = path, .busy_timeout = std::chrono::milliseconds(5000), .pool = sqlite_pool});
  }
  if (settings.url.starts_with("postgres://") || settings.url.starts_with("postgresql://")) {
    return open_postgres({.url = settings.url,
                          .connect_timeout = std::chrono::milliseconds(3000),
                          .statement_timeout = settings.statement_timeout,
                          .pool = pool});
  }
  throw std::runtime_error("EMPORIUM_DATABASE_URL must start with sqlite:// or postgres://");
}

}  // namespace emporium::storage
