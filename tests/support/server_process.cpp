#include "server_process.hpp"

#include <boost/json/parse.hpp>

#include <csignal>
#include <stdexcept>

namespace emporium::testing {

ServerProcess::RecordMatcher log_message_is(std::string message) {
  return [message = std::move(message)](const boost::json::object& record) {
    const auto* msg = record.if_contains("msg");
    return msg && msg->is_string() && msg->as_string() == message;
  };
}

namespace {

EnvVars server_env(const Sandbox& sandbox, const EnvVars& extra) {
  EnvVars vars{{"EMPORIUM_HOST", "127.0.0.1"},
               {"EMPORIUM_PORT", "0"},
               {"EMPORIUM_LOG_FORMAT", "json"},
               {"EMPORIUM_LOG_LEVEL", "info"},
               {"EMPORIUM_THREADS", "2"}};
  for (auto& var : sandbox.env()) vars.push_back(std::move(var));
  vars.insert(vars.end(), extra.begin(), extra.end());
  return vars;
}

std::optional<boost::json::object> parse_record(const std::string& line) {
  boost::system::error_code error;
  auto value = boost::json::parse(line, error);
  if (error || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

bool is_listening_line(const std::string& line) {
  const auto record = parse_record(line);
  return record && log_message_is("listening")(*record);
}
}  // namespace

ServerProcess::ServerProcess(const EnvVars& extra, Backend backend) : sandbox_(backend) {
  process_ = std::make_unique<ChildProcess>(std::vector<std::string>{emporium_binary(), "serve"},
                                            child_environment(server_env(sandbox_, extra)));
  await_listening();
}

ServerProcess::~ServerProcess() = default;

void ServerProcess::await_listening() {
  const auto line = process_->out().wait_for(is_listening_line, kStartDeadline);
  if (!line) {
    const auto code = process_->running() ? std::string("still running") : "exited";
    throw std::runtime_error("emporium serve did not log \"listening\" within " +
                             std::to_string(kStartDeadline.count()) + " s (" + code + "). Its output:\n" + output());
  }
  port_ = static_cast<unsigned short>(parse_record(*line)->at("port").to_number<int>());
}

std::vector<boost::json::object> ServerProcess::log_records() const {
  std::vector<boost::json::object> records;
  for (const auto& line : log_lines()) {
    if (auto record = parse_record(line)) records.push_back(std::move(*record));
  }
  return records;
}

std::optional<boost::json::object> ServerProcess::wait_for_log(const RecordMatcher& matches,
                                                               std::chrono::milliseconds timeout) const {
  const auto line = process_->out().wait_for(
      [&matches](const std::string& text) {
        const auto record = parse_record(text);
        return record && matches(*record);
      },
      timeout);
  if (!line) return std::nullopt;
  return parse_record(*line);
}

std::string ServerProcess::output() const {
  return "--- stdout ---\n" + process_->out().text() + "--- stderr ---\n" + process_->err().text();
}

int ServerProcess::stop(std::chrono::milliseconds timeout) {
  process_->signal(SIGTERM);
  const auto code = process_->wait_for_exit(timeout);
  if (!code) {
    process_->signal(SIGKILL);
    process_->wait_for_exit(kStopDeadline);
    throw std::runtime_error("emporium serve did not exit within " + std::to_string(timeout.count()) +
                             " ms of SIGTERM. Its output:\n" + output());
  }
  process_->finish_reading();
  return *code;
}

CommandResult run_emporium(const std::vector<std::string>& args, const EnvVars& env, std::chrono::milliseconds timeout,
                           const std::string& stdin_path) {
  std::vector<std::string> argv{emporium_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess process(argv, child_environment(env), stdin_path.empty() ? "/dev/null" : stdin_path);
  const auto code = process.wait_for_exit(timeout);
  if (!code) {
    process.signal(SIGKILL);
    throw std::runtime_error("emporium did not finish within " + std::to_string(timeout.count()) + " ms");
  }
  process.finish_reading();
  return {
      .exit_code = *code, .out = process.out().text(), .err = process.err().text(), .err_lines = process.err().lines()};
}

}  // namespace emporium::testing
