#pragma once
// A child process started with posix_spawn, its stdout and stderr read on background threads.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "output_lines.hpp"

namespace emporium::testing {

class ChildProcess {
 public:
  // `environment` holds "NAME=value" entries: the child's whole environment; its stdin reads `stdin_path`.
  // Throws when spawning fails.
  ChildProcess(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
               const std::string& stdin_path = "/dev/null");
  ~ChildProcess();  // stops the child if it still runs: SIGTERM, then SIGKILL after 3 s
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const OutputLines& out() const { return out_; }
  const OutputLines& err() const { return err_; }

  // Sends `number` unless the child has already been reaped.
  void signal(int number);
  // The exit code once the child has ended (128 + N when signal N ended it), or nothing after `timeout`.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  bool running();
  // Waits for the child to close its pipes, so that `out()` and `err()` hold everything it wrote.
  void finish_reading();

 private:
  bool reap();

  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  OutputLines out_;
  OutputLines err_;
  std::thread out_reader_;
  std::thread err_reader_;
};

}  // namespace emporium::testing
