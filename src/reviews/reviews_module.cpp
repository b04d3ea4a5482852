#include "reviews/reviews_module.hpp"

#include "reviews/review_routes.hpp"

namespace emporium::reviews {

ReviewsModule::ReviewsModule(storage::Database& database, IdGenerator& ids, const Clock& clock, audit::AuditLog& audit,
                             events::EventLog& events, catalog::CatalogModule& catalog)
    : database_(database),
      ids_(ids),
      clock_(clock),
      audit_(audit),
      events_(events),
      catalog_(catalog),
      service_(ReviewsContext{.database = database_,
                              .ids = ids_,
                              .clock = clock_,
                              .audit = audit_,
                              .events = events_,
                              .cache = catalog_.cache()}) {}

void ReviewsModule::register_routes(http::Router& router) { register_review_routes(router, service_); }

}  // namespace emporium::reviews
