#pragma once
// A helper service on loopback for one test: the fake Stripe and PayPal APIs, a webhook receiver, an SMTP
// sink. Each is a Python script in tests/fakes, run with Debian's /usr/bin/python3, that binds port 0 and
// prints "listening <port>" as its first line of stdout; everything else it prints is kept for failure
// messages. Stopped (SIGTERM, then SIGKILL) when the object goes away.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "http_client.hpp"

namespace emporium::testing {

class LocalService {
 public:
  // `script` is a file name in tests/fakes ("fake_stripe.py"); `args` follow it on the command line.
  explicit LocalService(const std::string& script, const std::vector<std::string>& args = {});
  ~LocalService();
  LocalService(const LocalService&) = delete;
  LocalService& operator=(const LocalService&) = delete;

  unsigned short port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  HttpClient client() const { return HttpClient(port_); }
  // Everything it printed (stdout and stderr), for failure messages.
  std::string output() const;
  // Stops it now (a receiver that goes down); start a new LocalService to bring one back.
  void stop();

 private:
  std::unique_ptr<ChildProcess> process_;
  unsigned short port_ = 0;
};

// Absolute path of tests/fakes/<name>.
std::string fake_script(const std::string& name);

}  // namespace emporium::testing
