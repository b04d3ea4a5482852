#include "media/byte_range.hpp"

#include <gtest/gtest.h>

namespace emporium::media {
namespace {
using Kind = RangeRequest::Kind;

::testing::AssertionResult is_partial(const RangeRequest& range, std::uint64_t first, std::uint64_t length) {
  if (range.kind == Kind::Partial && range.first == first && range.length == length)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "kind " << static_cast<int>(range.kind) << ", first " << range.first
                                       << ", length " << range.length;
}

TEST(ByteRange, ReadsTheThreeFormsOfOneRange) {
  EXPECT_TRUE(is_partial(evaluate_range("bytes=0-9", 100), 0, 10));
  EXPECT_TRUE(is_partial(evaluate_range("bytes=10-", 100), 10, 90));
  EXPECT_TRUE(is_partial(evaluate_range("bytes=-5", 100), 95, 5));
  EXPECT_TRUE(is_partial(evaluate_range("Bytes = 99-99 ", 100), 99, 1));
}

TEST(ByteRange, ClampsToTheFile) {
  EXPECT_TRUE(is_partial(evaluate_range("bytes=50-1000", 100), 50, 50));
  EXPECT_TRUE(is_partial(evaluate_range("bytes=-1000", 100), 0, 100));
  EXPECT_TRUE(is_partial(evaluate_range("bytes=0-99999999999999999999999", 100), 0, 100));
}

TEST(ByteRange, ReportsRangesPastTheEndAsUnsatisfiable) {
  EXPECT_EQ(evaluate_range("bytes=100-", 100).kind, Kind::Unsatisfiable);
  EXPECT_EQ(evaluate_range("bytes=100-200", 100).kind, Kind::Unsatisfiable);
  EXPECT_EQ(evaluate_range("bytes=-0", 100).kind, Kind::Unsatisfiable);
  EXPECT_EQ(evaluate_range("bytes=99999999999999999999999-", 100).kind, Kind::Unsatisfiable);
  EXPECT_EQ(evaluate_range("bytes=0-", 0).kind, Kind::Unsatisfiable);
  EXPECT_EQ(evaluate_range("bytes=-5", 0).kind, Kind::Unsatisfiable);
}

TEST(ByteRange, AnswersTheWholeFileForEverythingElse) {
  for (const auto* header : {"bytes=0-1,5-6", "bytes=0-1, -3", "items=0-1", "bytes", "bytes=", "bytes=-", "bytes=a-b",
                             "bytes=5-1", "bytes=1-2-3", "bytes=+1-2", "bytes=0x1-2", "bytes=1 - 2", "=0-1"}) {
    EXPECT_EQ(evaluate_range(header, 100).kind, Kind::Whole) << header;
  }
  EXPECT_EQ(evaluate_range(std::nullopt, 100).kind, Kind::Whole);
}

TEST(ByteRange, MatchesIfNoneMatchWeakly) {
  const std::string etag = "\"abc\"";
  EXPECT_TRUE(etag_list_matches("\"abc\"", etag));
  EXPECT_TRUE(etag_list_matches("W/\"abc\"", etag));
  EXPECT_TRUE(etag_list_matches("\"x\", \"abc\"", etag));
  EXPECT_TRUE(etag_list_matches("*", etag));
  EXPECT_FALSE(etag_list_matches("\"abcd\"", etag));
  EXPECT_FALSE(etag_list_matches("abc", etag));
  EXPECT_FALSE(etag_list_matches("", etag));
}

TEST(ByteRange, MatchesIfRangeStrongly) {
  const std::string etag = "\"abc\"";
  EXPECT_TRUE(if_range_matches("\"abc\"", etag));
  EXPECT_FALSE(if_range_matches("W/\"abc\"", etag));
  EXPECT_FALSE(if_range_matches("Wed, 21 Oct 2015 07:28:00 GMT", etag));
}

}  // namespace
}  // namespace emporium::media
