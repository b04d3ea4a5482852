#include "operations/process_metrics.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace emporium::operations {
namespace {
struct StatFields {
  double cpu_seconds = 0;
  long threads = 0;
  long rss_pages = 0;
};

StatFields read_stat() {
  std::ifstream file("/proc/self/stat");
  std::string line;
  std::getline(file, line);
  StatFields fields;
  // The command name (field 2) may contain spaces: parse after its closing parenthesis.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return fields;
  std::istringstream rest(line.substr(close + 2));
  std::string value;
  const long ticks = sysconf(_SC_CLK_TCK);
  for (int field = 3; rest >> value; ++field) {
    if (field == 14 || field == 15)
      fields.cpu_seconds += static_cast<double>(std::stol(value)) / static_cast<double>(ticks);
    if (field == 20) fields.threads = std::stol(value);
    if (field == 24) {
      fields.rss_pages = std::stol(value);
      break;
    }
  }
  return fields;
}

long count_open_fds() {
  std::error_code error;
  long count = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error))
    ++count;
  return count;
}
}  // namespace

ProcessMetrics::ProcessMetrics()
    : start_time_seconds_(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count()) {}

void ProcessMetrics::write_prometheus(std::string& out) const {
  const auto stat = read_stat();
  fmt::format_to(std::back_inserter(out),
                 "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
                 "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes {}\n"
                 "# HELP process_cpu_seconds_total User and system CPU time spent in seconds.\n"
                 "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total {:.2f}\n"
                 "# HELP process_open_fds Open file descriptors.\n"
                 "# TYPE process_open_fds gauge\nprocess_open_fds {}\n"
                 "# HELP process_threads Operating system threads.\n"
                 "# TYPE process_threads gauge\nprocess_threads {}\n"
                 "# HELP process_start_time_seconds Start time of the process since the Unix epoch in seconds.\n"
                 "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds {:.3f}\n",
                 stat.rss_pages * sysconf(_SC_PAGESIZE), stat.cpu_seconds, count_open_fds(), stat.threads,
                 start_time_seconds_);
}

}  // namespace emporium::operations
