#pragma once
// The role table's rows for payments, invoices and webhooks (see role_table.hpp). Invoices are the customer's
// whole document: vendors get 403. Provider webhooks carry their own credential (a signature), so every
// caller's unsigned request is refused alike.

#include <vector>

#include "role_table.hpp"
#include "role_table_commerce.hpp"

namespace emporium::testing {

// clang-format off
inline std::vector<RoleRow> events_role_table() {
  using W = RoleWorld;
  using A = const Account*;
  return {
    {"GET /api/orders/:id/invoice", {401, 200, 403, 403, 200}, [](W& w, A) {
       return no_body("/api/orders/" + w.fresh_paid_order() + "/invoice");
     }},

    // Provider webhooks: an unsigned request is refused the same way whoever sends it.
    {"POST /api/payments/webhooks/stripe", {400, 400, 400, 400, 400}, [](W&, A) {
       return with_body("/api/payments/webhooks/stripe",
                        boost::json::object{{"id", "evt_role"}, {"type", "payment_intent.succeeded"}});
     }},
    {"POST /api/payments/webhooks/paypal", {400, 400, 400, 400, 400}, [](W&, A) {
       return with_body("/api/payments/webhooks/paypal",
                        boost::json::object{{"id", "WH-ROLE"}, {"event_type", "PAYMENT.CAPTURE.COMPLETED"}});
     }},
    // Payment actions: the order's customer (the fixture orders are paid by hand: nothing to capture).
    {"POST /api/orders/:id/payment/session", {401, 200, 403, 403, 403}, [](W& w, A) {
       return no_body("/api/orders/" + w.fresh_order() + "/payment/session");
     }},
    {"POST /api/orders/:id/payment/capture", {401, 422, 403, 403, 422}, [](W& w, A) {
       return no_body("/api/orders/" + w.fresh_order() + "/payment/capture");
     }},
    // Refunds: admins refund; the customer reads the refunds of their own order.
    {"POST /api/orders/:id/refunds", {401, 403, 403, 403, 201}, [](W& w, A) {
       return with_body("/api/orders/" + w.fresh_paid_order() + "/refunds",
                        boost::json::object{{"amount", 100}, {"reason", "role table"}});
     }},
    {"GET /api/orders/:id/refunds", {401, 200, 403, 403, 200}, [](W& w, A) {
       return no_body("/api/orders/" + w.order() + "/refunds");
     }},

    // Webhooks: admins and vendors; a vendor's endpoint is its own (the other vendor gets 404).
    {"GET /api/webhooks", {401, 403, 200, 200, 200}, [](W&, A) { return no_body("/api/webhooks"); }},
    {"POST /api/webhooks", {401, 403, 201, 201, 201}, [](W&, A) {
       return with_body("/api/webhooks", webhook_body("http://127.0.0.1:9/role-table", {"review.created"}));
     }},
    {"GET /api/webhooks/:id", {401, 403, 200, 404, 200}, [](W& w, A) { return no_body("/api/webhooks/" + w.webhook()); }},
    {"PATCH /api/webhooks/:id", {401, 403, 200, 404, 200}, [](W& w, A) {
       return with_body("/api/webhooks/" + w.webhook(), boost::json::object{{"description", "role table"}});
     }},
    {"DELETE /api/webhooks/:id", {401, 403, 204, 404, 204}, [](W& w, A) {
       return no_body("/api/webhooks/" + w.fresh_webhook());
     }},
    {"GET /api/webhooks/:id/deliveries", {401, 403, 200, 404, 200}, [](W& w, A) {
       return no_body("/api/webhooks/" + w.webhook() + "/deliveries");
     }},
    {"POST /api/webhooks/:id/deliveries/:deliveryId/retry", {401, 403, 202, 404, 202}, [](W& w, A) {
       return no_body("/api/webhooks/" + w.fresh_delivery() + "/retry");
     }},
  };
}
// clang-format on

// Every row: the accounts and catalog rows of role_table.hpp, then commerce, then payments and events out.
inline std::vector<RoleRow> all_role_rows() {
  auto rows = role_table();
  for (auto& row : commerce_role_table()) rows.push_back(std::move(row));
  for (auto& row : events_role_table()) rows.push_back(std::move(row));
  return rows;
}

}  // namespace emporium::testing
