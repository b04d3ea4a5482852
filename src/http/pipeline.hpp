#pragma once

#include <memory>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace emporium::http {

class Middleware;

// The rest of the chain after a middleware: calling it passes the request on.
class Next {
 public:
  Next(const std::vector<std::unique_ptr<Middleware>>& chain, std::size_t index) : chain_(chain), index_(index) {}
  Response operator()(Request& request) const;

 private:
  const std::vector<std::unique_ptr<Middleware>>& chain_;
  std::size_t index_;
};

// A filter that may answer a request itself or pass it on, and may adjust the answer on the way back.
class Middleware {
 public:
  virtual ~Middleware() = default;
  virtual Response handle(Request& request, const Next& next) = 0;
};

// The middleware chain in order, ending in the route's handler. handle() never throws: a thrown exception
// becomes a 500 (or a 503 for an unavailable dependency), logged in full, with no internals in the body.
class Pipeline {
 public:
  void use(std::unique_ptr<Middleware> middleware);
  Response handle(Request& request) const;

 private:
  std::vector<std::unique_ptr<Middleware>> chain_;
};

// Calls the route's handler and maps its Problem or exception to a response. The last link of every chain.
Response dispatch(Request& request);

}  // namespace emporium::http
