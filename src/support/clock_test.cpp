#include "support/clock.hpp"

#include <gtest/gtest.h>

namespace emporium {
namespace {

TEST(Iso8601, FormatsWholeSecondsWithoutMillis) {
  EXPECT_EQ(to_iso8601(from_unix_millis(1795775400000)), "2026-11-27T10:30:00Z");
}

TEST(Iso8601, FormatsMillisWhenPresent) { EXPECT_EQ(to_iso8601(from_unix_millis(250)), "1970-01-01T00:00:00.250Z"); }

TEST(Iso8601, ParsesWhatItFormats) {
  const auto t = from_unix_millis(1795775400123);
  EXPECT_EQ(parse_iso8601(to_iso8601(t)), t);
}

TEST(Iso8601, ParsesOffsets) {
  EXPECT_EQ(parse_iso8601("2026-11-27T12:30:00+02:00"), parse_iso8601("2026-11-27T10:30:00Z"));
  EXPECT_EQ(parse_iso8601("2026-11-27T05:30:00-05:00"), parse_iso8601("2026-11-27T10:30:00Z"));
}

TEST(Iso8601, RejectsMalformedText) {
  for (const auto* text :
       {"", "2026-11-27", "2026-11-27T10:30:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-27T25:00:00Z",
        "2026-11-27T10:30:00Zjunk", "2026-11-27T10:30:00.Z", "2026-11-27 10:30:00Z"}) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
  }
}

TEST(ManualClock, MovesOnlyWhenTold) {
  ManualClock clock(from_unix_millis(1000));
  EXPECT_EQ(to_unix_millis(clock.now()), 1000);
  clock.advance(std::chrono::seconds(2));
  EXPECT_EQ(to_unix_millis(clock.now()), 3000);
}

}  // namespace
}  // namespace emporium
