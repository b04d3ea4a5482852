#include "invoices/invoice_routes.hpp"

#include "invoices/invoice_errors.hpp"
#include "invoices/invoice_renderer.hpp"

namespace emporium::invoices {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;
using http::Role;

Result<Response> invoice(orders::OrdersModule& orders, const StoreDetails& store, const Request& request) {
  // The same 404 as GET /api/orders/:id for an order the caller may not see (or that does not exist).
  auto order = orders.order_for(request.principal(), request.param("id"));
  if (!order) return order.error();
  if (!order->invoice_number) return errors::invoice_not_available();
  auto response = http::text_response(200, "application/pdf", render_invoice_pdf(*order, store));
  response.set_header("Content-Disposition", "inline; filename=\"" + *order->invoice_number + ".pdf\"");
  // A customer's name and address: never kept by a shared cache, nor by the browser after use.
  response.set_header("Cache-Control", "private, no-store");
  return response;
}
}  // namespace

void register_invoice_routes(http::Router& router, orders::OrdersModule& orders, const StoreDetails& store) {
  auto* o = &orders;
  const auto* s = &store;
  // Vendors are refused (403) whatever the order: an invoice is the customer's whole document, with other
  // vendors' lines and the customer's billing address; vendors read their own lines on GET /api/orders/:id.
  router.add({.method = Method::Get,
              .path = "/api/orders/:id/invoice",
              .access = Access::roles_only({Role::Customer, Role::Admin}),
              .handler = [o, s](Request& r) { return invoice(*o, *s, r); },
              .execution = Execution::Cpu});
}

}  // namespace emporium::invoices
