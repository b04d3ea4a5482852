#include "reviews/review_rules.hpp"

#include <gtest/gtest.h>

namespace emporium::reviews {
namespace {

TEST(ReviewRules, ControlCharacters) {
  EXPECT_FALSE(has_control_characters("Great kettle — très bien", false));
  EXPECT_TRUE(has_control_characters("line\nbreak", false));
  EXPECT_FALSE(has_control_characters("line\nbreak\tand tab", true));
  EXPECT_TRUE(has_control_characters(std::string_view("nul\0x", 5), true));
  EXPECT_TRUE(has_control_characters("bell\a", true));
  EXPECT_TRUE(has_control_characters("cr\r\n", true));
  EXPECT_TRUE(has_control_characters("del\x7f", true));
  EXPECT_TRUE(has_control_characters("c1\xc2\x85", true));       // NEL
  EXPECT_FALSE(has_control_characters("nbsp\xc2\xa0ok", true));  // U+00A0 is not a control
}

TEST(ReviewRules, ErrorsNameTheField) {
  const auto errors = review_errors({.rating = 5, .title = "a\nb", .body = "ok\r"});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "title");
  EXPECT_EQ(errors[1].field, "body");
  EXPECT_TRUE(review_errors({.rating = 5, .title = "Fine", .body = "Two\nlines\tok"}).empty());
}

TEST(ReviewRules, Problems) {
  EXPECT_EQ(review_not_found().status, 404);
  EXPECT_EQ(review_not_found().code, "review_not_found");
  EXPECT_EQ(review_exists().status, 409);
  EXPECT_EQ(review_exists().code, "review_exists");
}

}  // namespace
}  // namespace emporium::reviews
