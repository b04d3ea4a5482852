// The configuration of what the server talks to: payment providers, the invoice's seller block, SMTP and
// webhook delivery.

#include <cctype>

#include "app/config_reader.hpp"

namespace emporium::app {
namespace {
using std::chrono::milliseconds;

// "5s,5m,30m,2h": delays between attempts, each a number with ms, s, m or h.
std::vector<milliseconds> parse_schedule(const char* name, const std::string& text) {
  std::vector<milliseconds> schedule;
  for (const auto piece : split_list(text, ',')) {
    const std::string entry(piece);
    std::size_t digits = 0;
    while (digits < entry.size() && std::isdigit(static_cast<unsigned char>(entry[digits]))) ++digits;
    const auto unit = entry.substr(digits);
    if (digits == 0 || digits > 9) throw ConfigError(std::string(name) + " entries must look like 500ms, 5s, 5m or 2h");
    const auto amount = std::stoll(entry.substr(0, digits));
    if (unit == "ms")
      schedule.emplace_back(amount);
    else if (unit == "s")
      schedule.emplace_back(std::chrono::seconds(amount));
    else if (unit == "m")
      schedule.emplace_back(std::chrono::minutes(amount));
    else if (unit == "h")
      schedule.emplace_back(std::chrono::hours(amount));
    else
      throw ConfigError(std::string(name) + " entries must look like 500ms, 5s, 5m or 2h, got \"" + entry + "\"");
  }
  if (schedule.empty() || schedule.size() > 30) throw ConfigError(std::string(name) + " must list 1 to 30 delays");
  return schedule;
}

void read_payments(const Reader& env, Config& config) {
  config.stripe_secret_key = env.text("EMPORIUM_STRIPE_SECRET_KEY").value_or("");
  config.stripe_webhook_secret = env.text("EMPORIUM_STRIPE_WEBHOOK_SECRET").value_or("");
  if (!config.stripe_secret_key.empty() && config.stripe_webhook_secret.empty())
    throw ConfigError("EMPORIUM_STRIPE_WEBHOOK_SECRET must be set with EMPORIUM_STRIPE_SECRET_KEY (whsec_…)");
  env.base_url("EMPORIUM_STRIPE_API_BASE", config.stripe_api_base);
  config.paypal_client_id = env.text("EMPORIUM_PAYPAL_CLIENT_ID").value_or("");
  config.paypal_client_secret = env.text("EMPORIUM_PAYPAL_CLIENT_SECRET").value_or("");
  config.paypal_webhook_id = env.text("EMPORIUM_PAYPAL_WEBHOOK_ID").value_or("");
  const bool any_paypal = !config.paypal_client_id.empty() || !config.paypal_client_secret.empty();
  if (any_paypal &&
      (config.paypal_client_id.empty() || config.paypal_client_secret.empty() || config.paypal_webhook_id.empty()))
    throw ConfigError(
        "EMPORIUM_PAYPAL_CLIENT_ID, EMPORIUM_PAYPAL_CLIENT_SECRET and EMPORIUM_PAYPAL_WEBHOOK_ID go together");
  env.base_url("EMPORIUM_PAYPAL_API_BASE", config.paypal_api_base);
  config.paypal_return_url = env.text("EMPORIUM_PAYPAL_RETURN_URL").value_or("");
  config.paypal_cancel_url = env.text("EMPORIUM_PAYPAL_CANCEL_URL").value_or("");
  env.millis("EMPORIUM_PAYMENT_PROVIDER_TIMEOUT_MS", config.payment_provider_timeout, 100, 120'000);
  if (auto action = env.text("EMPORIUM_PAYMENT_FAILED_ACTION")) {
    const auto lower = to_lower_ascii(*action);
    if (lower != "retry" && lower != "cancel")
      throw ConfigError("EMPORIUM_PAYMENT_FAILED_ACTION must be retry or cancel, got \"" + *action + "\"");
    config.cancel_on_payment_failure = lower == "cancel";
  }
}

void read_store(const Reader& env, Config& config) {
  if (auto name = env.text("EMPORIUM_STORE_NAME")) config.store_name = *name;
  if (auto address = env.text("EMPORIUM_STORE_ADDRESS")) {
    config.store_address.clear();
    for (const auto line : split_list(*address, '|')) config.store_address.emplace_back(line);
  }
  config.store_tax_id = env.text("EMPORIUM_STORE_TAX_ID").value_or("");
  config.store_email = env.text("EMPORIUM_STORE_EMAIL").value_or("");
}

void read_events_out(const Reader& env, Config& config) {
  if (auto url = env.text("EMPORIUM_SMTP_URL")) {
    if (!url->starts_with("smtp://") && !url->starts_with("smtps://"))
      throw ConfigError("EMPORIUM_SMTP_URL must start with smtp:// or smtps://");
    config.smtp_url = *url;
  }
  env.base_url("EMPORIUM_STOREFRONT_URL", config.storefront_url);
  env.millis("EMPORIUM_EVENTS_INTERVAL_MS", config.events_interval, 10, 600'000);
  if (auto schedule = env.text("EMPORIUM_MAIL_RETRY_SCHEDULE"))
    config.mail_retry_schedule = parse_schedule("EMPORIUM_MAIL_RETRY_SCHEDULE", *schedule);
  if (auto schedule = env.text("EMPORIUM_WEBHOOK_RETRY_SCHEDULE"))
    config.webhook_retry_schedule = parse_schedule("EMPORIUM_WEBHOOK_RETRY_SCHEDULE", *schedule);
  env.millis("EMPORIUM_WEBHOOK_TIMEOUT_MS", config.webhook_timeout, 100, 60'000);
  env.boolean("EMPORIUM_WEBHOOKS_ALLOW_PRIVATE", config.webhooks_allow_private);
  env.boolean("EMPORIUM_WEBHOOKS_ALLOW_HTTP", config.webhooks_allow_http);
}
}  // namespace

void Reader::boolean(const char* name, bool& out) const {
  const auto value = text(name);
  if (!value) return;
  const auto lower = to_lower_ascii(*value);
  if (lower == "true" || lower == "1" || lower == "yes")
    out = true;
  else if (lower == "false" || lower == "0" || lower == "no")
    out = false;
  else
    throw ConfigError(std::string(name) + " must be true or false, got \"" + *value + "\"");
}

void Reader::base_url(const char* name, std::string& out) const {
  const auto value = text(name);
  if (!value) return;
  if ((!value->starts_with("https://") && !value->starts_with("http://")) || value->back() == '/')
    throw ConfigError(std::string(name) + " must be an http(s) URL without a trailing '/'");
  out = *value;
}

std::vector<milliseconds> Config::default_mail_retry_schedule() {
  using namespace std::chrono_literals;
  return {10s, 1min, 5min, 30min, 2h, 6h};
}

// The Standard Webhooks schedule: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h.
std::vector<milliseconds> Config::default_webhook_retry_schedule() {
  using namespace std::chrono_literals;
  return {5s, 5min, 30min, 2h, 5h, 10h, 14h, 20h, 24h};
}

void read_integrations(const Reader& env, Config& config) {
  read_payments(env, config);
  read_store(env, config);
  read_events_out(env, config);
}

}  // namespace emporium::app
