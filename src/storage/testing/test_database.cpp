#include "storage/testing/test_database.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <optional>
#include <system_error>
#include <utility>

#include "storage/migrator.hpp"
#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/clock.hpp"
#include "support/random.hpp"

namespace emporium::storage {
namespace {

constexpr std::string_view kSqliteFile = "test.db";

std::optional<std::string> environment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

// The same server URL naming another database: postgres://user@host:port/NAME?options.
std::string with_database(const std::string& url, std::string_view name) {
  const auto authority = url.find("://") + 3;
  const auto path = url.find_first_of("/?", authority);
  const auto query = path == std::string::npos ? std::string::npos : url.find('?', path);
  return url.substr(0, path) + "/" + std::string(name) + (query == std::string::npos ? "" : url.substr(query));
}

// Runs `sql` on the server's own database (CREATE DATABASE and DROP DATABASE cannot run in the one they name).
void run_on_server(const std::string& server_url, const std::string& sql) {
  open_postgres({.url = server_url, .pool = {.max_size = 1}})->with_connection([&](Connection& connection) {
    connection.execute_script(sql);
  });
}

}  // namespace

TestDatabase::TestDatabase(Backend backend, TestDatabaseOptions options) : backend_(backend), pool_(options.pool) {
  if (backend_ == Backend::Sqlite) {
    create_sqlite();
  } else {
    create_postgres();
  }
  try {
    database_ = open();
    if (options.migrate) {
      const SystemClock clock;
      Migrator(*database_, migrations_for(backend_), clock).migrate();
    }
  } catch (const std::exception& e) {
    try {
      remove();
    } catch (const std::exception&) {  // the failure to report is the first one
    }
    throw TestDatabaseError(fmt::format("cannot migrate the test database {}: {}", url_, e.what()));
  }
}

TestDatabase::~TestDatabase() {
  try {
    remove();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot remove the test database " << url_ << ": " << e.what();
  }
}

std::unique_ptr<Database> TestDatabase::open(const PoolOptions& pool) const {
  if (backend_ == Backend::Sqlite) return open_sqlite({.path = (directory_ / kSqliteFile).string(), .pool = pool});
  return open_postgres({.url = url_, .pool = pool});
}

void TestDatabase::create_sqlite() {
  const auto directory = std::filesystem::temp_directory_path() / fmt::format("emporium-test-{:016x}", random_u64());
  std::error_code error;
  if (!std::filesystem::create_directory(directory, error)) {
    throw TestDatabaseError(
        fmt::format("cannot create the directory {}: {}", directory.string(), error ? error.message() : "it exists"));
  }
  directory_ = directory;
  url_ = "sqlite://" + (directory_ / kSqliteFile).string();
}

void TestDatabase::create_postgres() {
  auto server = environment(kTestPostgresUrlVariable);
  if (!server) {
    throw TestDatabaseError(fmt::format(
        "{} is not set: run the tests under scripts/with-services (PostgreSQL is part of the contract and is "
        "never skipped)",
        kTestPostgresUrlVariable));
  }
  const auto name = fmt::format("emporium_t_{:016x}", random_u64());
  try {
    run_on_server(*server, "CREATE DATABASE " + name);
  } catch (const std::exception& e) {
    throw TestDatabaseError(
        fmt::format("cannot create {} on the server {} names: {}", name, kTestPostgresUrlVariable, e.what()));
  }
  server_url_ = std::move(*server);
  name_ = name;
  url_ = with_database(server_url_, name_);
}

void TestDatabase::remove() {
  database_.reset();
  if (!directory_.empty()) {
    std::filesystem::remove_all(std::exchange(directory_, {}));
  }
  if (!name_.empty()) {
    // FORCE: sessions the test left open (its own pools included) must not keep the database alive.
    run_on_server(server_url_, fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", std::exchange(name_, {})));
  }
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) { return std::string(to_string(info.param)); }

void PrintTo(Backend backend, std::ostream* out) { *out << to_string(backend); }

}  // namespace emporium::storage
