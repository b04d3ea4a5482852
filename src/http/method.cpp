#include "http/method.hpp"

namespace emporium::http {

std::string_view to_string(Method method) {
  switch (method) {
    case Method::Get:
      return "GET";
    case Method::Head:
      return "HEAD";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Options:
      return "OPTIONS";
    case Method::Other:
      return "OTHER";
  }
  return "OTHER";
}

Method method_from_string(std::string_view text) {
  for (const auto method :
       {Method::Get, Method::Head, Method::Post, Method::Put, Method::Patch, Method::Delete, Method::Options}) {
    if (text == to_string(method)) return method;
  }
  return Method::Other;
}

}  // namespace emporium::http
