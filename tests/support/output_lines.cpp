#include "output_lines.hpp"

namespace emporium::testing {

void OutputLines::append(std::string_view chunk) {
  {
    const std::lock_guard lock(mutex_);
    partial_.append(chunk);
    std::size_t start = 0;
    for (auto end = partial_.find('\n'); end != std::string::npos; end = partial_.find('\n', start)) {
      lines_.emplace_back(partial_, start, end - start);
      start = end + 1;
    }
    partial_.erase(0, start);
  }
  changed_.notify_all();
}

void OutputLines::close() {
  {
    const std::lock_guard lock(mutex_);
    if (!partial_.empty()) lines_.push_back(std::move(partial_));
    partial_.clear();
    closed_ = true;
  }
  changed_.notify_all();
}

std::vector<std::string> OutputLines::lines() const {
  const std::lock_guard lock(mutex_);
  return lines_;
}

std::string OutputLines::text() const {
  const std::lock_guard lock(mutex_);
  std::string all;
  for (const auto& line : lines_) all += line + "\n";
  return all + partial_;
}

bool OutputLines::closed() const {
  const std::lock_guard lock(mutex_);
  return closed_;
}

std::optional<std::string> OutputLines::wait_for(const LineMatcher& matches, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  std::size_t checked = 0;
  std::optional<std::string> found;
  const auto seen = [&] {
    for (; checked < lines_.size() && !found; ++checked) {
      if (matches(lines_[checked])) found = lines_[checked];
    }
    return found.has_value() || closed_;
  };
  changed_.wait_for(lock, timeout, seen);
  return found;
}

}  // namespace emporium::testing
