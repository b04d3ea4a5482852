#include "support/ids.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace emporium {
namespace {

TEST(IdGenerator, MakesPrefixedWellFormedIds) {
  SystemClock clock;
  IdGenerator ids(clock);
  const auto id = ids.next("prod");
  EXPECT_EQ(id.size(), 5u + 26u);
  EXPECT_TRUE(is_valid_id(id, "prod")) << id;
  EXPECT_FALSE(is_valid_id(id, "ord"));
}

TEST(IdGenerator, IsStrictlyIncreasingWithinOneMillisecond) {
  ManualClock clock(from_unix_millis(1'700'000'000'000));
  IdGenerator ids(clock);
  std::string previous = ids.next("x");
  for (int i = 0; i < 1000; ++i) {
    auto next = ids.next("x");
    EXPECT_LT(previous, next);
    previous = std::move(next);
  }
}

TEST(IdGenerator, OrdersByTimeAcrossMilliseconds) {
  ManualClock clock(from_unix_millis(1'700'000'000'000));
  IdGenerator ids(clock);
  const auto first = ids.next("x");
  clock.advance(std::chrono::milliseconds(1));
  EXPECT_LT(first, ids.next("x"));
}

TEST(IdGenerator, StaysOrderedWhenTheClockStepsBack) {
  ManualClock clock(from_unix_millis(1'700'000'000'000));
  IdGenerator ids(clock);
  const auto first = ids.next("x");
  clock.advance(std::chrono::milliseconds(-5));
  EXPECT_LT(first, ids.next("x"));
}

TEST(IdGenerator, IsUniqueAcrossThreads) {
  SystemClock clock;
  IdGenerator ids(clock);
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& out : made) {
    threads.emplace_back([&ids, &out] {
      for (int i = 0; i < 2000; ++i) out.push_back(ids.next("t"));
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> unique;
  for (const auto& out : made) unique.insert(out.begin(), out.end());
  EXPECT_EQ(unique.size(), 8000u);
}

TEST(IsValidId, RejectsForgeries) {
  EXPECT_FALSE(is_valid_id("prod_", "prod"));
  EXPECT_FALSE(is_valid_id("prod-01JDQ3XKZP6W7Y8Z9ABCDEFGHJ", "prod"));
  EXPECT_FALSE(is_valid_id("prod_01JDQ3XKZP6W7Y8Z9ABCDEFGHI", "prod"));  // I is not Crockford
  EXPECT_FALSE(is_valid_id("prod_91JDQ3XKZP6W7Y8Z9ABCDEFGHJ", "prod"));  // overflows 128 bits
  EXPECT_TRUE(is_valid_id("prod_01JDQ3XKZP6W7Y8Z9ABCDEFGHJ", "prod"));
}

}  // namespace
}  // namespace emporium
