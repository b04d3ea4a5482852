#include "idempotency/idempotency_http.hpp"

#include <algorithm>
#include <array>

#include "http/method.hpp"
#include "support/crypto.hpp"
#include "support/strings.hpp"

namespace emporium::idempotency {
namespace {
// Headers that belong to the answer itself; request ids, rate limits and the like belong to each request.
constexpr std::array<std::string_view, 3> kKeptHeaders{"Content-Type", "Location", "ETag"};
}  // namespace

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

Result<std::optional<std::string>> read_key(const http::Request& request) {
  const auto header = request.header(kHeader);
  if (!header) return std::optional<std::string>{};
  if (!is_valid_key(*header)) return invalid_key();
  return std::optional<std::string>(std::string(*header));
}

std::string request_fingerprint(const http::Request& request) {
  std::string material(http::to_string(request.method));
  material += ' ';
  material += request.path;
  material += '\n';
  material += request.body;
  return sha256_hex(material);
}

Result<std::optional<KeyUse>> key_use(const http::Request& request, const std::string& user_id) {
  auto key = read_key(request);
  if (!key) return key.error();
  if (!*key) return std::optional<KeyUse>{};
  return std::optional<KeyUse>(
      KeyUse{.user_id = user_id, .key = std::move(**key), .fingerprint = request_fingerprint(request)});
}

Problem invalid_key() {
  return problems::bad_request("The Idempotency-Key header must be 1 to 255 printable ASCII characters.")
      .with_code("invalid_idempotency_key");
}

Problem key_reused() {
  return problems::validation_failed({{"Idempotency-Key", "was already used with another request"}})
      .with_code("idempotency_key_reused")
      .with_detail(
          "This Idempotency-Key was used with a different request. Use a new key for a new request, or repeat "
          "the first request exactly.");
}

Problem key_in_progress() {
  return problems::conflict("idempotency_key_in_progress",
                            "A request with this Idempotency-Key is still being processed. Retry in a moment.")
      .with_header("Retry-After", "1");
}

std::optional<Problem> problem_for(Decision decision) {
  if (decision == Decision::InProgress) return key_in_progress();
  if (decision == Decision::Mismatch) return key_reused();
  return std::nullopt;
}

StoredResponse to_stored(const http::Response& response) {
  StoredResponse stored{.status = response.status, .body = response.body};
  for (const auto& [name, value] : response.headers) {
    const auto kept = [&name](std::string_view wanted) { return iequals(name, wanted); };
    if (std::any_of(kKeptHeaders.begin(), kKeptHeaders.end(), kept)) stored.headers.emplace_back(name, value);
  }
  return stored;
}

http::Response replayed(const StoredResponse& stored) {
  http::Response response;
  response.status = stored.status;
  response.body = stored.body;
  for (const auto& [name, value] : stored.headers) response.add_header(name, value);
  response.set_header("Idempotent-Replayed", "true");
  return response;
}

}  // namespace emporium::idempotency
