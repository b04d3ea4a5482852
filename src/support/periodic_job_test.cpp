#include "support/periodic_job.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace emporium {
namespace {
using namespace std::chrono_literals;

TEST(PeriodicJob, SweepsEveryIntervalUntilStopped) {
  std::atomic<int> sweeps{0};
  PeriodicJob job("test", 10ms, [&](const auto&) { ++sweeps; });
  job.start();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (sweeps < 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  job.stop();
  const int seen = sweeps;
  EXPECT_GE(seen, 3);
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(sweeps, seen) << "nothing runs after stop()";
}

TEST(PeriodicJob, StoppingDoesNotWaitForTheInterval) {
  PeriodicJob job("test", 1h, [](const auto&) {});
  job.start();
  const auto start = std::chrono::steady_clock::now();
  job.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(PeriodicJob, ASweepThatThrowsIsTriedAgainAndSeesStopping) {
  std::atomic<int> sweeps{0};
  std::atomic<bool> saw_stop{false};
  PeriodicJob job("test", 5ms, [&](const std::function<bool()>& stopping) {
    if (stopping()) saw_stop = true;
    if (++sweeps < 3) throw std::runtime_error("database down");
  });
  job.start();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (sweeps < 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  job.stop();
  EXPECT_GE(sweeps, 3);
  EXPECT_FALSE(saw_stop) << "stopping() is false while running";
  job.start();  // a stopped job starts again
  job.stop();
}

TEST(PeriodicJob, WakeRunsTheNextSweepWithoutWaitingForTheInterval) {
  std::atomic<int> sweeps{0};
  PeriodicJob job("test", 1h, [&](const auto&) { ++sweeps; });
  job.start();
  job.wake();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (sweeps < 1 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  job.stop();
  EXPECT_EQ(sweeps, 1);
}

}  // namespace
}  // namespace emporium
