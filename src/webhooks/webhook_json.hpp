#pragma once

#include <boost/json/object.hpp>

#include "http/request.hpp"
#include "support/problem.hpp"
#include "webhooks/webhook.hpp"

namespace emporium::webhooks {

// An endpoint as every answer shows it: never with its secret.
boost::json::object endpoint_json(const Endpoint& endpoint);
// A delivery with its attempts and the exact body it sends.
boost::json::object delivery_json(const Delivery& delivery);

// POST /api/webhooks: {url, events, description?}; 400/415/422 with every error at once.
Result<EndpointInput> read_endpoint_input(const http::Request& request, bool allow_http);
// PATCH /api/webhooks/:id: {url?, events?, description?, enabled?}.
Result<EndpointPatch> read_endpoint_patch(const http::Request& request, bool allow_http);

}  // namespace emporium::webhooks
