#pragma once
// The real `emporium serve`, started for one test on a free port with its own data dir and database.

#include <boost/json/object.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "environment.hpp"
#include "http_client.hpp"
#include "raw_connection.hpp"
#include "sandbox.hpp"

namespace emporium::testing {

inline constexpr std::chrono::seconds kStartDeadline{20};
inline constexpr std::chrono::seconds kStopDeadline{15};

class ServerProcess {
 public:
  using RecordMatcher = std::function<bool(const boost::json::object&)>;

  // Starts the server with EMPORIUM_PORT=0, JSON logs, a fresh sandbox and `extra` on top, and waits
  // until it logs "listening". Throws, quoting everything it printed, when it does not within kStartDeadline.
  explicit ServerProcess(const EnvVars& extra = {}, Backend backend = test_backend());
  ~ServerProcess();  // SIGKILL if still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  Backend backend() const { return sandbox_.backend(); }
  pid_t pid() const { return process_->pid(); }
  // Its data dir and database: `sandbox().env()` points another emporium command at the same store.
  const Sandbox& sandbox() const { return sandbox_; }

  HttpClient client() const { return HttpClient(port_); }
  RawConnection connect() const { return RawConnection(port_); }

  // Its stdout, one log line each; the JSON ones parsed.
  std::vector<std::string> log_lines() const { return process_->out().lines(); }
  std::vector<boost::json::object> log_records() const;
  // The first log record that matches, waiting up to `timeout` for it.
  std::optional<boost::json::object> wait_for_log(const RecordMatcher& matches,
                                                  std::chrono::milliseconds timeout = kIoTimeout) const;
  // stdout and stderr, for failure messages.
  std::string output() const;

  void signal(int number) { process_->signal(number); }
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout) { return process_->wait_for_exit(timeout); }
  // SIGTERM, then the exit code; throws (after SIGKILL) when it does not exit within `timeout`.
  int stop(std::chrono::milliseconds timeout = kStopDeadline);

 private:
  void await_listening();

  Sandbox sandbox_;
  std::unique_ptr<ChildProcess> process_;
  unsigned short port_ = 0;
};

// True for the log record whose "msg" is `message`.
ServerProcess::RecordMatcher log_message_is(std::string message);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::vector<std::string> err_lines;
};

// Runs `emporium ARGS...` to completion with `env` on top of the test environment, standard input read from
// `stdin_path` (/dev/null when empty); throws (after SIGKILL) when it has not finished within `timeout`.
CommandResult run_emporium(const std::vector<std::string>& args, const EnvVars& env = {},
                           std::chrono::milliseconds timeout = std::chrono::seconds(60),
                           const std::string& stdin_path = {});

}  // namespace emporium::testing
