#pragma once

// A fresh database per test, on either backend, so that every domain's tests run on SQLite and PostgreSQL
// alike without copying set-up code:
//
//   class OrderStore : public ::testing::TestWithParam<storage::Backend> {
//    protected:
//     storage::TestDatabase test_db_{GetParam()};   // fresh and migrated; gone after the test
//   };
//   TEST_P(OrderStore, …) { use test_db_.database() }
//   INSTANTIATE_TEST_SUITE_P(Backends, OrderStore, storage::all_backends(), storage::backend_name);
//
// PostgreSQL databases are created on the server that EMPORIUM_TEST_POSTGRES_URL names (scripts/with-services
// sets it). Without it, a PostgreSQL case FAILS, saying so: PostgreSQL is part of the contract, never skipped.
// Linked by tests only (the emporium_storage_testing library).

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "storage/pooled_database.hpp"

namespace emporium::storage {

inline constexpr std::string_view kTestPostgresUrlVariable = "EMPORIUM_TEST_POSTGRES_URL";

struct TestDatabaseOptions {
  // Apply every migration of the backend (migrations_for). Off: an empty database, e.g. for tests of the
  // migrator itself or of SQL on tables of the test's own.
  bool migrate = true;
  PoolOptions pool{};  // of database() and of what open() returns without arguments
};

// Why a TestDatabase could not be made (no server named, CREATE DATABASE refused, a migration failed).
// Thrown from the constructor, so that the test fails with this message (gtest reports the exception).
class TestDatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One fresh database, removed with this object:
// - SQLite: test.db in a new temporary directory, deleted with its WAL files;
// - PostgreSQL: emporium_t_<random> on the server EMPORIUM_TEST_POSTGRES_URL names, dropped WITH (FORCE), so
//   connections left open by the test do not keep it alive.
// Throws TestDatabaseError when the database cannot be made; never skips.
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend, TestDatabaseOptions options = {});
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Backend backend() const { return backend_; }
  // Opened lazily by the pool: PostgreSQL sessions exist only once it has been used (or migrated).
  Database& database() { return *database_; }
  // For storage::open_database: sqlite:///tmp/…/test.db or postgres://…/emporium_t_….
  const std::string& url() const { return url_; }

  // Another pool on the same database, e.g. with other limits than database()'s.
  std::unique_ptr<Database> open(const PoolOptions& pool) const;
  std::unique_ptr<Database> open() const { return open(pool_); }

 private:
  void create_sqlite();
  void create_postgres();
  void remove();

  Backend backend_;
  PoolOptions pool_;
  std::filesystem::path directory_;  // SQLite: the temporary directory holding the file
  std::string server_url_;           // PostgreSQL: the server's own database, for CREATE and DROP
  std::string name_;                 // PostgreSQL: the database's name
  std::string url_;
  std::unique_ptr<Database> database_;
};

// Both backends, for INSTANTIATE_TEST_SUITE_P.
inline auto all_backends() { return ::testing::Values(Backend::Sqlite, Backend::Postgres); }

// Names parameterised cases after their backend (…/sqlite, …/postgres), for INSTANTIATE_TEST_SUITE_P.
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// Prints the backend in gtest messages (found by ADL; without it, gtest prints the enum's bytes).
void PrintTo(Backend backend, std::ostream* out);

}  // namespace emporium::storage
