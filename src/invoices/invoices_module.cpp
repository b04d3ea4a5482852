#include "invoices/invoices_module.hpp"

namespace emporium::invoices {

InvoicesModule::InvoicesModule(storage::Database& database, orders::OrdersModule& orders, StoreDetails store)
    : database_(database), orders_(orders), store_(std::move(store)) {}

InvoicesModule::~InvoicesModule() = default;

void InvoicesModule::register_routes(http::Router&) {}

}  // namespace emporium::invoices
