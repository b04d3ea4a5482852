// The storage contract: what domain code may rely on from either backend. Every TEST_P runs on SQLite (a
// temporary file) and on PostgreSQL (a scratch database created on the server that
// EMPORIUM_TEST_POSTGRES_URL names, dropped at the end). Without that variable the PostgreSQL cases fail.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <latch>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "storage/database.hpp"
#include "storage/migrator.hpp"
#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/clock.hpp"
#include "support/problem.hpp"
#include "support/random.hpp"

namespace emporium::storage {

// Names the backend in test listings (gtest finds this by ADL; without it, it prints the enum's bytes).
inline void PrintTo(Backend backend, std::ostream* out) { *out << to_string(backend); }

namespace {

using std::chrono::milliseconds;

constexpr std::string_view kUrlVariable = "EMPORIUM_TEST_POSTGRES_URL";
constexpr PoolOptions kPool{.max_size = 8, .wait_timeout = milliseconds(5000), .max_attempts = 3};

constexpr std::string_view kSchema =
    "CREATE TABLE samples (id BIGINT PRIMARY KEY, whole BIGINT, real_number DOUBLE PRECISION, flag BOOLEAN,"
    " label TEXT, bytes BYTEA);"
    "CREATE TABLE items (id BIGINT PRIMARY KEY, sku TEXT NOT NULL UNIQUE,"
    " quantity BIGINT NOT NULL CHECK (quantity >= 0));"
    "CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);";
// The tables any test creates, dropped first so that tests sharing one PostgreSQL database start clean.
constexpr std::string_view kTables[] = {"samples", "items", "counter", "mig_a", "mig_b", "schema_migrations"};

constexpr std::string_view kInsertSample =
    "INSERT INTO samples (id, whole, real_number, flag, label, bytes) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kSelectSample = "SELECT whole, real_number, flag, label, bytes FROM samples WHERE id = $1";
constexpr std::string_view kInsertItem = "INSERT INTO items (id, sku, quantity) VALUES ($1, $2, $3)";
constexpr std::string_view kCountItems = "SELECT COUNT(*) FROM items";

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

std::unique_ptr<Database> open_maintenance(const std::string& url) {
  return open_postgres({.url = url, .pool = {.max_size = 1}});
}

// One scratch database per run of this binary, created on first use; the environment below drops it.
class ScratchDatabase {
 public:
  static ScratchDatabase& instance() {
    static ScratchDatabase scratch;
    return scratch;
  }
  // The scratch database's URL, or why there is none.
  const std::optional<std::string>& url() const { return url_; }
  const std::string& problem() const { return problem_; }

  void drop() {
    if (!url_) return;
    open_maintenance(*server_)->with_connection([&](Connection& connection) {
      connection.execute_script(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name_));
    });
    url_.reset();
  }

 private:
  ScratchDatabase() : server_(environment(kUrlVariable)) {
    if (!server_) {
      problem_ = fmt::format("{} is not set: run the storage tests under scripts/with-services (PostgreSQL is part "
                             "of the contract and is never skipped)", kUrlVariable);
      return;
    }
    name_ = fmt::format("emporium_test_{:016x}", random_u64());
    try {
      open_maintenance(*server_)->with_connection(
          [&](Connection& connection) { connection.execute_script("CREATE DATABASE " + name_); });
      url_ = with_database(*server_, name_);
    } catch (const std::exception& e) {
      problem_ = fmt::format("cannot create {} on the server {} names: {}", name_, kUrlVariable, e.what());
    }
  }

  std::optional<std::string> server_;
  std::string name_;
  std::optional<std::string> url_;
  std::string problem_;
};

class DropScratchDatabase : public ::testing::Environment {
 public:
  void TearDown() override {
    try {
      ScratchDatabase::instance().drop();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop the scratch database: " << e.what();
    }
  }
};
[[maybe_unused]] const auto* const kDropScratch = ::testing::AddGlobalTestEnvironment(new DropScratchDatabase);

// For ASSERT_TRUE: a missing server fails the test, saying why.
::testing::AssertionResult has_scratch_database() {
  const auto& scratch = ScratchDatabase::instance();
  if (scratch.url()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << scratch.problem();
}
const std::string& scratch_url() { return *ScratchDatabase::instance().url(); }

class StorageContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::Postgres) {
      ASSERT_TRUE(has_scratch_database());
      location_ = scratch_url();
    } else {
      location_ = (std::filesystem::temp_directory_path() / fmt::format("emporium-contract-{:016x}.db", random_u64()));
    }
    database_ = open(kPool);
    database_->with_connection([](Connection& connection) {
      for (const auto table : kTables) connection.execute_script(fmt::format("DROP TABLE IF EXISTS {}", table));
      connection.execute_script(kSchema);
    });
  }

  void TearDown() override {
    database_.reset();
    if (GetParam() == Backend::Sqlite) {
      for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(location_ + suffix);
    }
  }

  std::unique_ptr<Database> open(PoolOptions pool) const {
    if (GetParam() == Backend::Sqlite) return open_sqlite({.path = location_, .pool = pool});
    return open_postgres({.url = location_, .pool = pool});
  }

  Database& db() { return *database_; }

  Rows query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return with_connection(db(), [&](Connection& connection) { return connection.query(sql, params); });
  }
  std::int64_t execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    return with_connection(db(), [&](Connection& connection) { return connection.execute(sql, params); });
  }
  std::int64_t item_count() { return query(kCountItems).front().integer(0); }

  std::string location_;  // the SQLite file or the PostgreSQL URL
  std::unique_ptr<Database> database_;
};

template <class Cell>
const Cell& cell_as(const Rows& rows, std::size_t column) {
  const auto* value = std::get_if<Cell>(&rows.cell(0, column));
  if (!value) throw std::logic_error(fmt::format("column {} holds another type", rows.columns()[column]));
  return *value;
}

TEST_P(StorageContract, RoundTripsEveryParamType) {
  const std::string bytes("\0\xff\x01" "abc\x00\x7f", 8);
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
  EXPECT_EQ(violation_of([&] { execute(kInsertItem, {std::int64_t{2}, std::string_view("A"), std::int64_t{1}}); }),
            Kind::Unique);
  EXPECT_EQ(violation_of([&] { execute(kInsertItem, {std::int64_t{1}, std::string_view("B"), std::int64_t{1}}); }),
            Kind::Unique);
  EXPECT_EQ(violation_of([&] { execute(kInsertItem, {std::int64_t{3}, nullptr, std::int64_t{1}}); }), Kind::NotNull);
  EXPECT_EQ(violation_of([&] { execute(kInsertItem, {std::int64_t{4}, std::string_view("D"), std::int64_t{-1}}); }),
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

constexpr EmbeddedFile kMigrations[] = {
    {"test/0001_first.sql", "CREATE TABLE mig_a (id BIGINT PRIMARY KEY, note TEXT NOT NULL);"},
    {"test/0002_second.sql", "CREATE TABLE mig_b (id BIGINT PRIMARY KEY); INSERT INTO mig_a VALUES (1, 'seeded');"},
};
constexpr EmbeddedFile kEditedMigrations[] = {
    {"test/0001_first.sql", "CREATE TABLE mig_a (id BIGINT PRIMARY KEY, note TEXT);"},
    kMigrations[1],
};

TEST_P(StorageContract, MigratorAppliesEachFileOnceAndRefusesEditedOnes) {
  const SystemClock clock;
  const auto applied = Migrator(db(), kMigrations, clock).migrate();
  ASSERT_EQ(applied.size(), 2u);
  EXPECT_EQ(applied[0].version, 1);
  EXPECT_EQ(applied[1].name, "second");
  EXPECT_EQ(query("SELECT note FROM mig_a").front().text(0), "seeded");

  EXPECT_TRUE(Migrator(db(), kMigrations, clock).migrate().empty());
  EXPECT_EQ(query("SELECT COUNT(*) FROM mig_a").front().integer(0), 1);

  try {
    Migrator(db(), kEditedMigrations, clock).migrate();
    ADD_FAILURE() << "an edited migration was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("changed"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& test) { return std::string(to_string(test.param)); });

// ---- PostgreSQL only: what SQLite has no counterpart for ------------------------------------------

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
  ASSERT_TRUE(has_scratch_database());
  const auto& url = scratch_url();
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
  ASSERT_TRUE(has_scratch_database());
  const auto database = open_postgres({.url = scratch_url(), .pool = {.max_size = 1}});
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
  ASSERT_TRUE(has_scratch_database());
  const auto& url = scratch_url();
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
TEST(PostgresDatabase, ReconnectsWhenTheServerEndsIdleSessions) {
  ASSERT_TRUE(has_scratch_database());
  const auto database = open_postgres({.url = scratch_url(), .pool = {.max_size = 2}});
  database->with_connection([&](Connection&) { database->with_connection([](Connection&) {}); });
  ASSERT_EQ(database->pool_stats().size, 2u);

  const auto admin = open_maintenance(scratch_url());
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
