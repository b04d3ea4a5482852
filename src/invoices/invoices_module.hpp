#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "invoices/store_details.hpp"
#include "orders/orders_module.hpp"
#include "storage/database.hpp"

namespace emporium::invoices {

// GET /api/orders/:id/invoice: the PDF invoice of a paid order, rendered with Cairo and Pango.
class InvoicesModule {
 public:
  InvoicesModule(storage::Database& database, orders::OrdersModule& orders, StoreDetails store);
  ~InvoicesModule();
  void register_routes(http::Router& router);

 private:
  storage::Database& database_;
  orders::OrdersModule& orders_;
  StoreDetails store_;
};

}  // namespace emporium::invoices
