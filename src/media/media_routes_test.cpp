#include "media/media_routes.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <random>

#include "http/problem_response.hpp"
#include "media/media_key.hpp"

namespace emporium::media {
namespace {
namespace fs = std::filesystem;
using http::Method;
using http::Request;
using http::Response;

// A media directory holding one 100-byte PNG-named file, and requests built the way the server builds them
// (path parameters decoded; header texts kept alive by the fixture, since Request holds views).
class MediaRoutes : public ::testing::Test {
 protected:
  MediaRoutes()
      : root_(fs::temp_directory_path() / ("emporium-media-routes-" + std::to_string(std::random_device()()))),
        store_(root_) {
    for (int i = 0; i < 100; ++i) bytes_ += static_cast<char>('0' + i % 10);
    key_ = media_key(bytes_, "png");
    EXPECT_TRUE(store_.put(key_, bytes_));
    etag_.append(1, '"').append(key_, 0, 40).append(1, '"');
  }
  ~MediaRoutes() override {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  Response get(std::string file, std::vector<std::pair<std::string, std::string>> headers = {},
               Method method = Method::Get) {
    headers_.push_back(std::move(headers));
    Request request;
    request.method = method;
    request.path = "/media/" + file;
    request.path_params.emplace_back("file", std::move(file));
    for (const auto& [name, value] : headers_.back()) request.headers.push_back({name, value});
    auto result = serve_media(store_, request);
    if (result) return std::move(*result);
    return http::problem_response(result.error(), "req_test");  // as the pipeline answers a problem
  }
  Response get_range(std::string_view range) { return get(key_, {{"Range", std::string(range)}}); }

  fs::path root_;
  FileMediaStore store_;
  std::string bytes_;
  std::string key_;
  std::string etag_;
  std::vector<std::vector<std::pair<std::string, std::string>>> headers_;
};

TEST_F(MediaRoutes, ServesTheFileImmutably) {
  const auto response = get(key_);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, bytes_);
  EXPECT_EQ(response.header("Content-Type"), "image/png");
  EXPECT_EQ(response.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(response.header("ETag"), etag_);
  EXPECT_EQ(response.header("Accept-Ranges"), "bytes");
  EXPECT_EQ(response.header("Content-Range"), std::nullopt);
}

TEST_F(MediaRoutes, AnswersNotModifiedForAMatchingETag) {
  for (const auto& tags : {etag_, "W/" + etag_, "\"other\", " + etag_, std::string("*")}) {
    const auto response = get(key_, {{"If-None-Match", tags}});
    EXPECT_EQ(response.status, 304) << tags;
    EXPECT_TRUE(response.body.empty());
    EXPECT_EQ(response.header("ETag"), etag_);
    EXPECT_EQ(response.header("Cache-Control"), "public, max-age=31536000, immutable");
  }
  EXPECT_EQ(get(key_, {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(MediaRoutes, ServesOneRangeOfEachForm) {
  const auto first = get_range("bytes=0-9");
  EXPECT_EQ(first.status, 206);
  EXPECT_EQ(first.body, bytes_.substr(0, 10));
  EXPECT_EQ(first.header("Content-Range"), "bytes 0-9/100");
  EXPECT_EQ(first.header("Content-Type"), "image/png");
  EXPECT_EQ(first.header("ETag"), etag_);
  const auto rest = get_range("bytes=95-");
  EXPECT_EQ(rest.status, 206);
  EXPECT_EQ(rest.body, bytes_.substr(95));
  EXPECT_EQ(rest.header("Content-Range"), "bytes 95-99/100");
  const auto suffix = get_range("bytes=-3");
  EXPECT_EQ(suffix.status, 206);
  EXPECT_EQ(suffix.body, bytes_.substr(97));
  EXPECT_EQ(suffix.header("Content-Range"), "bytes 97-99/100");
  const auto clamped = get_range("bytes=90-5000");
  EXPECT_EQ(clamped.body, bytes_.substr(90));
  EXPECT_EQ(clamped.header("Content-Range"), "bytes 90-99/100");
}

TEST_F(MediaRoutes, RefusesRangesPastTheEndWith416) {
  for (const auto* range : {"bytes=100-", "bytes=100-200", "bytes=-0"}) {
    const auto response = get_range(range);
    EXPECT_EQ(response.status, 416) << range;
    EXPECT_EQ(response.header("Content-Range"), "bytes */100") << range;
    EXPECT_EQ(response.header("Content-Type"), "application/problem+json") << range;
  }
}

TEST_F(MediaRoutes, AnswersTheWholeFileForSeveralOrInvalidRanges) {
  for (const auto* range : {"bytes=0-1,5-6", "bytes=5-1", "lines=1-2", "bytes=x-"}) {
    const auto response = get_range(range);
    EXPECT_EQ(response.status, 200) << range;
    EXPECT_EQ(response.body, bytes_) << range;
  }
}

TEST_F(MediaRoutes, HonoursIfRangeAndIgnoresRangeOnHead) {
  EXPECT_EQ(get(key_, {{"Range", "bytes=0-9"}, {"If-Range", etag_}}).status, 206);
  EXPECT_EQ(get(key_, {{"Range", "bytes=0-9"}, {"If-Range", "\"old\""}}).status, 200);
  const auto head = get(key_, {{"Range", "bytes=0-9"}}, Method::Head);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body.size(), 100u);  // the server sends only the headers, with this Content-Length
}

TEST_F(MediaRoutes, AnswersNotFoundForAnythingButAStoredKey) {
  std::string upper = key_;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& file : std::vector<std::string>{
           "../etc/passwd", "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "../../etc/passwd" /* %2f decoded */,
           "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%252e%252e%252f", "/etc/passwd", "/" + key_, upper, key_ + "/",
           key_ + "%00", key_.substr(0, 40) + ".PNG", key_.substr(0, 40) + ".txt", key_.substr(0, 40),
           std::string(40, 'c') + ".png" /* valid, not stored */, "", "."}) {
    const auto response = get(file);
    EXPECT_EQ(response.status, 404) << file;
    EXPECT_EQ(response.header("Content-Type"), "application/problem+json") << file;
  }
}

TEST_F(MediaRoutes, RegistersAPublicGetRouteOnTheBlockingPool) {
  http::Router router;
  register_media_routes(router, store_);
  const auto match = router.match(Method::Head, {"media", key_});
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->path, "/media/:file");
  EXPECT_EQ(match.route->access.kind, http::Access::Kind::Public);
  EXPECT_EQ(match.route->execution, http::Execution::Remote);
  EXPECT_EQ(match.allow, "GET, HEAD, OPTIONS");
  // Dot segments never reach the handler as one name: they are separate segments no route has.
  EXPECT_EQ(router.match(Method::Get, {"media", "..", "etc", "passwd"}).route, nullptr);
  Request request;
  request.path_params = match.params;
  const auto response = match.route->handler(request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, bytes_);
}

}  // namespace
}  // namespace emporium::media
