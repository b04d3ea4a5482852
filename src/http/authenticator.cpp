#include "http/authenticator.hpp"

namespace emporium::http {

const Identity& identify(Request& request, Authenticator& authenticator) {
  if (!request.identity) request.identity = authenticator.authenticate(request);
  return *request.identity;
}

}  // namespace emporium::http
