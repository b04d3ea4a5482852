#include "local_service.hpp"

#include <csignal>
#include <stdexcept>

#include "environment.hpp"

namespace emporium::testing {
namespace {
constexpr std::chrono::seconds kServiceStartDeadline{15};
constexpr std::string_view kListening = "listening ";
}  // namespace

std::string fake_script(const std::string& name) { return std::string(EMPORIUM_FAKES_DIR) + "/" + name; }

LocalService::LocalService(const std::string& script, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/python3", "-u", fake_script(script)};
  argv.insert(argv.end(), args.begin(), args.end());
  process_ = std::make_unique<ChildProcess>(argv, child_environment({}));
  const auto line = process_->out().wait_for([](const std::string& text) { return text.starts_with(kListening); },
                                             kServiceStartDeadline);
  if (!line) throw std::runtime_error(script + " did not print \"listening <port>\". Its output:\n" + output());
  port_ = static_cast<unsigned short>(std::stoi(line->substr(kListening.size())));
}

LocalService::~LocalService() = default;

std::string LocalService::output() const {
  return "stdout:\n" + process_->out().text() + "\nstderr:\n" + process_->err().text();
}

void LocalService::stop() {
  process_->signal(SIGTERM);
  if (!process_->wait_for_exit(std::chrono::seconds(5))) process_->signal(SIGKILL);
  process_->wait_for_exit(std::chrono::seconds(5));
}

}  // namespace emporium::testing
