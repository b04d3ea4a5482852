#include "catalog/search_text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace emporium::catalog::search_text {
namespace {
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SearchTokens, LowerCasesAndSplitsOnAnythingButLettersAndDigits) {
  EXPECT_THAT(tokens("Wireless Headphones, WH-1000XM4 (black)!"),
              ElementsAre("wireless", "headphones", "wh", "1000xm4", "black"));
}

TEST(SearchTokens, FoldsLatinAccents) {
  EXPECT_THAT(tokens("Café Crème Brûlée"), ElementsAre("cafe", "creme", "brulee"));
  EXPECT_THAT(tokens("Straße Größe Æble Œuvre"), ElementsAre("strasse", "grosse", "aeble", "oeuvre"));
  EXPECT_THAT(tokens("ŁÓDŹ Żółć Čeština Ångström"), ElementsAre("lodz", "zolc", "cestina", "angstrom"));
}

TEST(SearchTokens, DropsCombiningAccents) {
  EXPECT_THAT(tokens("Cafe\u0301 nai\u0308ve"), ElementsAre("cafe", "naive"));
}

TEST(SearchTokens, LowerCasesGreekAndCyrillicAndKeepsOtherScripts) {
  EXPECT_THAT(tokens("ΚΑΦΕΣ Москва Ёлка 東京タワー"), ElementsAre("καφεσ", "москва", "ёлка", "東京タワー"));
}

TEST(SearchTokens, SeparatesOnUnicodePunctuationSymbolsAndEmoji) {
  EXPECT_THAT(tokens("red\u2014blue\u00a0green\u2122 50\u20ac caf\u00e9\U0001F600bar\u00d7baz"),
              ElementsAre("red", "blue", "green", "50", "cafe", "bar", "baz"));
}

TEST(SearchTokens, TreatsInvalidUtf8AsASeparator) {
  EXPECT_THAT(tokens("ab\xff"
                     "cd\xc3"
                     "ef\xe2\x82"),
              ElementsAre("ab", "cd", "ef"));
}

TEST(SearchTokens, DropsShortWordsAndStopWords) {
  EXPECT_THAT(tokens("A cup of the tea and x 4 in it"), ElementsAre("cup", "tea", "in", "it"));
  EXPECT_THAT(tokens("the and with"), IsEmpty());
  EXPECT_THAT(tokens(""), IsEmpty());
}

TEST(SearchTokens, CutsLongWordsOnACharacterBoundary) {
  const auto words = tokens(std::string(45, 'a') + " " + std::string(39, 'b') + "\u00e9\u00e9" + " " +
                            std::string(39, 'c') + "\u0436\u0436");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0], std::string(40, 'a'));
  EXPECT_EQ(words[1], std::string(39, 'b') + "e");
  EXPECT_EQ(words[2], std::string(39, 'c'));  // a two-byte character would not fit
}

TEST(SearchTokens, KeepsRepeats) { EXPECT_THAT(tokens("red Red RED"), ElementsAre("red", "red", "red")); }

TEST(SearchTrigrams, PadsLikePgTrgm) {
  EXPECT_THAT(trigrams("ab"), ElementsAre("  a", " ab", "ab "));
  EXPECT_THAT(trigrams("word"), ElementsAre("  w", " wo", "ord", "rd ", "wor"));
}

TEST(SearchTrigrams, AreDistinctAndCountCharactersNotBytes) {
  EXPECT_THAT(trigrams("aaaa"), ElementsAre("  a", " aa", "aa ", "aaa"));
  EXPECT_THAT(trigrams("ёлка"), ElementsAre("  ё", " ёл", "ка ", "лка", "ёлк"));
}

TEST(SearchLength, CountsCharacters) {
  EXPECT_EQ(length("headphones"), 10u);
  EXPECT_EQ(length("ёлка"), 4u);
}

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  EXPECT_EQ(edit_distance("headphones", "headphones", 2), 0u);
  EXPECT_EQ(edit_distance("hedphones", "headphones", 2), 1u);
  EXPECT_EQ(edit_distance("wireles", "wireless", 1), 1u);
  EXPECT_EQ(edit_distance("cable", "cabel", 1), 1u);  // a transposition is one edit
  EXPECT_EQ(edit_distance("kitten", "sitting", 3), 3u);
  EXPECT_EQ(edit_distance("", "ab", 2), 2u);
  EXPECT_EQ(edit_distance("ёлка", "елка", 1), 1u);  // characters, not bytes
}

TEST(EditDistance, GivesUpAboveTheLimit) {
  EXPECT_EQ(edit_distance("kitten", "sitting", 1), 2u);
  EXPECT_EQ(edit_distance("a", "abcdef", 2), 3u);
  EXPECT_EQ(edit_distance("abcdef", "uvwxyz", 2), 3u);
}

}  // namespace
}  // namespace emporium::catalog::search_text
