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

void expect_refused(const std::map<std::string, std::string>& variables, const std::string& named) {
  try {
    load(variables);
    ADD_FAILURE() << named << " was accepted";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find(named), std::string::npos) << error.what();
  }
}

TEST(IntegrationsConfig, DefaultsOfferNoCardProviderAndDeliverSafely) {
  const auto config = load({});
  EXPECT_TRUE(config.stripe_secret_key.empty());
  EXPECT_TRUE(config.paypal_client_id.empty());
  EXPECT_EQ(config.stripe_api_base, "https://api.stripe.com");
  EXPECT_EQ(config.paypal_api_base, "https://api-m.paypal.com");
  EXPECT_FALSE(config.cancel_on_payment_failure);
  EXPECT_TRUE(config.smtp_url.empty());
  EXPECT_FALSE(config.webhooks_allow_private);
  EXPECT_FALSE(config.webhooks_allow_http);
  using namespace std::chrono_literals;
  const std::vector<std::chrono::milliseconds> standard{5s, 5min, 30min, 2h, 5h, 10h, 14h, 20h, 24h};
  EXPECT_EQ(config.webhook_retry_schedule, standard);
}

TEST(IntegrationsConfig, ReadsProvidersStoreAndSchedules) {
  const auto config = load({{"EMPORIUM_STRIPE_SECRET_KEY", "sk_test_1"},
                            {"EMPORIUM_STRIPE_WEBHOOK_SECRET", "whsec_1"},
                            {"EMPORIUM_STRIPE_API_BASE", "http://127.0.0.1:9000"},
                            {"EMPORIUM_PAYMENT_FAILED_ACTION", "Cancel"},
                            {"EMPORIUM_STORE_ADDRESS", "Hauptstr. 1|10115 Berlin|Germany"},
                            {"EMPORIUM_WEBHOOK_RETRY_SCHEDULE", "100ms, 2s,1m,1h"},
                            {"EMPORIUM_WEBHOOKS_ALLOW_PRIVATE", "true"},
                            {"EMPORIUM_SMTP_URL", "smtp://user:pw@127.0.0.1:2525"}});
  EXPECT_EQ(config.stripe_api_base, "http://127.0.0.1:9000");
  EXPECT_TRUE(config.cancel_on_payment_failure);
  EXPECT_EQ(config.store_address, (std::vector<std::string>{"Hauptstr. 1", "10115 Berlin", "Germany"}));
  using namespace std::chrono_literals;
  EXPECT_EQ(config.webhook_retry_schedule, (std::vector<std::chrono::milliseconds>{100ms, 2s, 1min, 1h}));
  EXPECT_TRUE(config.webhooks_allow_private);
  EXPECT_EQ(config.smtp_url, "smtp://user:pw@127.0.0.1:2525");
}

TEST(IntegrationsConfig, RefusesHalfConfiguredProvidersAndBadValues) {
  expect_refused({{"EMPORIUM_STRIPE_SECRET_KEY", "sk_test_1"}}, "EMPORIUM_STRIPE_WEBHOOK_SECRET");
  expect_refused({{"EMPORIUM_PAYPAL_CLIENT_ID", "id"}}, "EMPORIUM_PAYPAL_CLIENT_SECRET");
  expect_refused({{"EMPORIUM_STRIPE_API_BASE", "https://api.stripe.com/"}}, "EMPORIUM_STRIPE_API_BASE");
  expect_refused({{"EMPORIUM_PAYPAL_API_BASE", "ftp://x"}}, "EMPORIUM_PAYPAL_API_BASE");
  expect_refused({{"EMPORIUM_PAYMENT_FAILED_ACTION", "ignore"}}, "EMPORIUM_PAYMENT_FAILED_ACTION");
  expect_refused({{"EMPORIUM_SMTP_URL", "http://mail"}}, "EMPORIUM_SMTP_URL");
  expect_refused({{"EMPORIUM_WEBHOOKS_ALLOW_PRIVATE", "maybe"}}, "EMPORIUM_WEBHOOKS_ALLOW_PRIVATE");
  for (const auto* bad : {"5", "5d", "s", "-1s", "5s,5x", "1000000000s"})
    expect_refused({{"EMPORIUM_MAIL_RETRY_SCHEDULE", bad}}, "EMPORIUM_MAIL_RETRY_SCHEDULE");
}

}  // namespace
}  // namespace emporium::app
