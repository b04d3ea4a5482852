#include "support/log.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <memory>

namespace emporium::log {
namespace {

std::atomic<Format> g_format{Format::Text};

// stdout through a large C library buffer, flushed once a second, on warnings and when asked: one write(2) per
// many lines, where spdlog's stdout sink makes one per line. Written synchronously under base_sink's mutex:
// an async logger would wake its worker thread for every line, and on a busy core those context switches
// cost more than formatting the line (measured: about 40% of a request's CPU).
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BufferedStdoutSink() { std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16); }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t line;
    formatter_->format(message, line);
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  void flush_() override { std::fflush(stdout); }
};
std::shared_ptr<spdlog::logger> g_logger;  // set once by configure(), before any thread logs

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::Debug:
      return spdlog::level::debug;
    case Level::Info:
      return spdlog::level::info;
    case Level::Warn:
      return spdlog::level::warn;
    case Level::Error:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

void append_json_string(fmt::memory_buffer& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out.append(std::string_view("\\\""));
        break;
      case '\\':
        out.append(std::string_view("\\\\"));
        break;
      case '\n':
        out.append(std::string_view("\\n"));
        break;
      case '\r':
        out.append(std::string_view("\\r"));
        break;
      case '\t':
        out.append(std::string_view("\\t"));
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void append_text_value(fmt::memory_buffer& out, std::string_view text) {
  const bool needs_quotes = text.empty() || text.find_first_of(" \"=\n\t") != std::string_view::npos;
  if (needs_quotes) {
    append_json_string(out, text);
  } else {
    out.append(text);
  }
}

void append_value(fmt::memory_buffer& out, const Field::Value& value, Format format) {
  if (const auto* text = std::get_if<std::string_view>(&value)) {
    format == Format::Json ? append_json_string(out, *text) : append_text_value(out, *text);
  } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
    fmt::format_to(std::back_inserter(out), "{}", *number);
  } else if (const auto* real = std::get_if<double>(&value)) {
    fmt::format_to(std::back_inserter(out), "{:.3f}", *real);
  } else {
    out.append(std::string_view(std::get<bool>(value) ? "true" : "false"));
  }
}

void append_line(fmt::memory_buffer& out, Format format, std::string_view message, Fields fields) {
  if (format == Format::Json) {
    out.append(std::string_view("\"msg\":"));
    append_json_string(out, message);
    for (const auto& field : fields) {
      out.push_back(',');
      append_json_string(out, field.key);
      out.push_back(':');
      append_value(out, field.value, format);
    }
  } else {
    out.append(message);
    for (const auto& field : fields) {
      out.push_back(' ');
      out.append(field.key);
      out.push_back('=');
      append_value(out, field.value, format);
    }
  }
}

}  // namespace

void configure(Level level, Format format) {
  g_format = format;
  auto sink = std::make_shared<BufferedStdoutSink>();
  g_logger = std::make_shared<spdlog::logger>("emporium", sink);
  if (format == Format::Json) {
    g_logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  } else {
    g_logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %-5l %v", spdlog::pattern_time_type::utc);
  }
  g_logger->set_level(to_spdlog(level));
  g_logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(g_logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void flush() {
  if (g_logger) g_logger->flush();
}

void shutdown() {
  if (g_logger) g_logger->flush();
  spdlog::shutdown();
  g_logger.reset();
}

bool enabled(Level level) {
  const auto& logger = g_logger ? g_logger : spdlog::default_logger();
  return logger && logger->should_log(to_spdlog(level));
}

void write(Level level, std::string_view message, Fields fields) {
  if (!enabled(level)) return;
  fmt::memory_buffer line;
  const auto format = g_logger ? g_format.load() : Format::Text;
  append_line(line, format, message, fields);
  const auto& logger = g_logger ? g_logger : spdlog::default_logger();
  logger->log(to_spdlog(level), std::string_view(line.data(), line.size()));
}

std::string format_line(Format format, std::string_view message, Fields fields) {
  fmt::memory_buffer line;
  append_line(line, format, message, fields);
  return fmt::to_string(line);
}

}  // namespace emporium::log
