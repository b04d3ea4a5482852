#include "support/currency.hpp"

#include <gtest/gtest.h>

namespace emporium {
namespace {

TEST(Currency, KnowsCurrenciesInCirculation) {
  for (const auto* code : {"USD", "EUR", "JPY", "GBP", "KWD", "CHF", "XOF", "AED", "ZAR"})
    EXPECT_TRUE(is_currency_code(code)) << code;
}

TEST(Currency, RefusesEverythingElse) {
  for (const auto* code : {"", "usd", "US", "USDD", "XAU", "XTS", "ABC", "EURO"})
    EXPECT_FALSE(is_currency_code(code)) << code;
}

TEST(Currency, KnowsMinorUnits) {
  EXPECT_EQ(currency_minor_digits("USD"), 2);
  EXPECT_EQ(currency_minor_digits("JPY"), 0);
  EXPECT_EQ(currency_minor_digits("KWD"), 3);
  EXPECT_FALSE(currency_minor_digits("XXX"));
}

}  // namespace
}  // namespace emporium
