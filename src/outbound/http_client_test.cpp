// CurlHttpClient against a small HTTP server on loopback run by the test: what it sends, what it reads back,
// and the limits it promises (timeouts, no redirects, body cap, address guard, http/https only).
#include "outbound/http_client.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace emporium::outbound {
namespace {
using std::chrono::milliseconds;

// One connection at a time: reads a request (headers and Content-Length body), writes what `answer` returns
// for it, closes. Keeps every request it read.
class LoopbackServer {
 public:
  using Answer = std::function<std::string(const std::string& request)>;

  explicit LoopbackServer(Answer answer) : answer_(std::move(answer)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 8) != 0)
      throw std::runtime_error("cannot listen");
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }

  std::string url(const std::string& path = "/") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  unsigned short port() const { return port_; }
  std::vector<std::string> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    while (!stopping_) {
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      const auto request = read_request(client);
      {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      const auto response = answer_(request);
      for (std::size_t sent = 0; sent < response.size();) {
        const auto n = ::send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
      ::close(client);
    }
  }

  static std::string read_request(int client) {
    std::string data;
    char buffer[4096];
    std::size_t body_start = std::string::npos;
    std::size_t length = 0;
    for (;;) {
      if (body_start != std::string::npos && data.size() >= body_start + length) return data;
      const auto n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return data;
      data.append(buffer, static_cast<std::size_t>(n));
      if (body_start == std::string::npos && data.find("\r\n\r\n") != std::string::npos) {
        body_start = data.find("\r\n\r\n") + 4;
        const auto header = data.find("Content-Length: ");
        if (header != std::string::npos && header < body_start) length = std::stoul(data.substr(header + 16));
      }
    }
  }

  Answer answer_;
  int listener_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

std::string response(const std::string& status_line, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status_line + "\r\n" + headers + "Content-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

TEST(CurlHttpClient, SendsTheRequestAndReadsStatusHeadersAndBody) {
  LoopbackServer server([](const std::string&) {
    return response("201 Created", "X-Thing:   spaced value  \r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n", "hello");
  });
  CurlHttpClient client;
  const auto result = client.send({.method = "POST",
                                   .url = server.url("/hook?x=1"),
                                   .headers = {{"Content-Type", "application/json"}, {"webhook-id", "msg_1"}},
                                   .body = R"({"a":1})"});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->body, "hello");
  EXPECT_FALSE(result->truncated);
  EXPECT_EQ(result->header("x-thing"), "spaced value");
  EXPECT_EQ(result->header("set-cookie"), "a=1");      // the first of several
  EXPECT_EQ(result->header("X-Thing"), std::nullopt);  // names are lower-case
  const auto request = server.requests().at(0);
  EXPECT_TRUE(request.starts_with("POST /hook?x=1 HTTP/1.1\r\n")) << request;
  EXPECT_NE(request.find("webhook-id: msg_1\r\n"), std::string::npos) << request;
  EXPECT_NE(request.find("Content-Type: application/json\r\n"), std::string::npos) << request;
  EXPECT_EQ(request.find("Expect:"), std::string::npos) << request;
  EXPECT_TRUE(request.ends_with("\r\n\r\n{\"a\":1}")) << request;
}

TEST(CurlHttpClient, KeepsOnlyTheFinalResponsesHeaders) {
  LoopbackServer server([](const std::string&) {
    return "HTTP/1.1 100 Continue\r\nX-Early: yes\r\n\r\n" + response("200 OK", "X-Late: yes\r\n", "done");
  });
  const auto result = CurlHttpClient().send({.url = server.url(), .body = "x"});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->header("x-early"), std::nullopt);
  EXPECT_EQ(result->header("x-late"), "yes");
}

TEST(CurlHttpClient, NeverFollowsRedirects) {
  LoopbackServer server([](const std::string& request) {
    if (request.starts_with("POST /start")) return response("301 Moved Permanently", "Location: /elsewhere\r\n", "");
    return response("200 OK", "", "followed");
  });
  const auto result = CurlHttpClient().send({.url = server.url("/start"), .body = "x"});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->status, 301);
  EXPECT_EQ(result->header("location"), "/elsewhere");
  EXPECT_EQ(server.requests().size(), 1U);
}

TEST(CurlHttpClient, ReadsTheBodyOnlyUpToTheCap) {
  LoopbackServer server([](const std::string&) { return response("200 OK", "", std::string(200'000, 'z')); });
  const auto result = CurlHttpClient().send({.url = server.url(), .max_response_bytes = 1000});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, std::string(1000, 'z'));
  EXPECT_TRUE(result->truncated);
}

TEST(CurlHttpClient, ABodyOfExactlyTheCapIsNotTruncated) {
  LoopbackServer server([](const std::string&) { return response("200 OK", "", std::string(1000, 'z')); });
  const auto result = CurlHttpClient().send({.url = server.url(), .max_response_bytes = 1000});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->body.size(), 1000U);
  EXPECT_FALSE(result->truncated);
}

TEST(CurlHttpClient, GivesUpAtTheTotalTimeout) {
  LoopbackServer server([](const std::string&) {
    std::this_thread::sleep_for(milliseconds(1500));
    return response("200 OK", "", "late");
  });
  const auto started = std::chrono::steady_clock::now();
  const auto result = CurlHttpClient().send({.url = server.url(), .body = "x", .total_timeout = milliseconds(300)});
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, FailureKind::Timeout);
  EXPECT_TRUE(result.error().maybe_delivered);  // it was sent: only the answer was missing
  EXPECT_GE(result.error().elapsed, milliseconds(250));
  EXPECT_LT(took, milliseconds(1200));
}

TEST(CurlHttpClient, TheAddressGuardSeesTheRealAddressAndCanRefuseIt) {
  LoopbackServer server([](const std::string&) { return response("200 OK", "", "reached"); });
  std::vector<std::string> seen;
  const auto guard = [&](const sockaddr& address, socklen_t) {
    char text[INET6_ADDRSTRLEN] = {};
    const auto& in = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    seen.push_back(std::string(text) + ":" + std::to_string(ntohs(in.sin_port)));
    return false;
  };
  const auto result = CurlHttpClient().send({.url = server.url(), .body = "x", .address_guard = guard});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, FailureKind::Refused);
  EXPECT_EQ(result.error().message, "address not allowed");
  EXPECT_FALSE(result.error().maybe_delivered);
  EXPECT_EQ(seen, std::vector<std::string>{"127.0.0.1:" + std::to_string(server.port())});
  EXPECT_TRUE(server.requests().empty());
  // A decimal spelling of 127.0.0.1 reaches the guard as 127.0.0.1.
  seen.clear();
  const auto decimal = "http://2130706433:" + std::to_string(server.port()) + "/";
  EXPECT_FALSE(CurlHttpClient().send({.url = decimal, .body = "x", .address_guard = guard}).has_value());
  EXPECT_EQ(seen, std::vector<std::string>{"127.0.0.1:" + std::to_string(server.port())});
}

TEST(CurlHttpClient, AGuardThatAllowsLetsTheRequestThrough) {
  LoopbackServer server([](const std::string&) { return response("204 No Content", "", ""); });
  const auto result = CurlHttpClient().send(
      {.url = server.url(), .body = "x", .address_guard = [](const sockaddr&, socklen_t) { return true; }});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->status, 204);
}

TEST(CurlHttpClient, NobodyListening) {
  unsigned short port = 0;
  {
    LoopbackServer gone([](const std::string&) { return std::string(); });
    port = gone.port();
  }
  const auto result = CurlHttpClient().send({.url = "http://127.0.0.1:" + std::to_string(port) + "/", .body = "x"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, FailureKind::Refused);
  EXPECT_FALSE(result.error().maybe_delivered);
}

TEST(CurlHttpClient, NotHttpIsAProtocolFailure) {
  LoopbackServer server([](const std::string&) { return std::string("SSH-2.0-OpenSSH_9.2\r\n"); });
  const auto result = CurlHttpClient().send({.url = server.url(), .body = "x"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, FailureKind::Protocol) << result.error().message;
}

TEST(CurlHttpClient, SpeaksOnlyHttpAndHttps) {
  for (const char* url : {"ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/", "dict://127.0.0.1/"}) {
    const auto result = CurlHttpClient().send({.method = "GET", .url = url});
    ASSERT_FALSE(result.has_value()) << url;
    EXPECT_EQ(result.error().kind, FailureKind::Protocol) << url;
  }
}

TEST(CurlHttpClient, GetAndHeadSendNoBody) {
  LoopbackServer server([](const std::string& request) {
    const auto full = response("200 OK", "", "body");
    // As HTTP says: a HEAD answer has the GET answer's headers (Content-Length: 4) and no body.
    return request.starts_with("HEAD") ? full.substr(0, full.size() - 4) : full;
  });
  const auto got = CurlHttpClient().send({.method = "GET", .url = server.url(), .body = "ignored"});
  ASSERT_TRUE(got.has_value()) << got.error().message;
  EXPECT_EQ(got->body, "body");
  // HEAD: the answer announces a body it does not send; the client must not wait for it.
  const auto head = CurlHttpClient().send({.method = "HEAD", .url = server.url(), .total_timeout = milliseconds(2000)});
  ASSERT_TRUE(head.has_value()) << head.error().message;
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_TRUE(requests[0].starts_with("GET / ")) << requests[0];
  EXPECT_TRUE(requests[0].ends_with("\r\n\r\n")) << requests[0];
  EXPECT_TRUE(requests[1].starts_with("HEAD / ")) << requests[1];
}

TEST(CurlHttpClient, BasicAuth) {
  LoopbackServer server([](const std::string&) { return response("200 OK", "", ""); });
  ASSERT_TRUE(CurlHttpClient().send({.url = server.url(), .body = "x", .basic_auth = "user:pa ss"}).has_value());
  EXPECT_NE(server.requests().at(0).find("Authorization: Basic dXNlcjpwYSBzcw==\r\n"), std::string::npos);
}

TEST(FormEncode, PercentEncodesInOrder) {
  EXPECT_EQ(form_encode({{"amount", "1000"}, {"metadata[order_id]", "ord_1"}, {"note", "a b&c=d/é"}}),
            "amount=1000&metadata%5Border_id%5D=ord_1&note=a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(form_encode({}), "");
}

}  // namespace
}  // namespace emporium::outbound
