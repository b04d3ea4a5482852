#pragma once
// Text a child process writes to one of its pipes, collected line by line on a background thread.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emporium::testing {

class OutputLines {
 public:
  using LineMatcher = std::function<bool(const std::string&)>;

  // Adds bytes as they arrive; complete lines become visible at once.
  void append(std::string_view chunk);
  // The writer closed the pipe: a last unterminated line is kept too.
  void close();

  std::vector<std::string> lines() const;
  std::string text() const;
  bool closed() const;
  // The first line that matches, waiting for it until `timeout` (or until the pipe closes).
  std::optional<std::string> wait_for(const LineMatcher& matches, std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<std::string> lines_;
  std::string partial_;
  bool closed_ = false;
};

}  // namespace emporium::testing
