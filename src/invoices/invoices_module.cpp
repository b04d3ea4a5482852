#include "invoices/invoices_module.hpp"

#include "invoices/invoice_routes.hpp"

namespace emporium::invoices {

// The orders module reads the order (with its access rules); invoices need no table of their own: the number
// is on the order, assigned in the transaction that marks it paid.
InvoicesModule::InvoicesModule(storage::Database& database, orders::OrdersModule& orders, StoreDetails store)
    : database_(database), orders_(orders), store_(std::move(store)) {}

InvoicesModule::~InvoicesModule() = default;

void InvoicesModule::register_routes(http::Router& router) { register_invoice_routes(router, orders_, store_); }

}  // namespace emporium::invoices
