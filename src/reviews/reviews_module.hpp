#pragma once

#include "audit/audit_log.hpp"
#include "catalog/catalog_module.hpp"
#include "events/event_log.hpp"
#include "http/router.hpp"
#include "reviews/review_service.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::reviews {

// Product reviews and the ratings they give products.
class ReviewsModule {
 public:
  ReviewsModule(storage::Database& database, IdGenerator& ids, const Clock& clock, audit::AuditLog& audit,
                events::EventLog& events, catalog::CatalogModule& catalog);

  void register_routes(http::Router& router);
  ReviewService& reviews() { return service_; }

 private:
  storage::Database& database_;
  IdGenerator& ids_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  catalog::CatalogModule& catalog_;
  ReviewService service_;
};

}  // namespace emporium::reviews
