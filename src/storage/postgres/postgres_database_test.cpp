// The PostgreSQL backend alone: what SQLite has no counterpart for. Each case that needs a server gets a fresh,
// empty database on the one EMPORIUM_TEST_POSTGRES_URL names (and fails without it, never skips).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <latch>
#include <string>
#include <thread>
#include <utility>

#include "storage/database.hpp"
#include "storage/postgres/postgres_database.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::storage {
namespace {

using std::chrono::milliseconds;

TEST(PostgresDatabase, OpensWithoutConnectingAndFailsFastWhileTheServerIsAway) {
  const auto start = std::chrono::steady_clock::now();
  const auto database = open_postgres({.url = "postgres://emporium:s3cret-word@127.0.0.1:1/emporium",
                                       .connect_timeout = milliseconds(1000),
                                       .pool = {.max_size = 2, .wait_timeout = milliseconds(500)}});
  try {
    database->with_connection([](Connection& connection) { connection.query("SELECT 1"); });
    ADD_FAILURE() << "a query reached a server on port 1";
  } catch (const DatabaseUnavailable& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << "the password leaked: " << e.what();
  }
  EXPECT_FALSE(database->ping());
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(3000));
  EXPECT_EQ(database->pool_stats().size, 0u);
}

TEST(PostgresDatabase, ReportsAStatementTimeout) {
  const TestDatabase scratch(Backend::Postgres, {.migrate = false});
  const auto& url = scratch.url();
  const auto database = open_postgres({.url = url, .statement_timeout = milliseconds(100), .pool = {.max_size = 1}});
  database->with_connection([](Connection& connection) {
    try {
      connection.query("SELECT pg_sleep(5)");
      ADD_FAILURE() << "the statement outlived its timeout";
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()).find("statement timeout"), std::string::npos) << e.what();
    }
    EXPECT_EQ(connection.query("SELECT 1").front().integer(0), 1);
  });
}

TEST(PostgresDatabase, CountsPlaceholdersOnlyOutsideItsOwnQuotingForms) {
  const TestDatabase scratch(Backend::Postgres, {.migrate = false});
  const auto database = open_postgres({.url = scratch.url(), .pool = {.max_size = 1}});
  const auto rows = with_connection(*database, [](Connection& connection) {
    return connection.query(R"(SELECT $q$ it's $2 $q$ AS dollar, E'it\'s $3' AS escaped, $1 AS "$4")"
                            " /* outer /* nested $5 */ still $6 */",
                            {std::int64_t{5}});
  });
  EXPECT_EQ(rows.front().text(0), " it's $2 ");
  EXPECT_EQ(rows.front().text(1), "it's $3");
  EXPECT_EQ(rows.columns()[2], "$4");
  EXPECT_EQ(rows.front().integer(2), 5);
}

TEST(PostgresDatabase, RetriesTheLoserOfADeadlock) {
  const TestDatabase scratch(Backend::Postgres, {.migrate = false});
  const auto& url = scratch.url();
  // Both may detect the same deadlock and both be aborted, so there is room for more than one retry each.
  const auto database =
      open_postgres({.url = url, .pool = {.max_size = 2, .wait_timeout = milliseconds(5000), .max_attempts = 5}});
  database->with_connection([](Connection& connection) {
    connection.execute_script(
        "DROP TABLE IF EXISTS locks; CREATE TABLE locks (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);"
        "INSERT INTO locks VALUES (1, 0), (2, 0)");
  });
  std::latch both_hold_one(2);
  std::atomic<int> attempts{0};
  // Each transaction locks one row, waits until the other holds its row too, then wants the other's row.
  const auto cross = [&](std::int64_t mine, std::int64_t theirs) {
    bool met = false;
    try {
      database->transaction(TxMode::Write, [&](Connection& connection) {
        ++attempts;
        connection.execute("UPDATE locks SET n = n + 1 WHERE id = $1", {mine});
        if (!std::exchange(met, true)) both_hold_one.arrive_and_wait();
        connection.execute("UPDATE locks SET n = n + 1 WHERE id = $1", {theirs});
        return true;
      });
    } catch (const std::exception& e) {
      ADD_FAILURE() << "transaction failed: " << e.what();
    }
  };
  std::thread first(cross, 1, 2);
  std::thread second(cross, 2, 1);
  first.join();
  second.join();
  EXPECT_GE(attempts, 3);  // PostgreSQL aborted at least one of them, which then ran again
  const auto rows = with_connection(
      *database, [](Connection& connection) { return connection.query("SELECT n FROM locks ORDER BY id"); });
  EXPECT_EQ(rows[0].integer(0), 2);
  EXPECT_EQ(rows[1].integer(0), 2);
}

// What a server restart does to pooled connections, without stopping the server that other test
// processes share: end this database's idle sessions the way a shutdown does (FATAL 57P01, then close).
// (The scratch database's own pool has none: unmigrated and unused, it never connected.)
TEST(PostgresDatabase, ReconnectsWhenTheServerEndsIdleSessions) {
  const TestDatabase scratch(Backend::Postgres, {.migrate = false});
  const auto database = open_postgres({.url = scratch.url(), .pool = {.max_size = 2}});
  database->with_connection([&](Connection&) { database->with_connection([](Connection&) {}); });
  ASSERT_EQ(database->pool_stats().size, 2u);

  const auto admin = open_postgres({.url = scratch.url(), .pool = {.max_size = 1}});
  const auto ended = with_connection(*admin, [](Connection& connection) {
    return connection.query(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid()");  // waits until they are gone
  });
  ASSERT_EQ(ended.size(), 2u);

  // Both connections run their next statement on a fresh session instead of failing.
  database->transaction(TxMode::Write, [&](Connection& first) {
    database->with_connection([](Connection& second) { EXPECT_EQ(second.query("SELECT 1").size(), 1u); });
    return first.query("SELECT 1").size() == 1;
  });
  EXPECT_TRUE(database->ping());
  EXPECT_EQ(database->pool_stats().size, 2u);
}

}  // namespace
}  // namespace emporium::storage
