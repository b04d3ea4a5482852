#include "payments/payment_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json_body.hpp"
#include "idempotency/idempotency_http.hpp"
#include "orders/order_json.hpp"
#include "payments/payments_errors.hpp"
#include "support/crypto.hpp"

namespace emporium::payments {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;
using http::Role;

constexpr http::StringRule kReason{.min_length = 1, .max_length = 500};
// Above any order total; the real bound (what was paid and not yet refunded) is the service's.
constexpr http::IntRule kAmount{.min = 1, .max = 1'000'000'000'000};

boost::json::value text_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

boost::json::object refund_json(const Refund& refund) {
  return {{"id", refund.id},
          {"orderId", refund.order_id},
          {"provider", refund.provider},
          {"amount", refund.amount},
          {"currency", refund.currency},
          {"reason", refund.reason},
          {"restock", refund.restock},
          {"status", refund.status},
          {"providerRefundId", text_or_null(refund.provider_refund_id)},
          {"failureReason", text_or_null(refund.failure_reason)},
          {"createdAt", to_iso8601(refund.created_at)},
          {"updatedAt", to_iso8601(refund.updated_at)}};
}

Result<RefundInput> read_refund(const Request& request) {
  return http::read_json_body<RefundInput>(request, [](http::ObjectReader& reader, RefundInput& out) {
    reader.optional("amount", out.amount, kAmount);
    reader.required("reason", out.reason, kReason);
    std::optional<bool> restock;
    reader.optional("restock", restock);
    out.restock = restock.value_or(false);
  });
}

Result<Response> webhook(PaymentServices& services, const Request& request, std::string_view provider_name) {
  auto* provider = services.context.orders.payment_providers().find(provider_name);
  if (!provider) return errors::provider_not_configured();
  const orders::WebhookRequest incoming{.body = request.body,
                                        .header = [&request](std::string_view name) -> std::optional<std::string> {
                                          const auto value = request.header(name);
                                          if (!value) return std::nullopt;
                                          return std::string(*value);
                                        },
                                        .received_at = services.context.clock.now()};
  auto event = provider->verify_webhook(incoming);
  if (!event) return event.error();
  if (event->provider.empty()) event->provider = std::string(provider_name);
  auto applied = services.events.apply(*event, sha256_hex(request.body));
  if (!applied) return applied.error();
  return http::json_response(
      200, boost::json::object{{"received", true}, {"duplicate", applied->duplicate}, {"outcome", applied->outcome}});
}

Result<Response> capture(PaymentServices& services, const Request& request) {
  const auto& principal = request.principal();
  auto key = idempotency::key_use(request, principal.user_id);
  if (!key) return key.error();
  auto answer = services.capture.capture(principal, request.param("id"), *key);
  if (!answer) return answer.error();
  if (answer->replay) return idempotency::replayed(*answer->replay);
  const auto session = services.context.orders.payment_sessions().session_of(principal, answer->order);
  auto response = http::json_response(200, orders::order_json(answer->order, session));
  if (*key) services.capture.remember(**key, answer->claim_token, idempotency::to_stored(response));
  return response;
}

Result<Response> create_refund(PaymentServices& services, const Request& request) {
  const auto& principal = request.principal();
  auto key = idempotency::key_use(request, principal.user_id);
  if (!key) return key.error();
  auto input = read_refund(request);
  if (!input) return input.error();
  auto placed = services.refunds.request({.actor_id = principal.user_id,
                                          .order_id = std::string(request.param("id")),
                                          .input = std::move(*input),
                                          .key = *key,
                                          .client_ip = request.client_ip});
  if (!placed) return placed.error();
  if (placed->replay) return idempotency::replayed(*placed->replay);
  auto response = http::json_response(201, refund_json(placed->refund));
  if (*key) services.refunds.remember(**key, placed->claim_token, idempotency::to_stored(response));
  return response;
}

Result<Response> list_refunds(PaymentServices& services, const Request& request) {
  auto refunds = services.refunds.list(request.principal(), request.param("id"));
  if (!refunds) return refunds.error();
  boost::json::array data;
  for (const auto& refund : *refunds) data.push_back(refund_json(refund));
  return http::json_response(200, boost::json::object{{"data", std::move(data)}});
}
}  // namespace

void register_payment_routes(http::Router& router, PaymentServices& services) {
  auto* s = &services;
  // The signature is the credential; PayPal's is checked by calling PayPal, hence Remote for both.
  router.add({.method = Method::Post,
              .path = "/api/payments/webhooks/stripe",
              .access = Access::own_credentials(),
              .handler = [s](Request& r) { return webhook(*s, r, "stripe"); },
              .execution = Execution::Remote});
  router.add({.method = Method::Post,
              .path = "/api/payments/webhooks/paypal",
              .access = Access::own_credentials(),
              .handler = [s](Request& r) { return webhook(*s, r, "paypal"); },
              .execution = Execution::Remote});
  router.add({.method = Method::Post,
              .path = "/api/orders/:id/payment/capture",
              .access = Access::roles_only({Role::Customer, Role::Admin}),
              .handler = [s](Request& r) { return capture(*s, r); },
              .execution = Execution::Remote});
  router.add({.method = Method::Post,
              .path = "/api/orders/:id/refunds",
              .access = Access::roles_only({Role::Admin}),
              .handler = [s](Request& r) { return create_refund(*s, r); },
              .execution = Execution::Remote});
  router.add({.method = Method::Get,
              .path = "/api/orders/:id/refunds",
              .access = Access::roles_only({Role::Customer, Role::Admin}),
              .handler = [s](Request& r) { return list_refunds(*s, r); },
              .execution = Execution::Database});
}

}  // namespace emporium::payments
