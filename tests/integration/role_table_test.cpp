// Every route × every kind of caller × the expected status (the table is in role_table.hpp). The route list
// comes from the server's own route table, so a route without a row, or a row without a route, fails here.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <memory>
#include <set>
#include <string>
#include <thread>

#include "app/application.hpp"
#include "assertions.hpp"
#include "role_table.hpp"
#include "role_table_events.hpp"
#include "sandbox.hpp"

namespace emporium::testing {
namespace json = boost::json;

RoleWorld::RoleWorld(const ServerProcess& server) : server_(server), client_(server.port()) {
  auto& admin = accounts_[static_cast<int>(Caller::Admin)];
  admin = create_account_by_cli(server, client_, "admin", unique_email("admin"));
  accounts_[static_cast<int>(Caller::Vendor)] =
      create_account_by_cli(server, client_, "vendor", unique_email("vendor"));
  accounts_[static_cast<int>(Caller::OtherVendor)] =
      create_account_by_cli(server, client_, "vendor", unique_email("other-vendor"));
  const auto& customer = accounts_[static_cast<int>(Caller::Customer)] =
      register_account(client_, unique_email("customer"));
  managed_user_ = register_account(client_, unique_email("managed"));
  login_target_ = register_account(client_, unique_email("login-target"));

  const auto add_address = [&](const char* city) {
    const auto response =
        send_json(client_, "POST", "/api/users/me/addresses", address_body(city), bearer(customer.access_token));
    if (response.status != 201) throw std::runtime_error("fixture address: " + response.describe());
    return std::string(response.json_object().at("id").as_string());
  };
  customer_address_ = add_address("York");
  customer_address_to_delete_ = add_address("Leeds");

  const auto key = send_json(client_, "POST", "/api/api-keys", json::object{{"name", "to revoke"}},
                             bearer(account(Caller::Vendor).access_token));
  if (key.status != 201) throw std::runtime_error("fixture API key: " + key.describe());
  vendor_key_to_revoke_ = std::string(key.json_object().at("id").as_string());

  const auto& vendor = account(Caller::Vendor);
  category_ = str(create_category(client_, account(Caller::Admin), "Table " + unique_tag("c")).at("id"));
  product_ = str(
      create_product(client_, vendor, with(product_body(unique_sku("TABLE")), "categoryId", json::string(category_)))
          .at("id"));
  variant_product_ = str(create_product(client_, vendor, product_body(unique_sku("TABLE"))).at("id"));
  variant_sku_ = unique_sku("TABLE");
  variant_ = str(add_variant(client_, vendor, variant_product_,
                             {{"sku", variant_sku_}, {"price", 110}, {"options", {{"size", "m"}}}})
                     .at("id"));
  image_product_ = str(create_product(client_, vendor, product_body(unique_sku("TABLE"))).at("id"));
  image_ = fresh_image();
  const auto shown = product_json(client_, image_product_);
  media_url_ = str(shown.at("images").at(0).at("urls").at("thumb"));
  make_commerce_fixtures();
}

void RoleWorld::make_commerce_fixtures() {
  coupon_code_ = unique_code("TABLE");
  coupon_ = str(create_coupon(client_, account(Caller::Admin), coupon_body(coupon_code_)).at("id"));
  cart_item_ = fresh_cart_item();
  order_variant_ = stocked_product(client_, account(Caller::Vendor), 1000);
  order_ = fresh_order();
  review_ = str(created_review(client_, account(Caller::Customer), product_, 4).at("id"));
  webhook_ = fresh_webhook();
}

// Nothing listens on port 9 of loopback: a delivery there fails at once and waits for its next attempt.
constexpr const char* kDeadWebhookUrl = "http://127.0.0.1:9/role-table";

std::string RoleWorld::fresh_webhook() {
  return str(created_webhook(client_, account(Caller::Vendor), kDeadWebhookUrl, {"review.created"}).at("id"));
}

std::string RoleWorld::fresh_delivery() {
  const auto& vendor = account(Caller::Vendor);
  const auto endpoint = str(created_webhook(client_, vendor, kDeadWebhookUrl, {"product.created"}).at("id"));
  fresh_product();
  const auto deadline = std::chrono::steady_clock::now() + kDeliveryDeadline;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& entry : deliveries_of(client_, vendor, endpoint)) {
      const auto& delivery = entry.as_object();
      if (delivery.at("state") == "pending" && delivery.at("attemptCount").to_number<int>() >= 1)
        return endpoint + "/deliveries/" + str(delivery.at("id"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("no failed first attempt for webhook " + endpoint);
}

std::string RoleWorld::fresh_review() {
  return str(created_review(client_, account(Caller::Customer), fresh_product(), 5).at("id"));
}

std::string RoleWorld::fresh_order() {
  return str(placed_order(client_, account(Caller::Customer), order_body({item(order_variant_, 1)})).at("id"));
}

std::string RoleWorld::fresh_paid_order() {
  const auto id = fresh_order();
  moved_to(client_, account(Caller::Admin), id, "paid");
  return id;
}

std::string RoleWorld::fresh_coupon() {
  return str(create_coupon(client_, account(Caller::Admin), coupon_body(unique_code("TABLE"))).at("id"));
}

// A line of a new product in the customer's cart.
std::string RoleWorld::fresh_cart_item() {
  const auto product = fresh_product();
  const auto response =
      add_to_cart(client_, account(Caller::Customer), json::object{{"productId", product}, {"quantity", 1}});
  if (response.status != 200) throw std::runtime_error("fixture cart line: " + response.describe());
  const auto cart = response.json_object();
  for (const auto& item : cart.at("items").as_array()) {
    if (item.at("productId") == json::value(product)) return str(item.at("id"));
  }
  throw std::runtime_error("fixture cart line: not in the cart " + response.describe());
}

std::string RoleWorld::fresh_product() {
  return str(create_product(client_, account(Caller::Vendor), product_body(unique_sku("TABLE"))).at("id"));
}

std::string RoleWorld::fresh_variant() {
  return str(add_variant(client_, account(Caller::Vendor), variant_product_,
                         {{"sku", unique_sku("TABLE")}, {"price", 90}, {"options", {{"size", unique_word()}}}})
                 .at("id"));
}

std::string RoleWorld::fresh_image() {
  const auto response = upload_image(client_, account(Caller::Vendor), image_product_, png_image(8, 8, 20));
  if (response.status != 201) throw std::runtime_error("fixture image: " + response.describe());
  return str(response.json_object().at("id"));
}

std::string RoleWorld::fresh_category() {
  return str(create_category(client_, account(Caller::Admin), "Table " + unique_tag("c")).at("id"));
}

const Account& RoleWorld::account(Caller caller) const { return accounts_.at(static_cast<int>(caller)); }

Account RoleWorld::fresh_account(Caller caller) {
  switch (caller) {
    case Caller::Customer:
      return register_account(client_, unique_email("fresh-customer"));
    case Caller::Vendor:
    case Caller::OtherVendor:
      return promoted_account(client_, account(Caller::Admin), "vendor");
    case Caller::Admin:
      return promoted_account(client_, account(Caller::Admin), "admin");
    case Caller::Anonymous:
      break;
  }
  throw std::logic_error("an anonymous caller has no account");
}

std::string RoleWorld::fresh_refresh_token() { return log_in(client_, login_target_.email).refresh_token; }

std::string RoleWorld::fresh_reset_token() {
  const auto owner = register_account(client_, unique_email("reset"));
  const auto response = send_json(client_, "POST", "/api/auth/password/forgot", json::object{{"email", owner.email}});
  if (response.status != 202) throw std::runtime_error("forgot password: " + response.describe());
  return await_reset_token(server_.sandbox().data_dir(), owner.email);
}

namespace {
using Names = std::set<std::string>;

// "GET /api/users/:id" for every route the server registers, read from the same table serve() builds.
Names server_routes() {
  TempDir dir;
  app::Config config;
  config.data_dir = dir.path().string();
  config.database_url = "sqlite://" + (dir.path() / "emporium.db").string();
  config.password_hash_memory_kib = 8;
  config.password_hash_iterations = 1;
  app::Application application(config);
  application.open_and_migrate();
  operations::MetricsRegistry metrics;
  http::Router router;
  application.register_routes(router, metrics);
  Names names;
  for (const auto& route : router.routes())
    names.insert(std::string(http::to_string(route->method)) + " " + route->path);
  return names;
}

std::string listed(const Names& names) {
  std::string out;
  for (const auto& name : names) out += "\n  " + name;
  return out;
}

TEST(RoleTable, HasARowForEveryRouteAndARouteForEveryRow) {
  const auto routes = server_routes();
  Names rows;
  for (const auto& row : all_role_rows()) {
    EXPECT_TRUE(rows.insert(row.route).second) << "two rows for " << row.route;
  }
  Names missing;
  Names stale;
  for (const auto& route : routes) {
    if (!rows.contains(route)) missing.insert(route);
  }
  for (const auto& row : rows) {
    if (!routes.contains(row)) stale.insert(row);
  }
  EXPECT_TRUE(missing.empty()) << "routes without a row in tests/integration/role_table.hpp (say who may call them):"
                               << listed(missing);
  EXPECT_TRUE(stale.empty()) << "rows in tests/integration/role_table.hpp for routes the server does not have:"
                             << listed(stale);
}

// Sends one cell and describes it when the status is not the expected one.
std::optional<std::string> mismatch(RoleWorld& world, HttpClient& client, const RoleRow& row, Caller caller) {
  const auto index = static_cast<std::size_t>(caller);
  std::optional<Account> fresh;
  const Account* account = nullptr;
  if (caller != Caller::Anonymous) {
    if (row.fresh_account) fresh = world.fresh_account(caller);
    account = fresh ? &*fresh : &world.account(caller);
  }
  const auto call = row.call(world, account);
  const auto method = row.route.substr(0, row.route.find(' '));
  auto headers = account ? bearer(account->access_token) : Headers{};
  if (call.form) headers.emplace_back("Content-Type", call.form->content_type);
  const auto response = call.body   ? send_json(client, method, call.target, *call.body, headers)
                        : call.form ? client.request(method, call.target, headers, call.form->body)
                                    : client.request(method, call.target, headers);
  if (response.status == row.expected[index]) return std::nullopt;
  return row.route + " as " + kCallerNames[index] + " (" + method + " " + call.target + "): expected " +
         std::to_string(row.expected[index]) + ", got " + std::to_string(response.status) + " " +
         response.body.substr(0, 300);
}

// Stripe and PayPal are configured (their webhook routes exist), pointing at a port where nothing listens: no
// cell may depend on a provider answering.
EnvVars role_table_config() {
  return accounts_config({{"EMPORIUM_STRIPE_SECRET_KEY", "sk_test_role_table"},
                          {"EMPORIUM_STRIPE_WEBHOOK_SECRET", "whsec_cm9sZS10YWJsZQ=="},
                          {"EMPORIUM_STRIPE_API_BASE", "http://127.0.0.1:9"},
                          {"EMPORIUM_PAYPAL_CLIENT_ID", "role-table"},
                          {"EMPORIUM_PAYPAL_CLIENT_SECRET", "role-table"},
                          {"EMPORIUM_PAYPAL_WEBHOOK_ID", "WH-ROLE-TABLE"},
                          {"EMPORIUM_PAYPAL_API_BASE", "http://127.0.0.1:9"},
                          {"EMPORIUM_PAYMENT_PROVIDER_TIMEOUT_MS", "200"},
                          {"EMPORIUM_WEBHOOKS_ALLOW_PRIVATE", "true"},
                          {"EMPORIUM_WEBHOOKS_ALLOW_HTTP", "true"},
                          {"EMPORIUM_EVENTS_INTERVAL_MS", "50"}});
}

TEST(RoleTable, EveryCallerGetsTheExpectedStatusOnEveryRoute) {
  ServerProcess server(role_table_config());
  RoleWorld world(server);
  auto client = server.client();
  std::string failures;
  for (const auto& row : all_role_rows()) {
    for (const auto caller : kCallers) {
      if (auto failure = mismatch(world, client, row, caller)) failures += "\n  " + *failure;
    }
  }
  EXPECT_TRUE(failures.empty()) << "cells with another status than the table says:" << failures;
}

}  // namespace
}  // namespace emporium::testing
