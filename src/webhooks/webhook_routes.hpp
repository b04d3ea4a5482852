#pragma once

#include "http/router.hpp"
#include "webhooks/endpoint_service.hpp"

namespace emporium::webhooks {

// /api/webhooks…: admins and vendors only (anonymous 401, customers 403).
void register_webhook_routes(http::Router& router, EndpointService& endpoints, bool allow_http);

}  // namespace emporium::webhooks
