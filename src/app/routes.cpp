#include "app/routes.hpp"

#include "operations/operations_routes.hpp"

namespace emporium::app {

void register_all_routes(http::Router& router, RouteDependencies& dependencies) {
  operations::register_operations_routes(router, dependencies.database, dependencies.metrics,
                                         {.metrics_token = dependencies.metrics_token});
  dependencies.users.register_routes(router);
  dependencies.catalog.register_routes(router);
  dependencies.inventory.register_routes(router);
  dependencies.coupons.register_routes(router);
  dependencies.cart.register_routes(router);
  dependencies.orders.register_routes(router);
  dependencies.reviews.register_routes(router);
  dependencies.payments.register_routes(router);
  dependencies.invoices.register_routes(router);
  dependencies.webhooks.register_routes(router);
}

}  // namespace emporium::app
