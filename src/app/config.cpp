#include "app/config.hpp"

#include <cctype>
#include <cstdlib>
#include <thread>

#include "app/config_reader.hpp"
#include "support/strings.hpp"

namespace emporium::app {
namespace {

log::Level parse_level(const std::string& text) {
  const auto lower = to_lower_ascii(text);
  if (lower == "debug") return log::Level::Debug;
  if (lower == "info") return log::Level::Info;
  if (lower == "warn" || lower == "warning") return log::Level::Warn;
  if (lower == "error") return log::Level::Error;
  throw ConfigError("EMPORIUM_LOG_LEVEL must be debug, info, warn or error, got \"" + text + "\"");
}

log::Format parse_format(const std::string& text) {
  const auto lower = to_lower_ascii(text);
  if (lower == "json") return log::Format::Json;
  if (lower == "text") return log::Format::Text;
  throw ConfigError("EMPORIUM_LOG_FORMAT must be json or text, got \"" + text + "\"");
}

std::vector<std::string> parse_origins(const std::string& text) {
  std::vector<std::string> origins;
  for (const auto origin : split_list(text, ',')) {
    const bool plausible = origin == "*" || origin.starts_with("http://") || origin.starts_with("https://");
    if (!plausible || (origin != "*" && origin.back() == '/'))
      throw ConfigError("EMPORIUM_CORS_ORIGINS entries must be origins like https://shop.example (no path) or *");
    origins.emplace_back(origin);
  }
  return origins;
}

void read_server(const Reader& env, Config& config) {
  if (auto host = env.text("EMPORIUM_HOST")) config.host = *host;
  env.integer("EMPORIUM_PORT", config.port, 0, 65535);
  config.threads = std::max(1u, std::thread::hardware_concurrency());
  env.integer("EMPORIUM_THREADS", config.threads, 1, 256);
  env.integer("EMPORIUM_MAX_CONNECTIONS", config.max_connections, 1, 1'000'000);
  env.integer("EMPORIUM_MAX_BODY_BYTES", config.max_body_bytes, 1024, 64 * 1024 * 1024);
  env.millis("EMPORIUM_HEADER_TIMEOUT_MS", config.header_timeout, 100, 600'000);
  env.millis("EMPORIUM_IDLE_TIMEOUT_MS", config.idle_timeout, 100, 3'600'000);
  env.millis("EMPORIUM_SHUTDOWN_GRACE_MS", config.shutdown_grace, 0, 600'000);
  if (auto origins = env.text("EMPORIUM_CORS_ORIGINS")) config.cors_origins = parse_origins(*origins);
  env.integer("EMPORIUM_RATE_LIMIT_ANON", config.rate_limit_anonymous, 1, 1'000'000'000'000);
  env.integer("EMPORIUM_RATE_LIMIT_USER", config.rate_limit_authenticated, 1, 1'000'000'000'000);
  if (auto token = env.text("EMPORIUM_METRICS_TOKEN")) config.metrics_token = *token;
}

void read_storage(const Reader& env, Config& config) {
  if (auto dir = env.text("EMPORIUM_DATA_DIR")) config.data_dir = *dir;
  config.database_url = env.text("EMPORIUM_DATABASE_URL").value_or("sqlite://" + config.data_dir + "/emporium.db");
  const auto& url = config.database_url;
  if (!url.starts_with("sqlite://") && !url.starts_with("postgres://") && !url.starts_with("postgresql://"))
    throw ConfigError("EMPORIUM_DATABASE_URL must start with sqlite:// or postgres://");
  if (auto redis = env.text("EMPORIUM_REDIS_URL")) {
    if (!redis->starts_with("redis://")) throw ConfigError("EMPORIUM_REDIS_URL must start with redis://");
    config.redis_url = *redis;
  }
  env.integer("EMPORIUM_DATABASE_POOL_SIZE", config.database_pool_size, 1, 1000);
  env.millis("EMPORIUM_DATABASE_POOL_TIMEOUT_MS", config.database_pool_timeout, 10, 60'000);
  env.millis("EMPORIUM_DATABASE_STATEMENT_TIMEOUT_MS", config.database_statement_timeout, 10, 600'000);
}

void read_catalog(const Reader& env, Config& config) {
  if (auto url = env.text("EMPORIUM_MEDIA_BASE_URL")) {
    if (url->empty() || url->back() == '/') throw ConfigError("EMPORIUM_MEDIA_BASE_URL must not end with '/'");
    config.media_base_url = *url;
  }
  env.integer("EMPORIUM_MEDIA_MAX_BYTES", config.media_max_bytes, 1024, 256 * 1024 * 1024);
  env.integer("EMPORIUM_MEDIA_MAX_PIXELS", config.media_max_pixels, 1, 1'000'000'000);
  env.integer("EMPORIUM_CATALOG_CACHE_ENTRIES", config.catalog_cache_entries, 0, 10'000'000);
  env.integer("EMPORIUM_CATALOG_CACHE_BYTES", config.catalog_cache_bytes, 0, std::size_t{64} * 1024 * 1024 * 1024);
}

void read_accounts(const Reader& env, Config& config) {
  config.jwt_secret = env.text("EMPORIUM_JWT_SECRET");
  if (config.jwt_secret && config.jwt_secret->size() < 32)
    throw ConfigError("EMPORIUM_JWT_SECRET must be at least 32 bytes (256 bits)");
  std::int64_t seconds = config.access_token_lifetime.count();
  env.integer("EMPORIUM_ACCESS_TOKEN_TTL_SECONDS", seconds, 60, 24 * 3600);
  config.access_token_lifetime = std::chrono::seconds(seconds);
  seconds = config.session_idle_timeout.count();
  env.integer("EMPORIUM_SESSION_IDLE_TIMEOUT_SECONDS", seconds, 60, 365 * 24 * 3600);
  config.session_idle_timeout = std::chrono::seconds(seconds);
  seconds = config.session_max_age.count();
  env.integer("EMPORIUM_SESSION_MAX_AGE_SECONDS", seconds, 60, 365 * 24 * 3600);
  config.session_max_age = std::chrono::seconds(seconds);
  env.integer("EMPORIUM_PASSWORD_HASH_MEMORY_KIB", config.password_hash_memory_kib, 8, 4 * 1024 * 1024);
  env.integer("EMPORIUM_PASSWORD_HASH_ITERATIONS", config.password_hash_iterations, 1, 20);
  if (auto url = env.text("EMPORIUM_PASSWORD_RESET_URL")) {
    if (!url->starts_with("https://") && !url->starts_with("http://"))
      throw ConfigError("EMPORIUM_PASSWORD_RESET_URL must be an http(s) URL");
    config.password_reset_url = *url;
  }
  if (auto from = env.text("EMPORIUM_MAIL_FROM")) config.mail_from = *from;
}

// "DE=19,FR=20,GB=20,CH=8.1": percent with up to two decimals, per ISO 3166-1 alpha-2 country.
std::map<std::string, std::int64_t> parse_tax_rates(const std::string& text) {
  const auto fail = [&] {
    return ConfigError("EMPORIUM_TAX_RATES must look like \"DE=19,FR=20,CH=8.1\" (country=percent), got \"" + text +
                       "\"");
  };
  std::map<std::string, std::int64_t> rates;
  for (const auto piece : split_list(text, ',')) {
    const std::string entry(piece);
    const auto equals = entry.find('=');
    if (equals != 2) throw fail();
    std::string country = entry.substr(0, 2);
    if (!std::isupper(static_cast<unsigned char>(country[0])) || !std::isupper(static_cast<unsigned char>(country[1])))
      throw fail();
    const auto percent = entry.substr(3);
    const auto dot = percent.find('.');
    const auto whole_text = percent.substr(0, dot);
    const auto fraction_text = dot == std::string::npos ? std::string() : percent.substr(dot + 1);
    if (whole_text.empty() || whole_text.size() > 2 || fraction_text.size() > 2 ||
        (dot != std::string::npos && fraction_text.empty()))
      throw fail();
    std::int64_t basis_points = 0;
    for (char c : whole_text + (fraction_text + "00").substr(0, 2)) {
      if (c < '0' || c > '9') throw fail();
      basis_points = basis_points * 10 + (c - '0');
    }
    rates[country] = basis_points;
  }
  return rates;
}

void read_commerce(const Reader& env, Config& config) {
  env.integer("EMPORIUM_CART_MAX_QUANTITY", config.cart_max_line_quantity, 1, 10'000);
  env.integer("EMPORIUM_CART_MAX_LINES", config.cart_max_lines, 1, 500);
  env.integer("EMPORIUM_SHIPPING_FLAT_RATE", config.shipping_flat_rate, 0, 100'000'000);
  if (auto free_from = env.text("EMPORIUM_SHIPPING_FREE_FROM"); free_from && to_lower_ascii(*free_from) == "never") {
    config.shipping_free_from.reset();
  } else {
    std::int64_t threshold = config.shipping_free_from.value_or(0);
    env.integer("EMPORIUM_SHIPPING_FREE_FROM", threshold, 0, 100'000'000'000);
    config.shipping_free_from = threshold;
  }
  if (auto rates = env.text("EMPORIUM_TAX_RATES")) config.tax_rates = parse_tax_rates(*rates);
  std::int64_t seconds = config.order_payment_timeout.count();
  env.integer("EMPORIUM_ORDER_PAYMENT_TIMEOUT", seconds, 1, 30 * 24 * 3600);
  config.order_payment_timeout = std::chrono::seconds(seconds);
  env.millis("EMPORIUM_ORDER_EXPIRY_INTERVAL_MS", config.order_expiry_interval, 100, 3'600'000);
  env.integer("EMPORIUM_COUPON_WRONG_GUESSES", config.coupon_wrong_guesses, 1, 1'000'000);
  seconds = config.coupon_guess_window.count();
  env.integer("EMPORIUM_COUPON_GUESS_WINDOW_SECONDS", seconds, 1, 24 * 3600);
  config.coupon_guess_window = std::chrono::seconds(seconds);
}

}  // namespace

Environment process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

Config load_config(const Environment& environment) {
  const Reader env(environment);
  Config config;
  read_server(env, config);
  read_storage(env, config);
  read_catalog(env, config);
  read_accounts(env, config);
  read_commerce(env, config);
  read_integrations(env, config);
  if (auto level = env.text("EMPORIUM_LOG_LEVEL")) config.log_level = parse_level(*level);
  if (auto format = env.text("EMPORIUM_LOG_FORMAT")) config.log_format = parse_format(*format);
  return config;
}

}  // namespace emporium::app
