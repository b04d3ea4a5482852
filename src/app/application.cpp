#include "app/application.hpp"

#include <filesystem>
#include <stdexcept>

#include "app/routes.hpp"
#include "cart/cart_module.hpp"
#include "catalog/catalog_module.hpp"
#include "coupons/coupons_module.hpp"
#include "events/event_dispatcher.hpp"
#include "events/event_log.hpp"
#include "http/authenticator.hpp"
#include "http/http_metrics.hpp"
#include "http/middleware/access_log.hpp"
#include "http/middleware/auth.hpp"
#include "http/middleware/body_limit.hpp"
#include "http/middleware/cors.hpp"
#include "http/middleware/memory_rate_limiter.hpp"
#include "http/middleware/metrics.hpp"
#include "http/middleware/rate_limit.hpp"
#include "http/middleware/request_id.hpp"
#include "http/server.hpp"
#include "inventory/inventory_module.hpp"
#include "inventory/stock_ledger.hpp"
#include "invoices/invoices_module.hpp"
#include "notifications/notifications_module.hpp"
#include "operations/metrics_registry.hpp"
#include "operations/process_metrics.hpp"
#include "orders/orders_module.hpp"
#include "outbound/http_client.hpp"
#include "payments/payments_module.hpp"
#include "pricing/pricing.hpp"
#include "reviews/reviews_module.hpp"
#include "storage/migrator.hpp"
#include "storage/open_database.hpp"
#include "support/log.hpp"
#include "support/periodic_job.hpp"
#include "users/jwt_key.hpp"
#include "users/users_module.hpp"
#include "webhooks/webhooks_module.hpp"

namespace emporium::app {
namespace {

// Events per dispatch transaction: small, because planning renders mail while holding SQLite's one writer lock,
// and orders wait behind it.
constexpr std::size_t kDispatchBatch = 16;

void ensure_data_dir(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) throw std::runtime_error("cannot create EMPORIUM_DATA_DIR " + path + ": " + error.message());
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_all | std::filesystem::perms::group_read | std::filesystem::perms::group_exec,
      error);
}

http::ServerOptions server_options(const Config& config, storage::Backend backend) {
  http::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.io_threads = config.threads;
  options.cpu_threads = config.threads;
  options.blocking_threads = config.database_pool_size;
  options.embedded_database = backend == storage::Backend::Sqlite;
  options.max_connections = config.max_connections;
  options.default_body_limit = config.max_body_bytes;
  options.header_timeout = config.header_timeout;
  options.idle_timeout = config.idle_timeout;
  options.shutdown_grace = config.shutdown_grace;
  return options;
}

// The middleware chain, in the order the foundation issue fixes: request id, access log, metrics,
// CORS and security headers, body limits, rate limit, authentication; the router's handler ends it.
void build_pipeline(http::Pipeline& pipeline, const Config& config, IdGenerator& ids, http::HttpMetrics& metrics,
                    http::RateLimiter& limiter, http::Authenticator& authenticator) {
  pipeline.use(std::make_unique<http::RequestIdMiddleware>(ids));
  pipeline.use(std::make_unique<http::AccessLogMiddleware>());
  pipeline.use(std::make_unique<http::MetricsMiddleware>(metrics));
  pipeline.use(std::make_unique<http::CorsMiddleware>(http::CorsPolicy{config.cors_origins}));
  pipeline.use(std::make_unique<http::BodyLimitMiddleware>());
  pipeline.use(std::make_unique<http::RateLimitMiddleware>(
      limiter, authenticator,
      http::RateLimits{.anonymous_per_minute = config.rate_limit_anonymous,
                       .authenticated_per_minute = config.rate_limit_authenticated}));
  pipeline.use(std::make_unique<http::AuthMiddleware>(authenticator));
}

users::UsersSettings users_settings(const Config& config) {
  users::UsersSettings settings;
  settings.jwt_key = users::load_jwt_key(config.jwt_secret, config.data_dir);
  settings.access_token_lifetime = config.access_token_lifetime;
  settings.sessions = {.idle_timeout = config.session_idle_timeout, .max_age = config.session_max_age};
  settings.hashing = {.memory_kib = config.password_hash_memory_kib, .iterations = config.password_hash_iterations};
  settings.resets.reset_url = config.password_reset_url;
  return settings;
}

catalog::CatalogSettings catalog_settings(const Config& config) {
  catalog::CatalogSettings settings;
  settings.media_dir = config.data_dir + "/media";
  settings.media_base_url = config.media_base_url;
  settings.images = {.max_bytes = config.media_max_bytes, .max_pixels = config.media_max_pixels};
  settings.cache = {.max_entries = config.catalog_cache_entries, .max_bytes = config.catalog_cache_bytes};
  return settings;
}

orders::OrdersSettings orders_settings(const Config& config) {
  return {.max_line_quantity = config.cart_max_line_quantity,
          .max_lines = config.cart_max_lines,
          .payment_timeout = config.order_payment_timeout,
          .expiry_interval = config.order_expiry_interval};
}

payments::PaymentsSettings payments_settings(const Config& config) {
  return {.stripe = {.secret_key = config.stripe_secret_key,
                     .webhook_secret = config.stripe_webhook_secret,
                     .api_base = config.stripe_api_base,
                     .timeout = config.payment_provider_timeout},
          .paypal = {.client_id = config.paypal_client_id,
                     .client_secret = config.paypal_client_secret,
                     .webhook_id = config.paypal_webhook_id,
                     .api_base = config.paypal_api_base,
                     .return_url = config.paypal_return_url,
                     .cancel_url = config.paypal_cancel_url,
                     .timeout = config.payment_provider_timeout},
          .cancel_on_failure = config.cancel_on_payment_failure};
}

notifications::MailSettings mail_settings(const Config& config) {
  return {.smtp_url = config.smtp_url,
          .outbox_dir = config.data_dir + "/outbox",
          .from = config.mail_from,
          .store_name = config.store_name,
          .storefront_url = config.storefront_url,
          .retry_schedule = config.mail_retry_schedule,
          .interval = config.events_interval};
}

webhooks::WebhookSettings webhook_settings(const Config& config) {
  return {.allow_private = config.webhooks_allow_private,
          .allow_http = config.webhooks_allow_http,
          .retry_schedule = config.webhook_retry_schedule,
          .timeout = config.webhook_timeout,
          .interval = config.events_interval};
}

}  // namespace

Application::Application(Config config) : config_(std::move(config)) {}
Application::~Application() = default;

users::UsersModule& Application::users() {
  if (!users_) throw std::logic_error("users used before build_services()");
  return *users_;
}

void Application::build_services() {
  if (users_) return;
  auto& database = this->database();
  audit_ = std::make_unique<audit::AuditLog>(ids_, clock_);
  notifications_ = std::make_unique<notifications::NotificationsModule>(database, ids_, clock_, mail_settings(config_));
  users_ = std::make_unique<users::UsersModule>(users::UsersContext{database, ids_, clock_, *audit_},
                                                notifications_->mailer(), users_settings(config_));
  events_ = std::make_unique<events::EventLog>(ids_, clock_);
  stock_ = std::make_unique<inventory::StockLedger>(ids_, clock_, *events_);
  catalog_ = std::make_unique<catalog::CatalogModule>(database, ids_, clock_, *audit_, *stock_, *events_,
                                                      catalog_settings(config_));
  build_commerce();
}

void Application::build_commerce() {
  auto& database = this->database();
  inventory_ = std::make_unique<inventory::InventoryModule>(database, ids_, clock_, *audit_, *catalog_, *stock_);
  shipping_ = std::make_unique<pricing::FlatRateShipping>(config_.shipping_flat_rate, config_.shipping_free_from);
  tax_ = std::make_unique<pricing::CountryTaxRates>(config_.tax_rates);
  const pricing::PricingRules pricing{.shipping = *shipping_, .tax = *tax_};
  coupons_ =
      std::make_unique<coupons::CouponsModule>(database, ids_, clock_, *audit_,
                                               coupons::CouponSettings{.wrong_guesses = config_.coupon_wrong_guesses,
                                                                       .guess_window = config_.coupon_guess_window});
  cart_ = std::make_unique<cart::CartModule>(
      database, ids_, clock_, *catalog_, coupons_->redemptions(), pricing, users_->addresses(),
      cart::CartSettings{.max_line_quantity = config_.cart_max_line_quantity, .max_lines = config_.cart_max_lines});
  orders_ = std::make_unique<orders::OrdersModule>(orders::OrdersDependencies{.database = database,
                                                                              .ids = ids_,
                                                                              .clock = clock_,
                                                                              .audit = *audit_,
                                                                              .events = *events_,
                                                                              .catalog = *catalog_,
                                                                              .ledger = *stock_,
                                                                              .coupons = coupons_->redemptions(),
                                                                              .pricing = pricing,
                                                                              .addresses = users_->addresses()},
                                                   orders_settings(config_));
  reviews_ = std::make_unique<reviews::ReviewsModule>(database, ids_, clock_, *audit_, *events_, *catalog_);
  build_events_out();
}

// Payments, invoices, webhooks, and the dispatcher that hands every recorded event to mail and webhooks.
void Application::build_events_out() {
  auto& database = this->database();
  http_client_ = std::make_unique<outbound::CurlHttpClient>();
  payments_ = std::make_unique<payments::PaymentsModule>(payments::PaymentsDependencies{.database = database,
                                                                                        .ids = ids_,
                                                                                        .clock = clock_,
                                                                                        .audit = *audit_,
                                                                                        .events = *events_,
                                                                                        .orders = *orders_,
                                                                                        .http = *http_client_},
                                                         payments_settings(config_));
  invoices_ = std::make_unique<invoices::InvoicesModule>(database, *orders_,
                                                         invoices::StoreDetails{.name = config_.store_name,
                                                                                .address = config_.store_address,
                                                                                .tax_id = config_.store_tax_id,
                                                                                .email = config_.store_email});
  webhooks_ =
      std::make_unique<webhooks::WebhooksModule>(webhooks::WebhooksDependencies{.database = database,
                                                                                .ids = ids_,
                                                                                .clock = clock_,
                                                                                .audit = *audit_,
                                                                                .http = *http_client_,
                                                                                .mailer = notifications_->mailer()},
                                                 webhook_settings(config_));
  dispatcher_ = std::make_unique<events::EventDispatcher>(database, clock_);
  dispatcher_->add(notifications_->consumer());
  dispatcher_->add(webhooks_->consumer());
  dispatch_job_ =
      std::make_unique<PeriodicJob>("event dispatch", config_.events_interval, [this](const auto& stopping) {
        while (!stopping() && dispatcher_->dispatch_batch(kDispatchBatch) > 0) {
        }
      });
}

void Application::start_jobs() {
  orders_->start_jobs();
  payments_->start_jobs();
  notifications_->start_jobs();
  webhooks_->start_jobs();
  dispatch_job_->start();
}

// The dispatcher first, so that nothing new is planned while the workers finish.
void Application::stop_jobs() {
  dispatch_job_->stop();
  webhooks_->stop_jobs();
  notifications_->stop_jobs();
  payments_->stop_jobs();
  orders_->stop_jobs();
}

orders::OrdersModule& Application::orders() {
  if (!orders_) throw std::logic_error("orders used before build_services()");
  return *orders_;
}

catalog::CatalogModule& Application::catalog() {
  if (!catalog_) throw std::logic_error("catalog used before build_services()");
  return *catalog_;
}

storage::Database& Application::database() {
  if (!database_) throw std::logic_error("database used before open_and_migrate()");
  return *database_;
}

void Application::open_and_migrate() {
  ensure_data_dir(config_.data_dir);
  database_ = storage::open_database({.url = config_.database_url,
                                      .pool_size = config_.database_pool_size,
                                      .pool_timeout = config_.database_pool_timeout,
                                      .statement_timeout = config_.database_statement_timeout});
  storage::Migrator migrator(*database_, storage::migrations_for(database_->backend()), clock_);
  migrator.migrate();
}

void Application::register_routes(http::Router& router, const operations::MetricsRegistry& metrics) {
  build_services();
  RouteDependencies dependencies{.database = database(),
                                 .metrics = metrics,
                                 .metrics_token = config_.metrics_token,
                                 .users = *users_,
                                 .catalog = *catalog_,
                                 .inventory = *inventory_,
                                 .coupons = *coupons_,
                                 .cart = *cart_,
                                 .orders = *orders_,
                                 .reviews = *reviews_,
                                 .payments = *payments_,
                                 .invoices = *invoices_,
                                 .webhooks = *webhooks_};
  register_all_routes(router, dependencies);
}

int Application::serve() {
  if (!config_.redis_url.empty())
    log::warn("EMPORIUM_REDIS_URL is set but this version keeps cache and rate limits in process");
  auto& database = this->database();
  build_services();

  operations::MetricsRegistry registry;
  http::Router router;
  register_routes(router, registry);

  http::HttpMetrics http_metrics(router);
  auto& authenticator = users_->authenticator();
  http::MemoryRateLimiter limiter(clock_, std::chrono::seconds(60));
  http::Pipeline pipeline;
  build_pipeline(pipeline, config_, ids_, http_metrics, limiter, authenticator);

  http::Server server(server_options(config_, database.backend()), router, pipeline, ids_);
  operations::ProcessMetrics process_metrics;
  registry.add(http_metrics);
  registry.add(server.metrics());
  registry.add(database.metrics());
  registry.add(process_metrics);

  server.listen();
  start_jobs();
  log::info("serving", {{"database", storage::to_string(database.backend())},
                        {"threads", static_cast<std::int64_t>(config_.threads)},
                        {"routes", static_cast<std::int64_t>(router.routes().size())}});
  server.run();
  stop_jobs();
  return 0;
}

}  // namespace emporium::app
