#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/log.hpp"

namespace emporium::app {

// Everything the server reads from its environment, with the defaults documented in the README.
struct Config {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string data_dir = "./data";
  std::string database_url;  // default: sqlite://<data_dir>/emporium.db
  std::string redis_url;     // empty: in-process cache and rate limits
  std::size_t threads = 0;   // I/O threads; default: the number of cores
  log::Level log_level = log::Level::Info;
  log::Format log_format = log::Format::Json;
  std::vector<std::string> cors_origins;
  std::int64_t rate_limit_anonymous = 300;       // requests per minute per IP
  std::int64_t rate_limit_authenticated = 1200;  // requests per minute per user or API key
  std::size_t max_connections = 10'000;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{30'000};
  std::size_t database_pool_size = 16;
  std::chrono::milliseconds database_pool_timeout{2000};
  std::chrono::milliseconds database_statement_timeout{5000};
  std::string metrics_token;

  // Catalog
  std::string media_base_url = "/media";           // prefix of image URLs (a CDN in front: its URL)
  std::size_t media_max_bytes = 20 * 1024 * 1024;  // per uploaded image
  std::uint64_t media_max_pixels = 40'000'000;     // width × height of the decoded frame, from the header
  std::size_t catalog_cache_entries = 20'000;
  std::size_t catalog_cache_bytes = 64 * 1024 * 1024;

  // Accounts
  std::optional<std::string> jwt_secret;  // unset: a random key kept in <data_dir>/jwt.key
  std::chrono::seconds access_token_lifetime{15 * 60};
  std::chrono::seconds session_idle_timeout{7 * 24 * 3600};
  std::chrono::seconds session_max_age{30 * 24 * 3600};
  std::size_t password_hash_memory_kib = 19 * 1024;  // Argon2id m; OWASP's minimum
  std::uint64_t password_hash_iterations = 2;        // Argon2id t
  std::string password_reset_url;                    // the storefront page that takes ?token=
  std::string mail_from = "Emporium <no-reply@emporium.invalid>";

  // Commerce
  std::int64_t cart_max_line_quantity = 99;                 // per cart line and order item
  std::int64_t cart_max_lines = 50;                         // distinct lines in a cart or an order
  std::int64_t shipping_flat_rate = 500;                    // minor units of the basket's currency
  std::optional<std::int64_t> shipping_free_from = 5000;    // goods after discount; unset: never free
  std::map<std::string, std::int64_t> tax_rates;            // country → basis points (1900 = 19 %)
  std::chrono::seconds order_payment_timeout{30 * 60};      // unpaid orders expire and release their stock
  std::chrono::milliseconds order_expiry_interval{30'000};  // how often the expiry job looks
  std::int64_t coupon_wrong_guesses = 10;                   // per user and per IP in coupon_guess_window
  std::chrono::seconds coupon_guess_window{15 * 60};

  // Payments (a provider whose keys are unset is not offered: 422 payment_method_unavailable)
  std::string stripe_secret_key;
  std::string stripe_webhook_secret;
  std::string stripe_api_base = "https://api.stripe.com";
  std::string paypal_client_id;
  std::string paypal_client_secret;
  std::string paypal_webhook_id;
  std::string paypal_api_base = "https://api-m.paypal.com";
  std::string paypal_return_url;  // the storefront page PayPal sends the buyer back to after approving
  std::string paypal_cancel_url;
  std::chrono::milliseconds payment_provider_timeout{15'000};  // whole request to Stripe or PayPal
  bool cancel_on_payment_failure = false;  // EMPORIUM_PAYMENT_FAILED_ACTION: retry (default) | cancel

  // Invoices: the seller block of every invoice
  std::string store_name = "Emporium";
  std::vector<std::string> store_address;  // EMPORIUM_STORE_ADDRESS, lines separated by '|'
  std::string store_tax_id;
  std::string store_email;

  // Events out
  std::string smtp_url;        // smtp://user:password@host:587 or smtps://…; empty: .eml files in <data_dir>/outbox
  std::string storefront_url;  // links in e-mails ("view your order"); empty: no links
  std::chrono::milliseconds events_interval{1000};  // how often event dispatch and delivery workers look
  std::vector<std::chrono::milliseconds> mail_retry_schedule = default_mail_retry_schedule();
  std::vector<std::chrono::milliseconds> webhook_retry_schedule = default_webhook_retry_schedule();
  std::chrono::milliseconds webhook_timeout{10'000};  // connect + request + response, per delivery attempt
  bool webhooks_allow_private = false;  // deliver to loopback and private addresses (tests, closed networks)
  bool webhooks_allow_http = false;     // accept http:// endpoints (tests); https only otherwise

  static std::vector<std::chrono::milliseconds> default_mail_retry_schedule();
  static std::vector<std::chrono::milliseconds> default_webhook_retry_schedule();
};

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Environment = std::function<std::optional<std::string>(const char* name)>;
Environment process_environment();

// Reads and validates the configuration; throws ConfigError naming the variable and what is wrong.
Config load_config(const Environment& environment);

}  // namespace emporium::app
