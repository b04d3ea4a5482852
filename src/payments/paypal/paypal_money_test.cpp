#include "payments/paypal/paypal_money.hpp"

#include <gtest/gtest.h>

namespace emporium::payments::paypal {
namespace {

TEST(PayPalMoney, FormatsMinorUnitsWithTheCurrencysDigits) {
  EXPECT_EQ(format_amount(1000, "USD"), "10.00");
  EXPECT_EQ(format_amount(1999, "EUR"), "19.99");
  EXPECT_EQ(format_amount(5, "USD"), "0.05");
  EXPECT_EQ(format_amount(0, "USD"), "0.00");
  EXPECT_EQ(format_amount(1000, "JPY"), "1000");
  EXPECT_EQ(format_amount(1234, "KWD"), "1.234");
  EXPECT_EQ(format_amount(7, "KWD"), "0.007");
  EXPECT_EQ(format_amount(9'223'372'036'854'775'807, "USD"), "92233720368547758.07");
}

TEST(PayPalMoney, RefusesToFormatNegativesAndUnknownCurrencies) {
  EXPECT_FALSE(format_amount(-1, "USD"));
  EXPECT_FALSE(format_amount(100, "XXX"));
  EXPECT_FALSE(format_amount(100, "usd"));
}

TEST(PayPalMoney, ParsesDecimalStringsIntoMinorUnits) {
  EXPECT_EQ(parse_amount("10.00", "USD"), 1000);
  EXPECT_EQ(parse_amount("0.05", "USD"), 5);
  EXPECT_EQ(parse_amount("10.5", "USD"), 1050);
  EXPECT_EQ(parse_amount("10", "USD"), 1000);
  EXPECT_EQ(parse_amount("1000", "JPY"), 1000);
  EXPECT_EQ(parse_amount("1.234", "KWD"), 1234);
  EXPECT_EQ(parse_amount("007.10", "USD"), 710);
  EXPECT_EQ(parse_amount("92233720368547758.07", "USD"), 9'223'372'036'854'775'807);
}

TEST(PayPalMoney, RoundTrips) {
  for (const std::int64_t amount : {0, 1, 99, 100, 123456789})
    for (const auto* currency : {"USD", "JPY", "KWD", "CLF"})
      EXPECT_EQ(parse_amount(*format_amount(amount, currency), currency), amount) << amount << " " << currency;
}

TEST(PayPalMoney, RefusesAnythingNotExact) {
  for (const auto* value : {"1.2.3", "-1", "1e3", "+1", "", ".", ".5", "5.", " 1", "1 ", "1,00", "0x10", "1.001", "１",
                            "10.00\n", "NaN", "Infinity", "92233720368547758.08", "99999999999999999999"})
    EXPECT_FALSE(parse_amount(value, "USD")) << '"' << value << '"';
  EXPECT_FALSE(parse_amount("1.0", "JPY"));
  EXPECT_FALSE(parse_amount("1.", "JPY"));
  EXPECT_FALSE(parse_amount("1.2345", "KWD"));
  EXPECT_FALSE(parse_amount("10.00", "XXX"));
}

}  // namespace
}  // namespace emporium::payments::paypal
