#include "child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace emporium::testing {
namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
};

Pipe make_pipe() {
  std::array<int, 2> ends{};
  if (::pipe2(ends.data(), O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  return {ends[0], ends[1]};
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const auto& text : strings) pointers.push_back(const_cast<char*>(text.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

// Copies everything written to `fd` into `sink` until the writer closes it.
void pump(int fd, OutputLines& sink) {
  std::array<char, 4096> chunk{};
  for (;;) {
    const auto got = ::read(fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    sink.append(std::string_view(chunk.data(), static_cast<std::size_t>(got)));
  }
  ::close(fd);
  sink.close();
}

int exit_code_from(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                           const std::string& stdin_path) {
  const auto out = make_pipe();
  const auto err = make_pipe();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end, STDERR_FILENO);
  auto arguments = c_strings(argv);
  auto variables = c_strings(environment);
  const int failed = ::posix_spawn(&pid_, argv.at(0).c_str(), &actions, nullptr, arguments.data(), variables.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out.write_end);
  ::close(err.write_end);
  if (failed != 0) {
    ::close(out.read_end);
    ::close(err.read_end);
    throw std::runtime_error("cannot start " + argv.at(0) + ": " + std::strerror(failed));
  }
  out_reader_ = std::thread(pump, out.read_end, std::ref(out_));
  err_reader_ = std::thread(pump, err.read_end, std::ref(err_));
}

ChildProcess::~ChildProcess() {
  // Politely first: a server that exits normally also writes its coverage data (make coverage).
  if (running()) {
    signal(SIGTERM);
    wait_for_exit(std::chrono::seconds(3));
  }
  if (running()) {
    signal(SIGKILL);
    wait_for_exit(std::chrono::seconds(10));
  }
  finish_reading();
}

void ChildProcess::signal(int number) {
  if (!exit_code_) ::kill(pid_, number);  // not yet reaped: the pid is still ours
}

bool ChildProcess::reap() {
  if (exit_code_) return true;
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) exit_code_ = exit_code_from(status);
  return exit_code_.has_value();
}

std::optional<int> ChildProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!reap() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return exit_code_;
}

bool ChildProcess::running() { return !reap(); }

void ChildProcess::finish_reading() {
  if (out_reader_.joinable()) out_reader_.join();
  if (err_reader_.joinable()) err_reader_.join();
}

}  // namespace emporium::testing
