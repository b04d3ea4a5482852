#pragma once
// One server for all the tests of a suite: for tests that cannot interfere with each other (each makes its
// own accounts), it saves a server start and, on PostgreSQL, a database per test.
//
//   class Login : public SharedServerTest<Login> {};
//   TEST_F(Login, …) { auto client = server().client(); … }
//
// A suite that needs other configuration defines `static EnvVars config()`; the default is accounts_config().

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "accounts_api.hpp"
#include "server_process.hpp"

namespace emporium::testing {

template <class Suite>
class SharedServerTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() { server_ = std::make_unique<ServerProcess>(Suite::config()); }
  static void TearDownTestSuite() { server_.reset(); }
  static EnvVars config() { return accounts_config(); }

 protected:
  static ServerProcess& server() {
    if (!server_) throw std::runtime_error("the suite's server did not start (see SetUpTestSuite's failure)");
    return *server_;
  }
  static HttpClient client() { return server().client(); }
  // A client whose requests come from another loopback address, so that per-IP rules see another client.
  static HttpClient client_from(const std::string& address) { return HttpClient(server().port(), address); }

 private:
  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace emporium::testing
