#pragma once

// The fixture of the storage contract, whose cases live in storage_contract_test.cpp and migrator_test.cpp and
// which storage_contract_test.cpp instantiates for both backends. Each case gets a fresh, empty database (no
// migrations: the contract is about the backends, and the migrator cases bring migrations of their own)
// holding the tables of kSchema.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "storage/database.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::storage {

class StorageContract : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr PoolOptions kPool{.max_size = 8, .wait_timeout = std::chrono::milliseconds(5000), .max_attempts = 3};
  static constexpr std::string_view kSchema =
      "CREATE TABLE samples (id BIGINT PRIMARY KEY, whole BIGINT, real_number DOUBLE PRECISION, flag BOOLEAN,"
      " label TEXT, bytes BYTEA);"
      "CREATE TABLE items (id BIGINT PRIMARY KEY, sku TEXT NOT NULL UNIQUE,"
      " quantity BIGINT NOT NULL CHECK (quantity >= 0));"
      "CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);";
  static constexpr std::string_view kCountItems = "SELECT COUNT(*) FROM items";

  void SetUp() override {
    db().with_connection([](Connection& connection) { connection.execute_script(kSchema); });
  }

  // Another pool on the test's database.
  std::unique_ptr<Database> open(PoolOptions pool) const { return test_db_.open(pool); }

  Database& db() { return test_db_.database(); }

  Rows query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return with_connection(db(), [&](Connection& connection) { return connection.query(sql, params); });
  }
  std::int64_t execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    return with_connection(db(), [&](Connection& connection) { return connection.execute(sql, params); });
  }
  std::int64_t item_count() { return query(kCountItems).front().integer(0); }

  TestDatabase test_db_{GetParam(), {.migrate = false, .pool = kPool}};
};

}  // namespace emporium::storage
