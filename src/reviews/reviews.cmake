# Product reviews and ratings. Paths are relative to src/.
add_library(emporium_reviews STATIC
  reviews/reviews_module.cpp reviews/review_rules.cpp reviews/review_store.cpp reviews/review_service.cpp
  reviews/review_json.cpp reviews/review_routes.cpp)
target_link_libraries(emporium_reviews
  PUBLIC emporium_http emporium_storage emporium_audit emporium_events emporium_catalog PRIVATE Boost::json)
target_precompile_headers(emporium_reviews PRIVATE <boost/json.hpp>)
emporium_warnings(emporium_reviews)
