#include "media/media_routes.hpp"

#include "media/byte_range.hpp"
#include "media/media_errors.hpp"
#include "media/media_key.hpp"

namespace emporium::media {
namespace {
using http::Request;
using http::Response;

// Same name, same bytes: browsers and CDNs may keep a file for a year without asking again.
constexpr std::string_view kCacheForever = "public, max-age=31536000, immutable";

// The headers every answer about an existing file carries, 304 included (RFC 9110 §15.4.5).
void add_validators(Response& response, const std::string& etag) {
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", std::string(kCacheForever));
  response.set_header("Accept-Ranges", "bytes");
}

Response file_response(int status, std::string_view key, const std::string& etag, std::string body) {
  auto response = http::text_response(status, std::string(*media_content_type(key)), std::move(body));
  add_validators(response, etag);
  return response;
}

// Range applies to GET only (RFC 9110 §14.2): HEAD describes the whole file. An If-Range that does not
// name this file's ETag asks for the whole file too.
RangeRequest requested_range(const Request& request, std::uint64_t size, const std::string& etag) {
  if (request.method != http::Method::Get) return {};
  const auto if_range = request.header("If-Range");
  if (if_range && !if_range_matches(*if_range, etag)) return {};
  return evaluate_range(request.header("Range"), size);
}

// The content hash names the bytes exactly: a strong validator.
std::string strong_etag(std::string_view hash) {
  std::string etag;
  etag.reserve(hash.size() + 2);
  etag.append(1, '"').append(hash).append(1, '"');
  return etag;
}

std::string content_range(const RangeRequest& range, std::uint64_t size) {
  return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.first + range.length - 1) + "/" +
         std::to_string(size);
}
}  // namespace

Result<Response> serve_media(const MediaStore& store, const Request& request) {
  const auto key = request.param("file");
  const auto hash = media_key_hash(key);  // nullopt for every name that is not a media key: nothing to open
  if (!hash) return errors::media_not_found();
  const auto size = store.size(key);
  if (!size) return errors::media_not_found();
  const auto etag = strong_etag(*hash);
  if (const auto tags = request.header("If-None-Match"); tags && etag_list_matches(*tags, etag)) {
    Response not_modified;
    not_modified.status = 304;
    add_validators(not_modified, etag);
    return not_modified;
  }
  const auto range = requested_range(request, *size, etag);
  if (range.kind == RangeRequest::Kind::Unsatisfiable) return errors::range_not_satisfiable(*size);
  const bool partial = range.kind == RangeRequest::Kind::Partial;
  auto body = partial ? store.read_range(key, range.first, range.length) : store.read(key);
  if (!body) return errors::media_not_found();  // removed since size() looked
  auto response = file_response(partial ? 206 : 200, key, etag, std::move(*body));
  if (partial) response.set_header("Content-Range", content_range(range, *size));
  return response;
}

void register_media_routes(http::Router& router, MediaStore& store) {
  // Execution::Remote runs the handler on the blocking pool: reading a file may wait on the disk (and a
  // later object-store MediaStore calls another service), which must not stall the I/O threads, as Inline
  // would; Database would run inline on SQLite; the CPU pool is kept for image processing and hashing.
  router.add({.method = http::Method::Get,
              .path = "/media/:file",
              .access = http::Access::public_route(),
              .handler = [&store](Request& request) { return serve_media(store, request); },
              .execution = http::Execution::Remote});
}

}  // namespace emporium::media
