#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/pipeline.hpp"
#include "http/route.hpp"

namespace emporium::http::testing {

// A pipeline of the middleware under test, ending in `route`'s handler; owns the header texts.
class PipelineHarness {
 public:
  PipelineHarness& use(std::unique_ptr<Middleware> middleware) {
    pipeline_.use(std::move(middleware));
    return *this;
  }
  Request request(Method method, std::string path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers_.push_back(std::move(headers));
    Request request;
    request.method = method;
    request.path = std::move(path);
    request.client_ip = "192.0.2.1";
    for (const auto& [name, value] : headers_.back()) request.headers.push_back({name, value});
    return request;
  }
  Response send(Request& request) const { return pipeline_.handle(request); }

 private:
  Pipeline pipeline_;
  std::vector<std::vector<std::pair<std::string, std::string>>> headers_;
};

inline Route make_route(Handler handler, Access access = Access::public_route(), std::string path = "/api/things") {
  return Route{
      .method = Method::Get, .path = std::move(path), .access = std::move(access), .handler = std::move(handler)};
}

inline Handler answer(int status) {
  return [status](Request&) -> Result<Response> {
    Response response;
    response.status = status;
    return response;
  };
}

}  // namespace emporium::http::testing
