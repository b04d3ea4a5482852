#include "http_response.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <stdexcept>

namespace emporium::testing {
namespace {
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool icontains(std::string_view text, std::string_view part) {
  const auto found = std::search(text.begin(), text.end(), part.begin(), part.end(),
                                 [](char x, char y) { return lower(x) == lower(y); });
  return found != text.end() || part.empty();
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (iequals(field, name)) return value;
  }
  return std::nullopt;
}

boost::json::value HttpResponse::json() const {
  boost::system::error_code error;
  auto value = boost::json::parse(body, error);
  if (error) throw std::runtime_error("response body is not JSON (" + error.message() + "): " + body);
  return value;
}

boost::json::object HttpResponse::json_object() const {
  auto value = json();
  if (!value.is_object()) throw std::runtime_error("response body is not a JSON object: " + body);
  return std::move(value.as_object());
}

std::string HttpResponse::describe() const {
  std::string text = "HTTP " + std::to_string(status) + " " + reason + "\n";
  for (const auto& [field, value] : headers) text += field + ": " + value + "\n";
  constexpr std::size_t kShownBody = 2000;
  return text + "\n" + body.substr(0, kShownBody) + (body.size() > kShownBody ? "…" : "");
}

void throw_failed(const std::string& what, const HttpResponse& response) {
  throw std::runtime_error(what + " failed:\n" + response.describe());
}

}  // namespace emporium::testing
