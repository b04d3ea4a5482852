// The SQLite writer gate: write transactions of one process queue on a mutex, in the order SQLite would have
// let them through, without SQLite's busy handler; a writer that waits longer than the pool timeout gets 503.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "storage/open_database.hpp"
#include "support/errors.hpp"

namespace emporium::storage {
namespace {
using namespace std::chrono_literals;

class SqliteWriteGate : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("emporium-gate-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::unique_ptr<Database> open(std::chrono::milliseconds pool_timeout) {
    auto database = open_database({.url = "sqlite://" + (dir_ / "gate.db").string(),
                                   .pool_size = 8,
                                   .pool_timeout = pool_timeout,
                                   .statement_timeout = 5s});
    database->transaction(TxMode::Write, [](Connection& c) {
      c.execute("CREATE TABLE IF NOT EXISTS counter (n BIGINT NOT NULL)");
      c.execute("INSERT INTO counter (n) VALUES (0)");
      return true;
    });
    return database;
  }
  std::filesystem::path dir_;
};

TEST_F(SqliteWriteGate, ConcurrentWritersAllCommitWithoutBusyErrors) {
  auto database = open(5s);
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        try {
          database->transaction(TxMode::Write, [](Connection& c) {
            const auto n = c.query("SELECT n FROM counter").front().integer(0);
            c.execute("UPDATE counter SET n = $1", {n + 1});  // a lost update would show in the total
            return true;
          });
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures, 0);
  const auto total =
      with_connection(*database, [](Connection& c) { return c.query("SELECT n FROM counter").front().integer(0); });
  EXPECT_EQ(total, 400);
}

TEST_F(SqliteWriteGate, AWriterThatWaitsLongerThanThePoolTimeoutIsUnavailable) {
  auto database = open(100ms);
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    database->transaction(TxMode::Write, [&](Connection& c) {
      c.execute("UPDATE counter SET n = n + 1");
      holding = true;
      std::this_thread::sleep_for(600ms);
      return true;
    });
  });
  while (!holding) std::this_thread::sleep_for(1ms);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(database->transaction(TxMode::Write, [](Connection&) { return true; }), UnavailableError);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms) << "refused after the pool timeout, not SQLite's 5 s";
  // Readers are not gated: a read transaction goes ahead while the writer holds the gate.
  EXPECT_NO_THROW(database->transaction(TxMode::Read, [](Connection& c) {
    c.query("SELECT n FROM counter");
    return true;
  }));
  holder.join();
}

}  // namespace
}  // namespace emporium::storage
