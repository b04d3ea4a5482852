#include "users/countries.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace emporium::users {
namespace {

TEST(Countries, ListsThe249AssignedCodesSortedAndUnique) {
  const auto codes = country_codes();
  EXPECT_EQ(codes.size(), 249u);
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  EXPECT_EQ(std::adjacent_find(codes.begin(), codes.end()), codes.end());
  for (const auto code : codes) {
    EXPECT_EQ(code.size(), 2u) << code;
    EXPECT_TRUE(std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) << code;
  }
}

TEST(Countries, AcceptsAssignedCodes) {
  for (const auto* code : {"US", "DE", "GB", "FR", "JP", "BR", "AD", "ZW", "AX", "SS", "BQ", "CW", "SX"}) {
    EXPECT_TRUE(is_country_code(code)) << code;
  }
}

TEST(Countries, RefusesUnassignedReservedWithdrawnAndMalformedCodes) {
  // XK (Kosovo) is in common use but user-assigned, not part of ISO 3166-1.
  for (const auto* code : {"XX", "XK", "ZZ", "AA", "EU", "UK", "AN", "YU", "CS", "USA", "U", "", " US", "U1"}) {
    EXPECT_FALSE(is_country_code(code)) << '"' << code << '"';
  }
}

TEST(Countries, IsCaseSensitiveWhileNormalisingUpperCases) {
  EXPECT_FALSE(is_country_code("us"));
  EXPECT_FALSE(is_country_code("Us"));
  EXPECT_EQ(normalise_country_code("us"), "US");
  EXPECT_EQ(normalise_country_code(" dE\t"), "DE");
  EXPECT_TRUE(is_country_code(normalise_country_code("gb")));
  EXPECT_EQ(normalise_country_code("usa"), "USA");  // normalising never makes a bad code good
  EXPECT_EQ(normalise_country_code("ü"), "ü");      // only ASCII letters change
}

}  // namespace
}  // namespace emporium::users
