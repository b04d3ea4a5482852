#include "support/currency.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace emporium {
namespace {

TEST(FormatMoney, UsesTheCurrencysDigits) {
  EXPECT_EQ(format_money(1234, "EUR"), "12.34 EUR");
  EXPECT_EQ(format_money(1500, "JPY"), "1500 JPY");
  EXPECT_EQ(format_money(1250, "KWD"), "1.250 KWD");
  EXPECT_EQ(format_money(123456789, "USD"), "1234567.89 USD");
}

TEST(FormatMoney, PadsSmallAmounts) {
  EXPECT_EQ(format_money(0, "EUR"), "0.00 EUR");
  EXPECT_EQ(format_money(5, "EUR"), "0.05 EUR");
  EXPECT_EQ(format_money(50, "EUR"), "0.50 EUR");
  EXPECT_EQ(format_money(7, "KWD"), "0.007 KWD");
  EXPECT_EQ(format_money(0, "JPY"), "0 JPY");
}

TEST(FormatMoney, SignsNegativeAmounts) {
  EXPECT_EQ(format_money(-500, "EUR"), "-5.00 EUR");
  EXPECT_EQ(format_money(-5, "EUR"), "-0.05 EUR");
  EXPECT_EQ(format_money(-30, "JPY"), "-30 JPY");
  EXPECT_EQ(format_money(std::numeric_limits<std::int64_t>::min(), "USD"), "-92233720368547758.08 USD");
  EXPECT_EQ(format_money(std::numeric_limits<std::int64_t>::max(), "USD"), "92233720368547758.07 USD");
}

TEST(FormatMoney, GivesUnknownCurrenciesTwoDigits) { EXPECT_EQ(format_money(1234, "XXX"), "12.34 XXX"); }

}  // namespace
}  // namespace emporium
