#include "app/config.hpp"

#include <gtest/gtest.h>

#include <map>

namespace emporium::app {
namespace {

Config load(std::map<std::string, std::string> variables) {
  return load_config([variables = std::move(variables)](const char* name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  });
}

TEST(CommerceConfig, DefaultsChargeAFlatRateWithAThresholdAndNoTax) {
  const auto config = load({});
  EXPECT_EQ(config.shipping_flat_rate, 500);
  EXPECT_EQ(config.shipping_free_from, 5000);
  EXPECT_TRUE(config.tax_rates.empty());
  EXPECT_EQ(config.order_payment_timeout, std::chrono::seconds(1800));
  EXPECT_EQ(config.cart_max_line_quantity, 99);
}

TEST(CommerceConfig, TaxRatesArePercentWithUpToTwoDecimalsAsBasisPoints) {
  const auto config = load({{"EMPORIUM_TAX_RATES", "DE=19, CH=8.1,JP=10.25,US=0"}});
  const std::map<std::string, std::int64_t> expected{{"CH", 810}, {"DE", 1900}, {"JP", 1025}, {"US", 0}};
  EXPECT_EQ(config.tax_rates, expected);
}

TEST(CommerceConfig, MalformedTaxRatesNameTheVariable) {
  for (const auto* bad : {"DE", "DE=", "de=19", "DEU=19", "DE=19.", "DE=1.234", "DE=100", "DE=x"}) {
    try {
      load({{"EMPORIUM_TAX_RATES", bad}});
      ADD_FAILURE() << bad << " was accepted";
    } catch (const ConfigError& error) {
      EXPECT_NE(std::string(error.what()).find("EMPORIUM_TAX_RATES"), std::string::npos) << bad;
    }
  }
}

TEST(CommerceConfig, FreeShippingCanBeTurnedOffAndTimeoutsAreBounded) {
  EXPECT_FALSE(load({{"EMPORIUM_SHIPPING_FREE_FROM", "never"}}).shipping_free_from.has_value());
  EXPECT_EQ(load({{"EMPORIUM_SHIPPING_FREE_FROM", "0"}}).shipping_free_from, 0);
  EXPECT_EQ(load({{"EMPORIUM_ORDER_PAYMENT_TIMEOUT", "1"}}).order_payment_timeout, std::chrono::seconds(1));
  EXPECT_THROW(load({{"EMPORIUM_ORDER_PAYMENT_TIMEOUT", "0"}}), ConfigError);
  EXPECT_THROW(load({{"EMPORIUM_CART_MAX_QUANTITY", "-1"}}), ConfigError);
}

}  // namespace
}  // namespace emporium::app
