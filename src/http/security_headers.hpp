#pragma once

#include "http/response.hpp"

namespace emporium::http {

// The headers every response carries: no MIME sniffing, no referrer, no framing, nothing active in the
// body, not cached unless the handler said otherwise. A handler's own CSP or Cache-Control is kept.
void add_security_headers(Response& response);

}  // namespace emporium::http
