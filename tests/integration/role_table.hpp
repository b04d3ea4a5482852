#pragma once
// The role table: for every route of the server, the status each kind of caller gets. role_table_test.cpp
// checks that the table has exactly the routes of the router (a new route without a row fails) and then sends
// every cell to a real server.
//
// Each cell sends a valid, minimal request, so an allowed caller sees the route's success status and a refused
// one sees why (401 no credentials, 403 wrong role, 404 someone else's object). Objects with an owner are
// owned by one fixture account (addresses by the customer, API keys by the vendor): every other caller
// presents that owner's id and must get 404.
//
// Rows never break the fixtures of other rows: routes that end or change the caller's account (delete me,
// change password) run each cell on a fresh account of the caller's role (`fresh_account`); logout, refresh
// and reset spend sessions and tokens made for that cell alone; deleting an address or a key deletes an
// object kept for that row; admin changes go to an account no other row uses, and change nothing.
// Catalog objects belong to the vendor (so the other vendor gets 404 and admins, who manage every product,
// succeed); each cell of a delete row deletes a product, variant, image or category made for that cell alone.

#include <boost/json/value.hpp>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts_api.hpp"
#include "cart_api.hpp"
#include "catalog_api.hpp"
#include "orders_api.hpp"
#include "reviews_api.hpp"
#include "webhooks_api.hpp"

namespace emporium::testing {

enum class Caller { Anonymous, Customer, Vendor, OtherVendor, Admin };
inline constexpr std::array kCallers{Caller::Anonymous, Caller::Customer, Caller::Vendor, Caller::OtherVendor,
                                     Caller::Admin};
inline constexpr std::array<const char*, 5> kCallerNames{"anonymous", "customer", "vendor", "other vendor", "admin"};

// What one cell sends: the path with real ids in it, and a JSON body for writes (or a multipart form).
struct Call {
  std::string target;
  std::optional<boost::json::value> body;
  std::optional<FormBody> form = std::nullopt;
};

// The fixtures the cells use, made once per run; defined in role_table_test.cpp.
class RoleWorld {
 public:
  explicit RoleWorld(const ServerProcess& server);

  // The fixture account of a caller other than Anonymous.
  const Account& account(Caller caller) const;
  // A new account of the caller's role: a registered customer, made vendor or admin by the fixture admin.
  Account fresh_account(Caller caller);
  // The id of an address of the customer, and of one kept for the row that deletes it.
  const std::string& customer_address() const { return customer_address_; }
  const std::string& customer_address_to_delete() const { return customer_address_to_delete_; }
  // An API key of the vendor kept for the row that revokes it.
  const std::string& vendor_key_to_revoke() const { return vendor_key_to_revoke_; }
  // A customer that only the admin rows look at and change.
  const Account& managed_user() const { return managed_user_; }
  // A customer whose credentials anyone may send to login and forgot.
  const Account& login_target() const { return login_target_; }
  // A refresh token of a session opened for this cell alone.
  std::string fresh_refresh_token();
  // A password reset code of an account made for this cell alone.
  std::string fresh_reset_token();

  // The vendor's active product sold in one variant.
  const std::string& product() const { return product_; }
  // A vendor's product with several variants, one of them for the rows that change a variant.
  const std::string& variant_product() const { return variant_product_; }
  const std::string& variant() const { return variant_; }
  const std::string& variant_sku() const { return variant_sku_; }
  // A vendor's product with an image, and the URL of one of that image's files.
  const std::string& image_product() const { return image_product_; }
  const std::string& image() const { return image_; }
  const std::string& media_url() const { return media_url_; }
  const std::string& category() const { return category_; }
  // Objects made for one cell of a delete row.
  std::string fresh_product();
  std::string fresh_variant();
  std::string fresh_image();
  std::string fresh_category();

  // Commerce (role_table_commerce.hpp): an admin's coupon, and one made for each cell of its delete row; a line
  // of the customer's cart, and one made for each cell of the row that removes a line.
  const std::string& coupon() const { return coupon_; }
  const std::string& coupon_code() const { return coupon_code_; }
  std::string fresh_coupon();
  const std::string& cart_item() const { return cart_item_; }
  std::string fresh_cart_item();
  // An order of the customer holding one line of the vendor's, and orders made for one cell alone: still
  // unpaid (cancel), or paid by the admin (shipping).
  const StockedVariant& order_variant() const { return order_variant_; }
  const std::string& order() const { return order_; }
  std::string fresh_order();
  std::string fresh_paid_order();
  // The customer's review of the vendor's product, and one made (on a new product) for each cell that deletes.
  const std::string& review() const { return review_; }
  std::string fresh_review();
  // Webhooks (role_table_events.hpp): an endpoint of the vendor's, one made for each cell that deletes, and
  // "<endpoint>/deliveries/<delivery>": a delivery of a new endpoint of the vendor's whose first attempt failed
  // (nothing listens at its URL) and that waits for its next one.
  const std::string& webhook() const { return webhook_; }
  std::string fresh_webhook();
  std::string fresh_delivery();

 private:
  void make_commerce_fixtures();

  const ServerProcess& server_;
  HttpClient client_;
  std::array<Account, 5> accounts_;  // by Caller; the anonymous one stays empty
  Account managed_user_;
  Account login_target_;
  std::string customer_address_;
  std::string customer_address_to_delete_;
  std::string vendor_key_to_revoke_;
  std::string product_;
  std::string variant_product_;
  std::string variant_;
  std::string variant_sku_;
  std::string image_product_;
  std::string image_;
  std::string media_url_;
  std::string category_;
  std::string coupon_;
  std::string coupon_code_;
  std::string cart_item_;
  StockedVariant order_variant_;
  std::string order_;
  std::string review_;
  std::string webhook_;
};

struct RoleRow {
  std::string route;            // as the router spells it: "GET /api/users/:id"
  std::array<int, 5> expected;  // anonymous, customer, vendor, other vendor, admin
  std::function<Call(RoleWorld&, const Account* caller)> call;
  bool fresh_account = false;  // each cell runs as a new account of the caller's role
};

inline boost::json::value address_body(const char* city) {
  return boost::json::object{{"fullName", "Ada Lovelace"},
                             {"line1", "12 St James's Square"},
                             {"city", city},
                             {"postalCode", "SW1Y 4JH"},
                             {"country", "GB"}};
}

inline Call no_body(std::string target) { return {std::move(target), std::nullopt}; }
inline Call with_form(std::string target, FormBody form) { return {std::move(target), std::nullopt, std::move(form)}; }
inline Call with_body(std::string target, boost::json::value body) { return {std::move(target), std::move(body)}; }
inline std::string password_of(const Account* caller) { return caller ? caller->password : std::string(kPassword); }

// clang-format off
inline std::vector<RoleRow> role_table() {
  using W = RoleWorld;
  using A = const Account*;
  constexpr std::array<int, 5> everyone_200{200, 200, 200, 200, 200};
  constexpr std::array<int, 5> signed_in_200{401, 200, 200, 200, 200};
  constexpr std::array<int, 5> admins_200{401, 403, 403, 403, 200};
  constexpr std::array<int, 5> admins_201{401, 403, 403, 403, 201};
  constexpr std::array<int, 5> sellers_201{401, 403, 201, 201, 201};
  // A vendor's object: its owner and admins may change it, the other vendor does not see it.
  constexpr std::array<int, 5> owner_200{401, 403, 200, 404, 200};
  constexpr std::array<int, 5> owner_201{401, 403, 201, 404, 201};
  constexpr std::array<int, 5> owner_204{401, 403, 204, 404, 204};
  return {
    // {route, {anonymous, customer, vendor, other vendor, admin}, the request, fresh account?}
    //
    // Operations: public, and credentials change nothing (/metrics checks its own token; none is configured).
    {"GET /health", everyone_200, [](W&, A) { return no_body("/health"); }},
    {"GET /ready", everyone_200, [](W&, A) { return no_body("/ready"); }},
    {"GET /metrics", everyone_200, [](W&, A) { return no_body("/metrics"); }},
    {"GET /api/openapi.json", everyone_200, [](W&, A) { return no_body("/api/openapi.json"); }},
    {"GET /docs", everyone_200, [](W&, A) { return no_body("/docs"); }},
    {"GET /docs/:file", everyone_200, [](W&, A) { return no_body("/docs/initializer.js"); }},

    // Authentication: public; a signed-in caller gets what anyone gets.
    {"POST /api/auth/register", {201, 201, 201, 201, 201}, [](W&, A) {
       return with_body("/api/auth/register", boost::json::object{
           {"email", unique_email("table")}, {"password", kPassword}, {"name", "Table Row"}});
     }},
    {"POST /api/auth/login", everyone_200, [](W& w, A) {
       return with_body("/api/auth/login", boost::json::object{
           {"email", w.login_target().email}, {"password", w.login_target().password}});
     }},
    {"POST /api/auth/refresh", everyone_200, [](W& w, A) {
       return with_body("/api/auth/refresh", boost::json::object{{"refreshToken", w.fresh_refresh_token()}});
     }},
    {"POST /api/auth/logout", {204, 204, 204, 204, 204}, [](W& w, A) {
       return with_body("/api/auth/logout", boost::json::object{{"refreshToken", w.fresh_refresh_token()}});
     }},
    {"POST /api/auth/password/forgot", {202, 202, 202, 202, 202}, [](W& w, A) {
       return with_body("/api/auth/password/forgot", boost::json::object{{"email", w.login_target().email}});
     }},
    {"POST /api/auth/password/reset", {204, 204, 204, 204, 204}, [](W& w, A) {
       return with_body("/api/auth/password/reset", boost::json::object{
           {"token", w.fresh_reset_token()}, {"password", "a brand new password"}});
     }},

    // The caller's own account.
    {"GET /api/users/me", signed_in_200, [](W&, A) { return no_body("/api/users/me"); }},
    {"PATCH /api/users/me", signed_in_200, [](W&, A) {
       return with_body("/api/users/me", boost::json::object{{"name", "Renamed By The Table"}});
     }},
    {"DELETE /api/users/me", {401, 204, 204, 204, 204}, [](W&, A caller) {
       return with_body("/api/users/me", boost::json::object{{"password", password_of(caller)}});
     }, true},
    {"POST /api/users/me/password", signed_in_200, [](W&, A caller) {
       return with_body("/api/users/me/password", boost::json::object{
           {"currentPassword", password_of(caller)}, {"newPassword", "another long password"}});
     }, true},

    // User management: admins only; the target is an account no other row touches, and nothing changes.
    {"GET /api/users", admins_200, [](W&, A) { return no_body("/api/users"); }},
    {"GET /api/users/:id", admins_200, [](W& w, A) { return no_body("/api/users/" + w.managed_user().id); }},
    {"PATCH /api/users/:id", admins_200, [](W& w, A) {
       return with_body("/api/users/" + w.managed_user().id, boost::json::object{{"disabled", false}});
     }},

    // Address book: everyone signed in has one; the ids are the customer's, so anyone else gets 404.
    {"GET /api/users/me/addresses", signed_in_200, [](W&, A) { return no_body("/api/users/me/addresses"); }},
    {"POST /api/users/me/addresses", {401, 201, 201, 201, 201}, [](W&, A) {
       return with_body("/api/users/me/addresses", address_body("London"));
     }},
    {"GET /api/users/me/addresses/:id", {401, 200, 404, 404, 404}, [](W& w, A) {
       return no_body("/api/users/me/addresses/" + w.customer_address());
     }},
    {"PUT /api/users/me/addresses/:id", {401, 200, 404, 404, 404}, [](W& w, A) {
       return with_body("/api/users/me/addresses/" + w.customer_address(), address_body("Bath"));
     }},
    {"DELETE /api/users/me/addresses/:id", {401, 204, 404, 404, 404}, [](W& w, A) {
       return no_body("/api/users/me/addresses/" + w.customer_address_to_delete());
     }},

    // API keys: everyone signed in may hold some; the id is the vendor's, so anyone else gets 404.
    {"GET /api/api-keys", signed_in_200, [](W&, A) { return no_body("/api/api-keys"); }},
    {"POST /api/api-keys", {401, 201, 201, 201, 201}, [](W&, A) {
       return with_body("/api/api-keys", boost::json::object{{"name", "role table"}});
     }},
    {"DELETE /api/api-keys/:id", {401, 404, 204, 404, 404}, [](W& w, A) {
       return no_body("/api/api-keys/" + w.vendor_key_to_revoke());
     }},

    // Catalog reads: public; drafts are not involved (every fixture product is active).
    {"GET /api/products", everyone_200, [](W&, A) { return no_body("/api/products"); }},
    {"GET /api/products/:id", everyone_200, [](W& w, A) { return no_body("/api/products/" + w.product()); }},
    {"GET /api/categories", everyone_200, [](W&, A) { return no_body("/api/categories"); }},
    {"GET /api/categories/:id", everyone_200, [](W& w, A) { return no_body("/api/categories/" + w.category()); }},
    {"GET /media/:file", everyone_200, [](W& w, A) { return no_body(w.media_url()); }},

    // Products: sellers (vendors and admins) write; the products are the vendor's, so the other vendor gets 404.
    {"POST /api/products", sellers_201, [](W&, A) {
       return with_body("/api/products", product_body(unique_sku("TABLE")));
     }},
    {"PUT /api/products/:id", owner_200, [](W& w, A) {
       return with_body("/api/products/" + w.product(), boost::json::object{
           {"name", "Replaced By The Table"}, {"currency", "USD"}, {"status", "active"}});
     }},
    {"PATCH /api/products/:id", owner_200, [](W& w, A) {
       return with_body("/api/products/" + w.product(), boost::json::object{{"description", "Patched by the table"}});
     }},
    {"DELETE /api/products/:id", owner_204, [](W& w, A) { return no_body("/api/products/" + w.fresh_product()); }},

    // Variants: of the vendor's product.
    {"POST /api/products/:id/variants", owner_201, [](W& w, A) {
       return with_body("/api/products/" + w.variant_product() + "/variants", boost::json::object{
           {"sku", unique_sku("TABLE")}, {"price", 100}, {"options", {{"size", unique_word()}}}});
     }},
    {"PUT /api/products/:id/variants/:variantId", owner_200, [](W& w, A) {
       return with_body("/api/products/" + w.variant_product() + "/variants/" + w.variant(), boost::json::object{
           {"sku", w.variant_sku()}, {"price", 120}, {"options", {{"size", "m"}}}});
     }},
    {"PATCH /api/products/:id/variants/:variantId", owner_200, [](W& w, A) {
       return with_body("/api/products/" + w.variant_product() + "/variants/" + w.variant(),
                        boost::json::object{{"price", 130}});
     }},
    {"DELETE /api/products/:id/variants/:variantId", owner_204, [](W& w, A) {
       return no_body("/api/products/" + w.variant_product() + "/variants/" + w.fresh_variant());
     }},

    // Images: of the vendor's product; uploads are multipart.
    {"POST /api/products/:id/images", owner_201, [](W& w, A) {
       return with_form("/api/products/" + w.image_product() + "/images",
                        multipart({{"file", png_image(8, 8, 21), "table.png", "image/png"}}));
     }},
    {"PATCH /api/products/:id/images/:imageId", owner_200, [](W& w, A) {
       return with_body("/api/products/" + w.image_product() + "/images/" + w.image(),
                        boost::json::object{{"alt", "Described by the table"}});
     }},
    {"DELETE /api/products/:id/images/:imageId", owner_204, [](W& w, A) {
       return no_body("/api/products/" + w.image_product() + "/images/" + w.fresh_image());
     }},

    // Categories: admins write.
    {"POST /api/categories", admins_201, [](W&, A) {
       return with_body("/api/categories", boost::json::object{{"name", "Table " + unique_tag("c")}});
     }},
    {"PUT /api/categories/:id", admins_200, [](W& w, A) {
       return with_body("/api/categories/" + w.category(), boost::json::object{{"name", "Table Category"}});
     }},
    {"DELETE /api/categories/:id", {401, 403, 403, 403, 204}, [](W& w, A) {
       return no_body("/api/categories/" + w.fresh_category());
     }},
  };
}
// clang-format on

}  // namespace emporium::testing
