// The storage contract: what domain code may rely on from either backend. Every TEST_P runs on SQLite (a
// temporary file) and on PostgreSQL (a database created for the case on the server that
// EMPORIUM_TEST_POSTGRES_URL names, dropped after it). Without that variable the PostgreSQL cases fail.
// The fixture is in storage_contract_fixture.hpp; the migrator's cases are in migrator_test.cpp.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/storage_contract_fixture.hpp"
#include "storage/testing/test_database.hpp"
#include "support/problem.hpp"

namespace emporium::storage {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kInsertSample =
    "INSERT INTO samples (id, whole, real_number, flag, label, bytes) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kSelectSample = "SELECT whole, real_number, flag, label, bytes FROM samples WHERE id = $1";
constexpr std::string_view kInsertItem = "INSERT INTO items (id, sku, quantity) VALUES ($1, $2, $3)";

template <class Cell>
const Cell& cell_as(const Rows& rows, std::size_t column) {
  const auto* value = std::get_if<Cell>(&rows.cell(0, column));
  if (!value) throw std::logic_error(fmt::format("column {} holds another type", rows.columns()[column]));
  return *value;
}

TEST_P(StorageContract, RoundTripsEveryParamType) {
  const std::string bytes(
      "\0\xff\x01"
      "abc\x00\x7f",
      8);
  const std::string_view text = "Grüße, 東京 — it's \"quoted\"; $1 and ?1 stay text";
  execute(kInsertSample, {std::int64_t{1}, std::int64_t{-42}, 0.1, true, text, Blob{bytes}});
  execute(kInsertSample, {std::int64_t{2}, INT64_MAX, -2.5e300, false, std::string_view(""), Blob{""}});
  execute(kInsertSample, {std::int64_t{3}, INT64_MIN, 0.0, nullptr, nullptr, nullptr});

  const auto first = query(kSelectSample, {std::int64_t{1}});
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first.columns(), (std::vector<std::string>{"whole", "real_number", "flag", "label", "bytes"}));
  EXPECT_EQ(cell_as<std::int64_t>(first, 0), -42);
  EXPECT_EQ(cell_as<double>(first, 1), 0.1);
  EXPECT_EQ(cell_as<std::int64_t>(first, 2), 1);
  EXPECT_EQ(cell_as<std::string>(first, 3), text);
  EXPECT_EQ(cell_as<std::string>(first, 4), bytes);

  const auto second = query(kSelectSample, {std::int64_t{2}});
  EXPECT_EQ(cell_as<std::int64_t>(second, 0), INT64_MAX);
  EXPECT_EQ(cell_as<double>(second, 1), -2.5e300);
  EXPECT_EQ(cell_as<std::int64_t>(second, 2), 0);
  EXPECT_EQ(cell_as<std::string>(second, 3), "");
  EXPECT_EQ(cell_as<std::string>(second, 4), "");

  const auto third = query(kSelectSample, {std::int64_t{3}});
  EXPECT_EQ(cell_as<std::int64_t>(third, 0), INT64_MIN);
  for (std::size_t column = 2; column < 5; ++column) EXPECT_TRUE(third.front().is_null(column)) << column;
}

TEST_P(StorageContract, PlaceholderLookalikesInLiteralsAndCommentsAreNotParameters) {
  const auto rows = query("SELECT '$1 costs $2' AS label, $1 AS n /* not $3 */ -- nor $4\n", {std::int64_t{7}});
  EXPECT_EQ(cell_as<std::string>(rows, 0), "$1 costs $2");
  EXPECT_EQ(cell_as<std::int64_t>(rows, 1), 7);
}

TEST_P(StorageContract, OnePlaceholderMayBeUsedTwice) {
  execute("INSERT INTO counter (id, n) VALUES ($1, $1)", {std::int64_t{7}});
  EXPECT_EQ(query("SELECT n FROM counter WHERE id = $1 AND n = $1", {std::int64_t{7}}).size(), 1u);
}

TEST_P(StorageContract, ReturningGivesTheInsertedRow) {
  const auto rows = query("INSERT INTO items (id, sku, quantity) VALUES ($1, $2, $3) RETURNING id, sku",
                          {std::int64_t{5}, std::string_view("SKU-5"), std::int64_t{1}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.front().integer(0), 5);
  EXPECT_EQ(rows.front().text(1), "SKU-5");
}

TEST_P(StorageContract, OnConflictDoNothingChangesNothing) {
  constexpr std::string_view kInsertOnce =
      "INSERT INTO items (id, sku, quantity) VALUES ($1, $2, 1) ON CONFLICT (sku) DO NOTHING RETURNING id";
  EXPECT_EQ(query(kInsertOnce, {std::int64_t{1}, std::string_view("A")}).size(), 1u);
  EXPECT_TRUE(query(kInsertOnce, {std::int64_t{2}, std::string_view("A")}).empty());
  EXPECT_EQ(execute("INSERT INTO items (id, sku, quantity) VALUES (3, 'A', 1) ON CONFLICT DO NOTHING"), 0);
  EXPECT_EQ(item_count(), 1);
}

TEST_P(StorageContract, ExecuteCountsAffectedRows) {
  for (std::int64_t id = 1; id <= 3; ++id)
    EXPECT_EQ(execute(kInsertItem, {id, std::string_view(fmt::format("S{}", id)), id}), 1);
  EXPECT_EQ(execute("UPDATE items SET quantity = quantity + 1"), 3);
  EXPECT_EQ(execute("UPDATE items SET quantity = 0 WHERE id > $1", {std::int64_t{99}}), 0);
  EXPECT_EQ(execute("DELETE FROM items WHERE quantity >= $1", {std::int64_t{3}}), 2);
}

std::optional<ConstraintViolation::Kind> violation_of(const std::function<void()>& statement) {
  try {
    statement();
  } catch (const ConstraintViolation& violation) {
    return violation.kind();
  }
  return std::nullopt;
}

TEST_P(StorageContract, ConstraintViolationsSayWhichKind) {
  using Kind = ConstraintViolation::Kind;
  execute(kInsertItem, {std::int64_t{1}, std::string_view("A"), std::int64_t{1}});
  EXPECT_EQ(violation_of([&] {
              execute(kInsertItem, {std::int64_t{2}, std::string_view("A"), std::int64_t{1}});
            }),
            Kind::Unique);
  EXPECT_EQ(violation_of([&] {
              execute(kInsertItem, {std::int64_t{1}, std::string_view("B"), std::int64_t{1}});
            }),
            Kind::Unique);
  EXPECT_EQ(violation_of([&] { execute(kInsertItem, {std::int64_t{3}, nullptr, std::int64_t{1}}); }), Kind::NotNull);
  EXPECT_EQ(violation_of([&] {
              execute(kInsertItem, {std::int64_t{4}, std::string_view("D"), std::int64_t{-1}});
            }),
            Kind::Check);
}

TEST_P(StorageContract, SyntaxErrorIsQueryErrorAndTheConnectionStaysUsable) {
  db().with_connection([](Connection& connection) {
    EXPECT_THROW(connection.query("SELEC 1"), QueryError);
    EXPECT_EQ(connection.query("SELECT 1").front().integer(0), 1);
  });
}

TEST_P(StorageContract, WrongParameterCountIsQueryError) {
  constexpr std::string_view kTwoParams = "SELECT id FROM items WHERE id = $1 AND sku = $2";
  db().with_connection([&](Connection& connection) {
    EXPECT_THROW(connection.query(kTwoParams, {std::int64_t{1}}), QueryError);
    EXPECT_THROW(connection.query(kTwoParams, {std::int64_t{1}, std::string_view("A"), std::int64_t{3}}), QueryError);
    EXPECT_TRUE(connection.query(kTwoParams, {std::int64_t{1}, std::string_view("A")}).empty());
  });
}

TEST_P(StorageContract, TransactionCommitsWhenTheBodyReturnsTrue) {
  db().transaction(TxMode::Write, [](Connection& connection) {
    connection.execute(kInsertItem, {std::int64_t{1}, std::string_view("A"), std::int64_t{1}});
    return true;
  });
  EXPECT_EQ(item_count(), 1);
}

TEST_P(StorageContract, TransactionRollsBackWhenTheBodyReturnsFalse) {
  db().transaction(TxMode::Write, [](Connection& connection) {
    connection.execute(kInsertItem, {std::int64_t{1}, std::string_view("A"), std::int64_t{1}});
    return false;
  });
  EXPECT_EQ(item_count(), 0);
}

TEST_P(StorageContract, TransactionRollsBackAndRethrowsWhenTheBodyThrows) {
  const auto body = [](Connection& connection) -> bool {
    connection.execute(kInsertItem, {std::int64_t{1}, std::string_view("A"), std::int64_t{1}});
    throw std::runtime_error("boom");
  };
  EXPECT_THROW(db().transaction(TxMode::Write, body), std::runtime_error);
  EXPECT_EQ(item_count(), 0);
}

TEST_P(StorageContract, TransactCommitsOnlyAValue) {
  const auto failed = transact(db(), TxMode::Write, [](Connection& connection) -> Result<int> {
    connection.execute(kInsertItem, {std::int64_t{1}, std::string_view("A"), std::int64_t{1}});
    return problems::conflict("sku_taken", "That SKU is taken.");
  });
  ASSERT_TRUE(failed.has_error());
  EXPECT_EQ(failed.error().code, "sku_taken");
  EXPECT_EQ(item_count(), 0);

  const auto done = transact(db(), TxMode::Write, [](Connection& connection) -> Result<int> {
    connection.execute(kInsertItem, {std::int64_t{1}, std::string_view("A"), std::int64_t{1}});
    return Result<int>(boost::system::in_place_value, 42);  // a bare int is ambiguous: Problem's first field is one
  });
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(*done, 42);
  EXPECT_EQ(item_count(), 1);
}

TEST_P(StorageContract, PingAndPoolStats) {
  const auto database = open({.max_size = 3, .wait_timeout = milliseconds(1000), .max_attempts = 3});
  EXPECT_TRUE(database->ping());
  database->with_connection([&](Connection&) {
    const auto busy = database->pool_stats();
    EXPECT_EQ(busy.in_use, 1u);
    EXPECT_EQ(busy.capacity, 3u);
  });
  const auto idle = database->pool_stats();
  EXPECT_EQ(idle.in_use, 0u);
  EXPECT_EQ(idle.size, 1u);
}

// Runs transactions of `body` on 8 threads until 50 have committed on each (a body returning false has
// lost a race and rolls back); returns how many transactions that took.
int run_until_400_commits(Database& database, const std::function<bool(Connection&)>& body) {
  std::atomic<int> attempts{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int committed = 0; committed < 50 && failures == 0;) {
        try {
          ++attempts;
          bool done = false;
          database.transaction(TxMode::Write, [&](Connection& connection) { return done = body(connection); });
          committed += done ? 1 : 0;
        } catch (const std::exception& e) {
          if (failures++ == 0) ADD_FAILURE() << "transaction failed: " << e.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return attempts;
}

TEST_P(StorageContract, ConcurrentConditionalIncrementsAreNeverLost) {
  execute("INSERT INTO counter (id, n) VALUES (1, 0)");
  const int attempts = run_until_400_commits(db(), [](Connection& connection) {
    return connection.execute("UPDATE counter SET n = n + 1 WHERE id = $1 AND n < $2",
                              {std::int64_t{1}, std::int64_t{1000}}) == 1;
  });
  EXPECT_EQ(attempts, 400);  // the condition is rechecked on the row as committed, so it never misses
  EXPECT_EQ(query("SELECT n FROM counter WHERE id = 1").front().integer(0), 400);
}

TEST_P(StorageContract, CompareAndSetIncrementsAreNeverLost) {
  execute("INSERT INTO counter (id, n) VALUES (1, 0)");
  // Read, then write only if nobody wrote in between.
  run_until_400_commits(db(), [](Connection& connection) {
    const auto n = connection.query("SELECT n FROM counter WHERE id = 1").front().integer(0);
    return connection.execute("UPDATE counter SET n = $1 WHERE id = 1 AND n = $2", {n + 1, n}) == 1;
  });
  EXPECT_EQ(query("SELECT n FROM counter WHERE id = 1").front().integer(0), 400);
}

TEST_P(StorageContract, ExhaustedPoolFailsWithinTheWaitTimeout) {
  const auto database = open({.max_size = 1, .wait_timeout = milliseconds(300), .max_attempts = 3});
  database->with_connection([&](Connection&) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(database->with_connection([](Connection&) {}), DatabaseUnavailable);
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GE(waited, milliseconds(250));
    EXPECT_LT(waited, milliseconds(3000));
  });
  EXPECT_TRUE(database->ping());  // the held connection came back
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract, all_backends(), backend_name);

}  // namespace
}  // namespace emporium::storage
