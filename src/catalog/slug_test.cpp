#include "catalog/slug.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace emporium::catalog {
namespace {

TEST(Slugify, LowerCasesAndJoinsWordsWithSingleHyphens) {
  EXPECT_EQ(slugify("Men's Shoes"), "men-s-shoes");
  EXPECT_EQ(slugify("  Hello,   World!  "), "hello-world");
  EXPECT_EQ(slugify("T-Shirts & Tops"), "t-shirts-tops");
  EXPECT_EQ(slugify("4K TVs (2026)"), "4k-tvs-2026");
  EXPECT_EQ(slugify("snake_case_name"), "snake-case-name");
}

TEST(Slugify, FoldsLatinAccents) {
  EXPECT_EQ(slugify("Crème Brûlée"), "creme-brulee");
  EXPECT_EQ(slugify("Größe Über"), "grosse-uber");
  EXPECT_EQ(slugify("Smørrebrød"), "smorrebrod");
  EXPECT_EQ(slugify("ÆON Œuvre"), "aeon-oeuvre");
  EXPECT_EQ(slugify("Łódź Señor Ça"), "lodz-senor-ca");
  EXPECT_EQ(slugify("ÀÉÎÕÜÝ"), "aeiouy");
}

TEST(Slugify, TreatsOtherScriptsSymbolsAndBrokenUtf8AsSeparators) {
  EXPECT_EQ(slugify("Tea 日本 Cups"), "tea-cups");
  EXPECT_EQ(slugify("a×b÷c"), "a-b-c");
  EXPECT_EQ(slugify("bad\xff\xfe bytes\xc3"), "bad-bytes");
  EXPECT_EQ(slugify("over\xc0\xaflong"), "over-long");  // an overlong '/' is not a letter either
  EXPECT_EQ(slugify("emoji 🎉 party"), "emoji-party");
}

TEST(Slugify, IsNeverEmpty) {
  EXPECT_EQ(slugify(""), kFallbackSlug);
  EXPECT_EQ(slugify("!!! ---"), kFallbackSlug);
  EXPECT_EQ(slugify("日本"), kFallbackSlug);
}

TEST(Slugify, CutsLongNamesWithoutATrailingHyphen) {
  const auto slug = slugify(std::string(99, 'a') + " bcd");
  EXPECT_EQ(slug, std::string(99, 'a'));
  EXPECT_EQ(slugify(std::string(300, 'x')).size(), kMaxSlugLength);
  EXPECT_TRUE(is_valid_slug(slugify(std::string(150, 'e') + "é")));
}

TEST(Slugify, AlwaysGivesAValidSlug) {
  for (const auto* name : {"Ünïcödé", "---a---", "x", "A  B", "ß", "日本 x 日本", "9", "__init__"}) {
    EXPECT_TRUE(is_valid_slug(slugify(name))) << name << " → " << slugify(name);
  }
}

TEST(IsValidSlug, AcceptsOnlyLowerCaseWordsJoinedBySingleHyphens) {
  EXPECT_TRUE(is_valid_slug("shoes"));
  EXPECT_TRUE(is_valid_slug("running-shoes-2"));
  EXPECT_TRUE(is_valid_slug("4k"));
  EXPECT_TRUE(is_valid_slug(std::string(kMaxSlugLength, 'a')));
  EXPECT_FALSE(is_valid_slug(""));
  EXPECT_FALSE(is_valid_slug("Shoes"));
  EXPECT_FALSE(is_valid_slug("-shoes"));
  EXPECT_FALSE(is_valid_slug("shoes-"));
  EXPECT_FALSE(is_valid_slug("running--shoes"));
  EXPECT_FALSE(is_valid_slug("cat_01JDQ3"));  // never an id
  EXPECT_FALSE(is_valid_slug("shoes/boots"));
  EXPECT_FALSE(is_valid_slug("crème"));
  EXPECT_FALSE(is_valid_slug(std::string(kMaxSlugLength + 1, 'a')));
}

TEST(UniqueSlug, AppendsTheFirstFreeNumber) {
  std::set<std::string> taken;
  const auto is_taken = [&](const std::string& slug) { return taken.contains(slug); };
  EXPECT_EQ(unique_slug("shoes", is_taken), "shoes");
  taken = {"shoes", "shoes-2", "shoes-3"};
  EXPECT_EQ(unique_slug("shoes", is_taken), "shoes-4");
  taken = {"shoes", "shoes-3"};
  EXPECT_EQ(unique_slug("shoes", is_taken), "shoes-2");
}

TEST(UniqueSlug, StaysWithinTheMaximumLength) {
  const std::string base(kMaxSlugLength, 'a');
  std::set<std::string> taken = {base};
  const auto is_taken = [&](const std::string& slug) { return taken.contains(slug); };
  const auto slug = unique_slug(base, is_taken);
  EXPECT_EQ(slug, std::string(kMaxSlugLength - 2, 'a') + "-2");
  // A cut that ends on a hyphen drops it.
  const auto hyphenated = std::string(97, 'b') + "-cd";
  taken = {hyphenated};
  EXPECT_EQ(unique_slug(hyphenated, is_taken), std::string(97, 'b') + "-2");
  for (int n = 2; n < 12; ++n) taken.insert(std::string(97, 'b') + "-" + std::to_string(n));
  const auto eleventh = unique_slug(hyphenated, is_taken);
  EXPECT_EQ(eleventh, std::string(97, 'b') + "-12");
  EXPECT_EQ(eleventh.size(), kMaxSlugLength);
}

}  // namespace
}  // namespace emporium::catalog
